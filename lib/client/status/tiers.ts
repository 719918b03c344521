// Which multi-window, multi-burn-rate alert tiers a status exceeds (SRE workbook ch. 5: a tier
// fires when both its long and its short look-back burn at or above its factor), and which
// look-backs to highlight in the burn-rate table. The tiers themselves come from the API
// (derived from the SLO window in lib/slo). Pure, no I/O.
import type { SloStatusResponse } from "@/lib/schemas/status";

type BurnRate = SloStatusResponse["status"]["burnRates"][number];
type Tier = SloStatusResponse["burnRateTiers"][number];
export type Severity = Tier["severity"];

export type TierCheck = Tier & { longRate: number | null; shortRate: number | null; exceeded: boolean };

const rateOf = (rates: BurnRate[], w: string) => rates.find((r) => r.window === w)?.rate ?? null;
const atLeast = (rate: number | null, factor: number) => rate !== null && Number.isFinite(rate) && rate >= factor;

export function checkTiers(rates: BurnRate[], tiers: Tier[]): TierCheck[] {
  return tiers.map((t) => {
    const longRate = rateOf(rates, t.longWindow);
    const shortRate = rateOf(rates, t.shortWindow);
    return { ...t, longRate, shortRate, exceeded: atLeast(longRate, t.factor) && atLeast(shortRate, t.factor) };
  });
}

/** Per look-back: the tiers it takes part in and whether its own rate is over each factor. */
export type WindowAlert = { severity: Severity; factor: number; role: "long" | "short"; over: boolean; firing: boolean };

export function windowAlerts(rates: BurnRate[], tiers: Tier[]): Map<string, WindowAlert[]> {
  const out = new Map<string, WindowAlert[]>();
  for (const t of checkTiers(rates, tiers))
    for (const role of ["long", "short"] as const) {
      const w = role === "long" ? t.longWindow : t.shortWindow;
      const list = out.get(w) ?? [];
      list.push({ severity: t.severity, factor: t.factor, role, over: atLeast(role === "long" ? t.longRate : t.shortRate, t.factor), firing: t.exceeded });
      out.set(w, list);
    }
  return out;
}

/** The most severe firing tier (page before ticket, then the faster one), or null. */
export function firingSeverity(checks: TierCheck[]): Severity | null {
  if (checks.some((c) => c.exceeded && c.severity === "page")) return "page";
  if (checks.some((c) => c.exceeded && c.severity === "ticket")) return "ticket";
  return null;
}

/**
 * The one burn rate a manager should see: the long look-back of the most severe firing tier,
 * or else the highest rate measured over any look-back.
 */
export function worstBurn(rates: BurnRate[], tiers: Tier[]): { window: string; rate: number; severity: Severity | null } | null {
  const checks = checkTiers(rates, tiers);
  const sev = firingSeverity(checks);
  if (sev) {
    const c = checks.filter((x) => x.exceeded && x.severity === sev).sort((a, b) => (b.longRate ?? 0) / b.factor - (a.longRate ?? 0) / a.factor)[0];
    return { window: c.longWindow, rate: c.longRate ?? 0, severity: sev };
  }
  let best: { window: string; rate: number } | null = null;
  for (const r of rates) if (r.rate !== null && Number.isFinite(r.rate) && (best === null || r.rate > best.rate)) best = { window: r.window, rate: r.rate };
  return best ? { ...best, severity: null } : null;
}

/** "1h and 5m both burn at or above 3.36× (2 % of the budget in 1h)" for a firing tier (its badge says page/ticket). */
export const tierSentence = (c: TierCheck, fmt: (n: number) => string) =>
  `${c.longWindow} and ${c.shortWindow} both burn at or above ${fmt(c.factor)} (${Math.round(c.budgetFraction * 100)} % of the budget in ${c.longWindow})`;
