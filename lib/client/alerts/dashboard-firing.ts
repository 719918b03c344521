// The dashboard's firing count without one alerts request per SLO: which SLOs have a page or ticket
// alert firing, read off the statuses the dashboard already fetched (a tier fires when both its
// windows burn at or above its factor, the condition the generated rule evaluates) and leaving out
// the tiers switched off on the SLO, which have no rule. It can run ahead of the backend's ALERTS
// by a rule's evaluation interval and `for`. Pure, no I/O.
import type { AlertSettings } from "@/lib/schemas/rules";
import { tierId } from "@/lib/slo/tier-firing";
import type { StatusResult } from "../status/dashboard";
import { checkTiers, firingSeverity, type Severity } from "../status/tiers";

type Status = Extract<StatusResult, { state: "success" }>["data"];

/** The most severe tier firing on one SLO, ignoring disabled tiers; null when none. */
export function firingAlertSeverity(data: Status, alerting: Pick<AlertSettings, "disabledTiers">): Severity | null {
  const off = new Set<string>(alerting.disabledTiers);
  const checks = checkTiers(data.status.burnRates, data.burnRateTiers).filter((c) => !off.has(tierId(c)));
  return firingSeverity(checks);
}

export type FiringCount = { page: number; ticket: number; pending: number };

/** SLOs by their most severe firing alert (an SLO with both counts once, as page); unanswered statuses as pending. */
export function countFiring(items: readonly { alerting: Pick<AlertSettings, "disabledTiers">; result: StatusResult }[]): FiringCount {
  const out: FiringCount = { page: 0, ticket: 0, pending: 0 };
  for (const { alerting, result } of items) {
    if (result.state === "pending") out.pending++;
    if (result.state !== "success") continue;
    const sev = firingAlertSeverity(result.data, alerting);
    if (sev) out[sev]++;
  }
  return out;
}

/** "2 SLOs with a page alert firing · 1 with a ticket alert firing"; "No alert firing". */
export function firingText(c: FiringCount): string {
  const parts: string[] = [];
  if (c.page) parts.push(`${c.page} ${c.page === 1 ? "SLO" : "SLOs"} with a page alert firing`);
  if (c.ticket) parts.push(`${c.ticket}${parts.length ? "" : c.ticket === 1 ? " SLO" : " SLOs"} with a ticket alert firing`);
  const text = parts.length ? parts.join(" · ") : "No alert firing";
  return c.pending ? `${text} (${c.pending} still loading)` : text;
}
