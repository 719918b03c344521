// Alert tier exceedance for the burn-rate table and the dashboard: a tier fires only when both
// its long and short look-backs reach the factor (SRE workbook ch. 5). Table-driven.
import { describe, expect, it } from "vitest";
import { checkTiers, firingSeverity, tierSentence, windowAlerts, worstBurn } from "@/lib/client/status/tiers";
import { formatBurnRate } from "@/lib/client/status/format";
import type { SloStatusResponse } from "@/lib/schemas/status";

type BurnRate = SloStatusResponse["status"]["burnRates"][number];
type Tier = SloStatusResponse["burnRateTiers"][number];
const WINDOWS = { "5m": 300, "30m": 1800, "1h": 3600, "2h": 7200, "6h": 21_600, "1d": 86_400, "3d": 259_200 } as const;
type W = keyof typeof WINDOWS;

/** Burn rates by window; null = no traffic. */
const rates = (r: Partial<Record<W, number | null>>): BurnRate[] =>
  (Object.keys(WINDOWS) as W[]).map((w) => {
    const rate = r[w] === undefined ? 0 : r[w];
    return { window: w, windowSeconds: WINDOWS[w], good: 0, total: rate === null ? 0 : 100, errorRatio: rate === null ? null : rate * 0.01, rate, reason: rate === null ? "no_traffic" : null };
  });

const tier = (severity: Tier["severity"], longWindow: W, shortWindow: W, budgetFraction: number, factor: number): Tier => ({
  severity,
  longWindow,
  shortWindow,
  longWindowSeconds: WINDOWS[longWindow],
  shortWindowSeconds: WINDOWS[shortWindow],
  budgetFraction,
  factor,
});
// The 30-day table of the SRE workbook.
const TIERS30 = [tier("page", "1h", "5m", 0.02, 14.4), tier("page", "6h", "30m", 0.05, 6), tier("ticket", "1d", "2h", 0.1, 3), tier("ticket", "3d", "6h", 0.1, 1)];

describe("checkTiers / firingSeverity", () => {
  it.each<[string, Partial<Record<W, number | null>>, boolean[], "page" | "ticket" | null]>([
    ["all quiet", {}, [false, false, false, false], null],
    ["fast burn in both 1h and 5m", { "1h": 15, "5m": 20 }, [true, false, false, false], "page"],
    ["long window only: the spike is over", { "1h": 15, "5m": 2 }, [false, false, false, false], null],
    ["short window only: just started", { "1h": 2, "5m": 30 }, [false, false, false, false], null],
    ["exactly at the factor counts", { "6h": 6, "30m": 6 }, [false, true, false, false], "page"],
    ["slow burn", { "3d": 1.2, "6h": 1.5 }, [false, false, false, true], "ticket"],
    ["page beats ticket", { "1h": 15, "5m": 15, "3d": 2, "6h": 2 }, [true, false, false, true], "page"],
    ["no traffic never fires", { "1h": null, "5m": null }, [false, false, false, false], null],
  ])("%s", (_n, r, exceeded, sev) => {
    const checks = checkTiers(rates(r), TIERS30);
    expect(checks.map((c) => c.exceeded)).toEqual(exceeded);
    expect(firingSeverity(checks)).toBe(sev);
  });
});

describe("windowAlerts: which factor cells to highlight", () => {
  it("marks each window's own exceedance and whether its tier fires", () => {
    const a = windowAlerts(rates({ "1h": 15, "5m": 2, "6h": 7, "30m": 8 }), TIERS30);
    expect(a.get("1h")).toEqual([{ severity: "page", factor: 14.4, role: "long", over: true, firing: false }]);
    expect(a.get("5m")).toEqual([{ severity: "page", factor: 14.4, role: "short", over: false, firing: false }]);
    expect(a.get("6h")).toEqual([
      { severity: "page", factor: 6, role: "long", over: true, firing: true },
      { severity: "ticket", factor: 1, role: "short", over: true, firing: false },
    ]);
    expect(a.get("2h")?.map((x) => x.over)).toEqual([false]);
  });
});

describe("worstBurn", () => {
  it.each<[string, Partial<Record<W, number | null>>, ReturnType<typeof worstBurn>]>([
    ["firing page: its long window", { "1h": 15, "5m": 20, "3d": 2, "6h": 2 }, { window: "1h", rate: 15, severity: "page" }],
    ["firing ticket only", { "3d": 1.2, "6h": 1.5, "5m": 9 }, { window: "3d", rate: 1.2, severity: "ticket" }],
    ["nothing firing: the highest rate", { "5m": 9, "1h": 2 }, { window: "5m", rate: 9, severity: null }],
  ])("%s", (_n, r, want) => expect(worstBurn(rates(r), TIERS30)).toEqual(want));
  it("no rate measured at all: null", () =>
    expect(worstBurn(rates({ "5m": null, "30m": null, "1h": null, "2h": null, "6h": null, "1d": null, "3d": null }), TIERS30)).toBeNull());
});

it("tierSentence names both windows, the factor and the budget share", () =>
  expect(tierSentence(checkTiers(rates({}), TIERS30)[0], formatBurnRate)).toBe("1h and 5m both burn at or above 14.4× (2 % of the budget in 1h)"));
