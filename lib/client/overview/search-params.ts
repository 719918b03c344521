// URL state of /dashboard, shared by the server page (which parses it to prefetch and to 404 on a
// team or service nobody has) and the client body (which writes it), so a filtered, sorted view is
// a link anyone can open:
//   ?group=team|service   rows grouped by (default team)
//   ?sort=name|budget|burn|sli|state  &dir=asc|desc   (default: budget left, worst first)
//   ?q=<text>             search over name, slug, service, operation, team, owner, datasource
//   ?team= ?service=      exact filters
//   ?at=<unix seconds>    evaluate as of that moment (lib/client/status/search-params.ts)
// Defaults are left out of the URL; malformed values fall back to them. Pure, no I/O.
import { parseAt } from "../status/search-params";

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

export const OVERVIEW_GROUPS = ["team", "service"] as const;
export type OverviewGroupBy = (typeof OVERVIEW_GROUPS)[number];
export const OVERVIEW_SORTS = ["name", "budget", "burn", "sli", "state"] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];
export type SortDir = "asc" | "desc";

export type OverviewSearch = { group: OverviewGroupBy; sort: OverviewSort; dir: SortDir; q: string; team: string; service: string; at: number | undefined };

/** The direction that puts the worst SLOs first (names A→Z). */
export const defaultDir: Record<OverviewSort, SortDir> = { name: "asc", budget: "asc", burn: "desc", sli: "asc", state: "asc" };

export const DEFAULT_SEARCH: OverviewSearch = { group: "team", sort: "budget", dir: "asc", q: "", team: "", service: "", at: undefined };

const first = (raw: RawParams, k: string): string => {
  const v = raw instanceof URLSearchParams ? raw.get(k) : raw[k];
  return (Array.isArray(v) ? v[0] : (v ?? "")).trim();
};
const oneOf = <T extends string>(list: readonly T[], v: string, fallback: T): T => ((list as readonly string[]).includes(v) ? (v as T) : fallback);

// The API takes team and service up to 200 characters; a search longer than that is not a search.
const MAX_TEXT = 200;

export function parseOverviewSearch(raw: RawParams): OverviewSearch {
  const sort = oneOf(OVERVIEW_SORTS, first(raw, "sort"), DEFAULT_SEARCH.sort);
  return {
    group: oneOf(OVERVIEW_GROUPS, first(raw, "group"), DEFAULT_SEARCH.group),
    sort,
    dir: oneOf(["asc", "desc"] as const, first(raw, "dir"), defaultDir[sort]),
    q: first(raw, "q").slice(0, MAX_TEXT),
    team: first(raw, "team").slice(0, MAX_TEXT),
    service: first(raw, "service").slice(0, MAX_TEXT),
    at: parseAt(raw),
  };
}

/** `?…` for a search, defaults left out (""), in a fixed key order so equal views have equal links. */
export function overviewSearchString(s: OverviewSearch): string {
  const sp = new URLSearchParams();
  if (s.group !== DEFAULT_SEARCH.group) sp.set("group", s.group);
  if (s.sort !== DEFAULT_SEARCH.sort) sp.set("sort", s.sort);
  if (s.dir !== defaultDir[s.sort]) sp.set("dir", s.dir);
  if (s.q) sp.set("q", s.q);
  if (s.team) sp.set("team", s.team);
  if (s.service) sp.set("service", s.service);
  if (s.at !== undefined) sp.set("at", String(s.at));
  const out = sp.toString();
  return out ? `?${out}` : "";
}

/** A click on a column header: the same column flips direction, another starts worst first. */
export const toggleSort = (s: OverviewSearch, sort: OverviewSort): OverviewSearch =>
  s.sort === sort ? { ...s, dir: s.dir === "asc" ? "desc" : "asc" } : { ...s, sort, dir: defaultDir[sort] };
