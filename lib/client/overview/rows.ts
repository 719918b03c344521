// The dashboard's rows from the overview: search and filter, sort, group, and the flat list of
// group headers and rows the virtualised table draws. Whatever is filtered away is not counted,
// exported or drawn; nothing here drops an SLO for lacking numbers (unavailable and no-data SLOs
// sort after the measured ones in either direction). Pure, no I/O.
import type { OverviewSlo, OverviewState } from "@/lib/schemas/overview";
import type { OverviewGroupBy, OverviewSearch, OverviewSort, SortDir } from "./search-params";

/** Worst first: what needs a manager's attention before what is fine. */
export const stateRank: Record<OverviewState, number> = { exhausted: 0, at_risk: 1, unavailable: 2, no_data: 3, ok: 4 };

const haystack = (s: OverviewSlo) => [s.name, s.slug, s.service, s.operation, s.team, s.owner, s.datasource.name].join("\n").toLowerCase();

/** Every whitespace-separated term of `q` must occur (case-insensitive); team and service match exactly. */
export function filterSlos(slos: OverviewSlo[], f: Pick<OverviewSearch, "q" | "team" | "service">): OverviewSlo[] {
  const terms = f.q.toLowerCase().split(/\s+/).filter(Boolean);
  return slos.filter((s) => (!f.team || s.team === f.team) && (!f.service || s.service === f.service) && (terms.length === 0 || terms.every((t) => haystack(s).includes(t))));
}

const sortValue: Record<Exclude<OverviewSort, "name">, (s: OverviewSlo) => number | null> = {
  budget: (s) => s.budgetRemaining,
  burn: (s) => s.worstBurnRate?.rate ?? null,
  sli: (s) => s.sli,
  state: (s) => stateRank[s.state],
};

const byName = (a: OverviewSlo, b: OverviewSlo) => a.name.localeCompare(b.name, "en") || a.slug.localeCompare(b.slug, "en");

/** Sorted copy; SLOs without the value (no data, unavailable) last in both directions, then by name. */
export function sortSlos(slos: OverviewSlo[], sort: OverviewSort, dir: SortDir): OverviewSlo[] {
  const sign = dir === "asc" ? 1 : -1;
  if (sort === "name") return [...slos].sort((a, b) => sign * byName(a, b));
  const value = sortValue[sort];
  return [...slos].sort((a, b) => {
    const va = value(a), vb = value(b);
    if (va === null || vb === null) return va === vb ? byName(a, b) : va === null ? 1 : -1;
    return sign * (va - vb) || byName(a, b);
  });
}

export type OverviewGroupRows = { key: string; label: string; slos: OverviewSlo[] };

const NO_TEAM = "No team";

/** Groups in A→Z order (SLOs without a team last); each keeps the order of `slos`. */
export function groupSlos(slos: OverviewSlo[], by: OverviewGroupBy): OverviewGroupRows[] {
  const groups = new Map<string, OverviewSlo[]>();
  for (const s of slos) {
    const key = by === "team" ? s.team : s.service;
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  return [...groups]
    .sort(([a], [b]) => (a === "") !== (b === "") ? (a === "" ? 1 : -1) : a.localeCompare(b, "en"))
    .map(([key, list]) => ({ key, label: key === "" ? NO_TEAM : key, slos: list }));
}

export type TableItem = { kind: "group"; key: string; label: string; count: number; atRisk: number; exhausted: number } | { kind: "slo"; key: string; slo: OverviewSlo };

/** Headers and rows in drawing order, for the virtualiser (one index per line on screen). */
export function tableItems(groups: OverviewGroupRows[]): TableItem[] {
  const out: TableItem[] = [];
  for (const g of groups) {
    out.push({
      kind: "group",
      key: `group:${g.key}`,
      label: g.label,
      count: g.slos.length,
      atRisk: g.slos.filter((s) => s.state === "at_risk").length,
      exhausted: g.slos.filter((s) => s.state === "exhausted").length,
    });
    for (const s of g.slos) out.push({ kind: "slo", key: s.id, slo: s });
  }
  return out;
}

/** Filter, sort and group in one go: what the page shows, the tiles count and the CSV holds. */
export function visibleGroups(slos: OverviewSlo[], s: OverviewSearch): OverviewGroupRows[] {
  return groupSlos(sortSlos(filterSlos(slos, s), s.sort, s.dir), s.group);
}

/** Values for the team and service pickers: the service list narrows to the chosen team. */
export function filterOptions(slos: OverviewSlo[], team: string): { teams: string[]; services: string[] } {
  const uniq = (xs: string[]) => [...new Set(xs.filter(Boolean))].sort((a, b) => a.localeCompare(b, "en"));
  return { teams: uniq(slos.map((s) => s.team)), services: uniq(slos.filter((s) => !team || s.team === team).map((s) => s.service)) };
}
