// The catalogue's URL state (?team=&service=&status=&q=&page=), shared by the server page
// that parses it and the client component that writes it, so a filtered view is a link
// anyone can open. Unknown or malformed values are dropped rather than failing the page.
// Pure, no I/O.
import { isOneOf, SLO_STATUSES, type SloStatusValue as SloStatus } from "@/lib/schemas/values";
import type { SloListQuery } from "./slos/list";

export const SLO_PAGE_SIZE = 25;

export type SloSearch = { team: string; service: string; status: SloStatus | ""; q: string; page: number };

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

const first = (raw: RawParams, k: string): string => {
  const v = raw instanceof URLSearchParams ? raw.get(k) : raw[k];
  return (Array.isArray(v) ? v[0] : v ?? "").trim();
};

export function parseSloSearch(raw: RawParams): SloSearch {
  const status = first(raw, "status");
  const page = Number.parseInt(first(raw, "page"), 10);
  return {
    team: first(raw, "team").slice(0, 63),
    service: first(raw, "service").slice(0, 256),
    status: isOneOf(SLO_STATUSES, status) ? status : "",
    q: first(raw, "q").slice(0, 200),
    page: Number.isFinite(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/** The query string for a search, omitting defaults so URLs stay short. */
export function sloSearchToString(s: SloSearch): string {
  const sp = new URLSearchParams();
  if (s.team) sp.set("team", s.team);
  if (s.service) sp.set("service", s.service);
  if (s.status) sp.set("status", s.status);
  if (s.q) sp.set("q", s.q);
  if (s.page > 1) sp.set("page", String(s.page));
  const str = sp.toString();
  return str ? `?${str}` : "";
}

export function sloSearchToQuery(s: SloSearch): SloListQuery {
  return {
    team: s.team || undefined,
    service: s.service || undefined,
    status: s.status || undefined,
    q: s.q || undefined,
    limit: SLO_PAGE_SIZE,
    offset: (s.page - 1) * SLO_PAGE_SIZE,
  };
}

export const hasFilters = (s: SloSearch) => Boolean(s.team || s.service || s.status || s.q);
