// The dashboard's rows and headline counts from the catalogue and each SLO's status: one row per
// SLO whatever happened to its status query (loading and backend errors are rows too, so an
// outage never hides an SLO), sorted worst budget first. Pure, no I/O.
import type { SloDto } from "@/lib/schemas/slo";
import type { SloStatusResponse } from "@/lib/schemas/status";
import { describeState, describeStatusError, type Tone } from "./describe";
import { worstBurn, type Severity } from "./tiers";

export type StatusResult = { state: "pending" } | { state: "error"; title: string; detail: string } | { state: "success"; data: SloStatusResponse };

export type DashboardRow = {
  slo: Pick<SloDto, "id" | "slug" | "name" | "service" | "team" | "objective">;
  phase: StatusResult["state"];
  sli: number | null;
  budgetRemaining: number | null;
  worst: { window: string; rate: number; severity: Severity | null } | null;
  state: { label: string; tone: Tone; detail: string };
  outOfBudget: boolean;
};

export function dashboardRow(slo: DashboardRow["slo"], r: StatusResult): DashboardRow {
  if (r.state === "pending")
    return { slo, phase: "pending", sli: null, budgetRemaining: null, worst: null, state: { label: "Loading", tone: "neutral", detail: "" }, outOfBudget: false };
  if (r.state === "error")
    return { slo, phase: "error", sli: null, budgetRemaining: null, worst: null, state: { label: "Unavailable", tone: "bad", detail: describeStatusError(r) }, outOfBudget: false };
  const { status, burnRateTiers } = r.data;
  const remaining = status.budget?.remaining ?? null;
  return {
    slo,
    phase: "success",
    sli: status.sli,
    budgetRemaining: remaining,
    worst: worstBurn(status.burnRates, burnRateTiers),
    state: describeState(status),
    outOfBudget: remaining !== null && remaining <= 0,
  };
}

const phaseRank: Record<DashboardRow["phase"], number> = { success: 0, error: 1, pending: 2 };

/** Worst budget first; SLOs without a budget (no data, unavailable, loading) after, by name. */
export function sortRows(rows: DashboardRow[]): DashboardRow[] {
  return [...rows].sort((a, b) => {
    const ab = a.budgetRemaining, bb = b.budgetRemaining;
    if (ab !== null && bb !== null && ab !== bb) return ab - bb;
    if ((ab === null) !== (bb === null)) return ab === null ? 1 : -1;
    if (phaseRank[a.phase] !== phaseRank[b.phase]) return phaseRank[a.phase] - phaseRank[b.phase];
    return a.slo.name.localeCompare(b.slo.name, "en");
  });
}

export type DashboardSummary = { total: number; burningFast: number; burningSlowly: number; outOfBudget: number; noData: number; unavailable: number; loading: number };

export function summarize(rows: DashboardRow[]): DashboardSummary {
  const count = (f: (r: DashboardRow) => boolean) => rows.filter(f).length;
  return {
    total: rows.length,
    burningFast: count((r) => r.worst?.severity === "page"),
    burningSlowly: count((r) => r.worst?.severity === "ticket"),
    outOfBudget: count((r) => r.outOfBudget),
    noData: count((r) => r.phase === "success" && r.state.label === "No data"),
    unavailable: count((r) => r.phase === "error"),
    loading: count((r) => r.phase === "pending"),
  };
}

/** "12 SLOs · 2 burning fast · 1 out of budget · 1 no data"; zero counts are left out. */
export function summaryText(s: DashboardSummary): string {
  const parts = [`${s.total} ${s.total === 1 ? "SLO" : "SLOs"}`];
  if (s.burningFast) parts.push(`${s.burningFast} burning fast`);
  if (s.burningSlowly) parts.push(`${s.burningSlowly} burning slowly`);
  if (s.outOfBudget) parts.push(`${s.outOfBudget} out of budget`);
  if (s.noData) parts.push(`${s.noData} no data`);
  if (s.unavailable) parts.push(`${s.unavailable} unavailable`);
  if (s.loading) parts.push(`${s.loading} loading`);
  return parts.join(" · ");
}

/** Teams present in the catalogue, for the filter. */
export const teamsOf = (slos: Pick<SloDto, "team">[]): string[] => [...new Set(slos.map((s) => s.team).filter(Boolean))].sort((a, b) => a.localeCompare(b, "en"));
