import "server-only";
// From the backend's ALERTS series to each generated alert's state and firing history. Pure, no I/O
// (the verb in alert-state.ts fetches). ALERTS{alertstate="pending"|"firing"} holds one sample per
// rule evaluation while an alert is active, with the alert's labels (sightline_tier among them).
import { ABSENT_TIER, DEVIATION_TIER } from "@/lib/promql/rules-names";
import type { AlertSettings, SloAlertsResponse } from "@/lib/schemas/rules";
import type { SloWindow } from "@/lib/schemas/slo";
import { burnRateTiers } from "@/lib/slo/burn-tiers";
import { tierId } from "@/lib/slo/tier-firing";

type Entry = SloAlertsResponse["alerts"][number];

export interface ActiveSample {
  labels: Record<string, string>;
}
export interface FiringSeries {
  labels: Record<string, string>;
  points: { t: number }[];
}

/** Every alert the SLO's rules can raise, in the order the rules list them. */
export function expectedAlerts(slo: { window: SloWindow; alerting: AlertSettings }): Pick<Entry, "tier" | "kind" | "severity" | "state">[] {
  const disabled = new Set<string>(slo.alerting.disabledTiers);
  return [
    ...burnRateTiers(slo.window).map((t) => ({ tier: tierId(t), kind: "burn" as const, severity: t.severity, state: disabled.has(tierId(t)) ? ("disabled" as const) : ("inactive" as const) })),
    { tier: DEVIATION_TIER, kind: "deviation" as const, severity: "ticket" as const, state: slo.alerting.deviation.enabled ? ("inactive" as const) : ("disabled" as const) },
    { tier: ABSENT_TIER, kind: "absent" as const, severity: "ticket" as const, state: "inactive" as const },
  ];
}

/**
 * Runs of consecutive firing samples (at most one step apart) as intervals: from the first sample
 * to the step after the last, or null when the run reaches the last step (still firing).
 */
export function firingRuns(points: readonly { t: number }[], stepSeconds: number, lastStepSeconds: number): { startSeconds: number; endSeconds: number | null }[] {
  const out: { startSeconds: number; endSeconds: number | null }[] = [];
  const ts = [...points].map((p) => p.t).sort((a, b) => a - b);
  for (let i = 0; i < ts.length; i++) {
    const start = ts[i];
    while (i + 1 < ts.length && ts[i + 1] - ts[i] <= stepSeconds) i++;
    out.push({ startSeconds: start, endSeconds: ts[i] + stepSeconds > lastStepSeconds ? null : ts[i] + stepSeconds });
  }
  return out;
}

export function alertStates(
  slo: { window: SloWindow; alerting: AlertSettings },
  active: readonly ActiveSample[],
  firing: readonly FiringSeries[],
  stepSeconds: number,
  lastStepSeconds: number,
): Entry[] {
  return expectedAlerts(slo).map((e) => {
    const mine = active.filter((s) => s.labels.sightline_tier === e.tier);
    const state = mine.some((s) => s.labels.alertstate === "firing") ? "firing" : mine.some((s) => s.labels.alertstate === "pending") ? "pending" : e.state;
    const points = firing.filter((s) => s.labels.sightline_tier === e.tier).flatMap((s) => s.points);
    return { ...e, state, history: firingRuns(points, stepSeconds, lastStepSeconds) };
  });
}
