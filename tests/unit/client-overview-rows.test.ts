// The dashboard's pure mappers: URL state, search and filters, sort (missing values last in
// both directions), grouping, the virtualiser's flat list, tiles and the sparkline geometry.
import { describe, expect, it } from "vitest";
import type { OverviewSlo } from "@/lib/schemas/overview";
import { filterOptions, filterSlos, groupSlos, sortSlos, tableItems, visibleGroups } from "@/lib/client/overview/rows";
import { DEFAULT_SEARCH, overviewSearchString, parseOverviewSearch, toggleSort } from "@/lib/client/overview/search-params";
import { sparkline } from "@/lib/client/overview/sparkline";
import { overviewTiles, tilesText } from "@/lib/client/overview/tiles";
import { describeOverviewState, describePath, describeSli, describeTrend } from "@/lib/client/overview/display";
import { overviewSlo } from "@/tests/fixtures/overview";

const a = overviewSlo({ name: "Alpha", budgetRemaining: 0.8, sli: 0.998, worstBurnRate: { window: "1h", rate: 0.2, severity: null } });
const b = overviewSlo({ name: "Bravo", team: "search", service: "search", state: "exhausted", budgetRemaining: -0.4, sli: 0.986, worstBurnRate: { window: "1h", rate: 15, severity: "page" } });
const c = overviewSlo({ name: "Charlie", state: "at_risk", budgetRemaining: 0.1, sli: 0.991, worstBurnRate: { window: "6h", rate: 6.5, severity: "page" } });
const nd = overviewSlo({ name: "Delta", team: "", state: "no_data", measurement: "no_data", sli: null, budgetRemaining: null, worstBurnRate: null, good: 0, total: 0 });
const un = overviewSlo({ name: "Echo", team: "search", service: "search", state: "unavailable", path: "unavailable", measurement: null, sli: null, budgetRemaining: null, worstBurnRate: null, good: null, total: null, problem: "Prometheus did not answer" });
const all = [a, b, c, nd, un];
const names = (xs: OverviewSlo[]) => xs.map((s) => s.name);

describe("URL state", () => {
  it.each([
    [{}, DEFAULT_SEARCH],
    [{ group: "service", sort: "burn", q: " checkout ", team: "payments" }, { ...DEFAULT_SEARCH, group: "service", sort: "burn", dir: "desc", q: "checkout", team: "payments" }],
    [{ group: "owner", sort: "random", dir: "sideways", at: "garbage" }, DEFAULT_SEARCH],
    [{ sort: "name", dir: "desc", at: "1795550000", service: ["a", "b"] }, { ...DEFAULT_SEARCH, sort: "name", dir: "desc", at: 1795550000, service: "a" }],
  ] as const)("parses %j", (raw, want) => expect(parseOverviewSearch(raw as Record<string, string | string[]>)).toEqual(want));

  it("writes only what differs from the defaults, and reads back what it wrote", () => {
    expect(overviewSearchString(DEFAULT_SEARCH)).toBe("");
    const s = { ...DEFAULT_SEARCH, group: "service" as const, sort: "sli" as const, dir: "desc" as const, q: "a&b", team: "pay ments", at: 5 };
    const qs = overviewSearchString(s);
    expect(qs).toBe("?group=service&sort=sli&dir=desc&q=a%26b&team=pay+ments&at=5");
    expect(parseOverviewSearch(new URLSearchParams(qs))).toEqual(s);
  });

  it.each([
    ["budget", "asc", "budget", { sort: "budget", dir: "desc" }],
    ["budget", "asc", "burn", { sort: "burn", dir: "desc" }],
    ["burn", "desc", "name", { sort: "name", dir: "asc" }],
    ["name", "asc", "name", { sort: "name", dir: "desc" }],
  ] as const)("sorted by %s %s, a click on %s gives %j", (sort, dir, click, want) =>
    expect(toggleSort({ ...DEFAULT_SEARCH, sort, dir }, click)).toMatchObject(want));
});

describe("search and filters", () => {
  it.each([
    [{ q: "", team: "", service: "" }, ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]],
    [{ q: "ALP", team: "", service: "" }, ["Alpha"]],
    [{ q: "search echo", team: "", service: "" }, ["Echo"]], // every term must match
    [{ q: "prometheus", team: "", service: "" }, ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]], // the datasource name counts
    [{ q: "", team: "search", service: "" }, ["Bravo", "Echo"]],
    [{ q: "", team: "pay", service: "" }, []], // exact, not a prefix
    [{ q: "", team: "", service: "checkout" }, ["Alpha", "Charlie", "Delta"]],
  ])("%j", (f, want) => expect(names(filterSlos(all, f))).toEqual(want));

  it("offers every team, and the services of the chosen team", () => {
    expect(filterOptions(all, "")).toEqual({ teams: ["payments", "search"], services: ["checkout", "search"] });
    expect(filterOptions(all, "search").services).toEqual(["search"]);
  });
});

describe("sort", () => {
  it.each([
    ["budget", "asc", ["Bravo", "Charlie", "Alpha", "Delta", "Echo"]],
    ["budget", "desc", ["Alpha", "Charlie", "Bravo", "Delta", "Echo"]], // no budget stays last
    ["burn", "desc", ["Bravo", "Charlie", "Alpha", "Delta", "Echo"]],
    ["sli", "asc", ["Bravo", "Charlie", "Alpha", "Delta", "Echo"]],
    ["state", "asc", ["Bravo", "Charlie", "Echo", "Delta", "Alpha"]], // exhausted, at risk, unavailable, no data, ok
    ["state", "desc", ["Alpha", "Delta", "Echo", "Charlie", "Bravo"]],
    ["name", "desc", ["Echo", "Delta", "Charlie", "Bravo", "Alpha"]],
  ] as const)("%s %s", (sort, dir, want) => expect(names(sortSlos(all, sort, dir))).toEqual(want));

  it("ties break by name, and the input is left alone", () => {
    const x = overviewSlo({ name: "Zulu", budgetRemaining: 0.8 });
    const input = [x, a];
    expect(names(sortSlos(input, "budget", "asc"))).toEqual(["Alpha", "Zulu"]);
    expect(names(input)).toEqual(["Zulu", "Alpha"]);
  });
});

describe("groups and the table's lines", () => {
  it("groups A→Z with SLOs without a team last, keeping the sort inside each group", () => {
    const g = groupSlos(sortSlos(all, "budget", "asc"), "team");
    expect(g.map((x) => [x.label, names(x.slos)])).toEqual([
      ["payments", ["Charlie", "Alpha"]],
      ["search", ["Bravo", "Echo"]],
      ["No team", ["Delta"]],
    ]);
    expect(groupSlos(all, "service").map((x) => x.key)).toEqual(["checkout", "search"]);
  });

  it("flattens into one header per group then its rows, with the header's counts", () => {
    const items = tableItems(visibleGroups(all, { ...DEFAULT_SEARCH, team: "search" }));
    expect(items.map((i) => (i.kind === "group" ? `# ${i.label} ${i.count}/${i.exhausted}/${i.atRisk}` : i.slo.name))).toEqual(["# search 2/1/0", "Bravo", "Echo"]);
    expect(tableItems([])).toEqual([]);
  });
});

describe("tiles", () => {
  it("counts the SLOs shown by state", () => {
    const t = overviewTiles(all);
    // Paging is counted per tile: the at-risk one (Charlie) under at risk, the exhausted one (Bravo) under exhausted.
    expect(t).toEqual({ total: 5, atRisk: 1, paging: 1, exhausted: 1, exhaustedPaging: 1, noData: 1, unavailable: 1, recorded: 0 });
    expect(tilesText(t)).toBe("5 SLOs · 1 at risk · 1 exhausted · 1 no data · 1 unavailable");
    expect(tilesText(overviewTiles([]))).toBe("0 SLOs");
    expect(tilesText(overviewTiles(Array.from({ length: 1000 }, (_, i) => overviewSlo({ name: `s${i}` }))))).toBe("1,000 SLOs");
  });
});

describe("sparkline", () => {
  const pts = (...v: (number | null)[]) => v;
  it.each([
    ["no traffic at all draws nothing", pts(null, null), null],
    ["a gap splits the line", pts(1, null, 0.98), { d: "M1.5 2.8M98.5 15.4", below: true, points: 2 }],
    ["the objective is inside the scale", pts(1, 1), { d: "M1.5 2.8L98.5 2.8", objectiveY: 15.4, below: false }],
    ["a flat series at the objective gets a band", pts(0.99, 0.99, 0.99), { d: "M1.5 9.1L50 9.1L98.5 9.1", objectiveY: 9.1 }],
    // Exhausted, far below the objective: the line keeps headroom above the bottom edge (20 − 1.5).
    ["an SLO far below its objective stays off the bottom edge", pts(0.9, 0.9), { d: "M1.5 15.4L98.5 15.4", objectiveY: 2.8, below: true }],
  ] as const)("%s", (_, trend, want) => {
    const s = sparkline(trend, 0.99, 100, 20);
    if (want === null) expect(s).toBeNull();
    else expect(s).toMatchObject(want);
  });
});

describe("row words", () => {
  it.each([
    [un, { label: "Unavailable", tone: "bad", detail: "Prometheus did not answer" }],
    [overviewSlo({ name: "x", state: "unavailable", problem: null }), { label: "Unavailable", detail: "Prometheus did not answer" }],
    [nd, { label: "No data", tone: "neutral", detail: "no requests in the window" }],
    [overviewSlo({ name: "x", state: "at_risk", measurement: "insufficient_data", total: 12, firing: [{ tier: "page-1h", severity: "page" }] }), { label: "At risk", detail: "only 12 requests: not trusted · firing: page-1h" }],
    [a, { label: "OK", tone: "good", detail: "" }],
  ] as const)("%#", (s, want) => expect(describeOverviewState(s)).toMatchObject(want));

  it("marks the read path discreetly, and says why an SLI is a bound", () => {
    expect([describePath("raw")?.mark, describePath("recorded")?.mark, describePath("unavailable")]).toEqual(["raw", "rec", null]);
    expect(describeSli(overviewSlo({ name: "x", sli: 0.98, sliBounds: { lower: 0.98, upper: 0.99 } }))).toMatch(/^between 98.00 % and 99.00 %/);
    expect(describeSli(un)).toBe("no numbers: the datasource did not answer");
    expect(describeTrend([null, 0.97, 0.99])).toBe("SLI over 7 days, lowest step 97.00 %");
  });
});
