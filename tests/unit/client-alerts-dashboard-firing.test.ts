// The dashboard's firing count from statuses already fetched: a tier fires when both its windows
// reach its factor; tiers switched off on the SLO have no rule and never count. Table-driven.
import { describe, expect, it } from "vitest";
import { countFiring, firingAlertSeverity, firingText } from "@/lib/client/alerts/dashboard-firing";
import type { AlertTierId } from "@/lib/schemas/rules";
import type { SloStatusResponse } from "@/lib/schemas/status";
import type { StatusResult } from "@/lib/client/status/dashboard";

const WINDOWS = { "5m": 300, "30m": 1800, "1h": 3600, "2h": 7200, "6h": 21_600, "1d": 86_400, "3d": 259_200 } as const;
type W = keyof typeof WINDOWS;
const tier = (severity: "page" | "ticket", longWindow: W, shortWindow: W, factor: number) => ({
  severity, longWindow, shortWindow, longWindowSeconds: WINDOWS[longWindow], shortWindowSeconds: WINDOWS[shortWindow], budgetFraction: 0.1, factor,
});
const TIERS = [tier("page", "1h", "5m", 14.4), tier("page", "6h", "30m", 6), tier("ticket", "1d", "2h", 3), tier("ticket", "3d", "6h", 1)];

function status(r: Partial<Record<W, number>>): SloStatusResponse {
  const burnRates = (Object.keys(WINDOWS) as W[]).map((w) => ({ window: w, windowSeconds: WINDOWS[w], good: 0, total: 100, errorRatio: 0, rate: r[w] ?? 0, reason: null }));
  return { status: { burnRates }, burnRateTiers: TIERS } as unknown as SloStatusResponse;
}
const ok = (r: Partial<Record<W, number>>): StatusResult => ({ state: "success", data: status(r) });
const FAST = { "1h": 20, "5m": 20 } as const;
const SLOW = { "3d": 1.5, "6h": 1.5 } as const;
const off = (...t: AlertTierId[]) => ({ disabledTiers: t });

describe("firingAlertSeverity", () => {
  it.each<[string, Partial<Record<W, number>>, AlertTierId[], "page" | "ticket" | null]>([
    ["quiet", {}, [], null],
    ["fast burn pages", FAST, [], "page"],
    ["long window only does not fire", { "1h": 20 }, [], null],
    ["slow burn tickets", SLOW, [], "ticket"],
    ["page and ticket: page", { ...FAST, ...SLOW }, [], "page"],
    ["page tier switched off: no page", FAST, ["page-1h"], null],
    ["page off, ticket still fires", { ...FAST, ...SLOW }, ["page-1h"], "ticket"],
    ["another tier off changes nothing", FAST, ["ticket-3d"], "page"],
  ])("%s", (_, rates, disabled, want) => expect(firingAlertSeverity(status(rates), off(...disabled))).toBe(want));
});

describe("countFiring / firingText", () => {
  it("counts each SLO once by its most severe alert; errors do not count, pending is said", () => {
    const c = countFiring([
      { alerting: off(), result: ok({ ...FAST, ...SLOW }) },
      { alerting: off(), result: ok(SLOW) },
      { alerting: off("page-1h"), result: ok(FAST) },
      { alerting: off(), result: { state: "error", title: "down", detail: "" } },
      { alerting: off(), result: { state: "pending" } },
    ]);
    expect(c).toEqual({ page: 1, ticket: 1, pending: 1 });
    expect(firingText(c)).toBe("1 SLO with a page alert firing · 1 with a ticket alert firing (1 still loading)");
  });
  it.each<[{ page: number; ticket: number; pending: number }, string]>([
    [{ page: 0, ticket: 0, pending: 0 }, "No alert firing"],
    [{ page: 2, ticket: 0, pending: 0 }, "2 SLOs with a page alert firing"],
    [{ page: 0, ticket: 3, pending: 0 }, "3 SLOs with a ticket alert firing"],
    [{ page: 0, ticket: 1, pending: 2 }, "1 SLO with a ticket alert firing (2 still loading)"],
  ])("%o → %s", (c, want) => expect(firingText(c)).toBe(want));
});
