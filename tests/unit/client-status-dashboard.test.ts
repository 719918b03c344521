// Dashboard rows and counts: every SLO gets a row whatever its status query did, worst budget
// first, and the summary line counts what a manager asks about. Table-driven.
import { describe, expect, it } from "vitest";
import { dashboardRow, sortRows, summarize, summaryText, teamsOf, type StatusResult } from "@/lib/client/status/dashboard";
import type { SloStatusResponse } from "@/lib/schemas/status";

const slo = (name: string, team = "payments") => ({ id: name, slug: name, name, service: "checkout", team, objective: 0.99 });

function ok(remaining: number | null, opts: { state?: SloStatusResponse["status"]["state"]; page?: boolean } = {}): StatusResult {
  const rate = (w: string, r: number) => ({ window: w as "1h", windowSeconds: 3600, good: 0, total: 10, errorRatio: 0, rate: r, reason: null });
  const data = {
    status: {
      state: opts.state ?? "ok",
      sli: remaining === null ? null : 0.99,
      budget: remaining === null ? null : { remaining },
      burnRates: [rate("5m", opts.page ? 20 : 0.5), rate("1h", opts.page ? 15 : 0.4)],
      warnings: [],
      noData: opts.state === "no_data" ? { seconds: 3600, sinceSeconds: 0, samplesSeen: true } : null,
      total: 10,
    },
    burnRateTiers: [{ severity: "page", longWindow: "1h", shortWindow: "5m", longWindowSeconds: 3600, shortWindowSeconds: 300, budgetFraction: 0.02, factor: 14.4 }],
  } as unknown as SloStatusResponse;
  return { state: "success", data };
}

describe("dashboardRow", () => {
  it("success: numbers, worst burn and state", () => {
    const r = dashboardRow(slo("a"), ok(-0.2, { page: true }));
    expect(r).toMatchObject({ phase: "success", sli: 0.99, budgetRemaining: -0.2, outOfBudget: true, worst: { window: "1h", rate: 15, severity: "page" }, state: { label: "Measured" } });
  });
  it("error: the backend's words, no numbers", () => {
    const r = dashboardRow(slo("b"), { state: "error", title: "A backend did not answer properly", detail: "no data from Prometheus: refused" });
    expect(r).toMatchObject({ phase: "error", sli: null, budgetRemaining: null, worst: null, state: { label: "Unavailable", tone: "bad", detail: "No data from Prometheus: refused" } });
  });
  it("pending: a row all the same", () => expect(dashboardRow(slo("c"), { state: "pending" }).phase).toBe("pending"));
});

describe("sortRows: worst budget first, then no budget, errors, loading, by name", () => {
  it("orders a mixed list", () => {
    const rows = [
      dashboardRow(slo("loading"), { state: "pending" }),
      dashboardRow(slo("healthy"), ok(0.9)),
      dashboardRow(slo("down"), { state: "error", title: "x", detail: "" }),
      dashboardRow(slo("overspent"), ok(-1.3)),
      dashboardRow(slo("quiet"), ok(null, { state: "no_data" })),
      dashboardRow(slo("low"), ok(0.1)),
      dashboardRow(slo("also-healthy"), ok(0.9)),
    ];
    expect(sortRows(rows).map((r) => r.slo.name)).toEqual(["overspent", "low", "also-healthy", "healthy", "quiet", "down", "loading"]);
  });
});

describe("summary", () => {
  it.each<[string, StatusResult[], string]>([
    ["empty", [], "0 SLOs"],
    ["one healthy", [ok(0.9)], "1 SLO"],
    [
      "a mix",
      [ok(0.9), ok(-0.1, { page: true }), ok(0.5, { page: true }), ok(null, { state: "no_data" }), { state: "error", title: "t", detail: "d" }, { state: "pending" }],
      "6 SLOs · 2 burning fast · 1 out of budget · 1 no data · 1 unavailable · 1 loading",
    ],
  ])("%s", (_n, results, want) => expect(summaryText(summarize(results.map((r, i) => dashboardRow(slo(`s${i}`), r))))).toBe(want));

  it("teamsOf: distinct, sorted, without blanks", () => expect(teamsOf([{ team: "search" }, { team: "" }, { team: "payments" }, { team: "search" }])).toEqual(["payments", "search"]));
});
