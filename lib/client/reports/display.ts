// Words for the monthly report: verdicts, budget used, fast-burn periods, the month-level notices.
// Every verdict is a word (printed in black and white it still reads). Pure, no I/O.
import type { FastBurnPeriod, ReportResponse, ReportSloEntry } from "@/lib/schemas/report";
import { formatBurnRate, formatCount, formatDuration, formatPercent, formatUtcSeconds } from "../status/format";

type Answered = Extract<ReportSloEntry["result"], { kind: "answered" }>;

export const verdictText: Record<Answered["verdict"], string> = { met: "Met", missed: "Missed", uncertain: "Uncertain", no_data: "No data" };

export const verdictTone: Record<Answered["verdict"] | "unavailable" | "not_counted", string> = {
  met: "border-emerald-300 bg-emerald-50 text-emerald-800",
  missed: "border-red-300 bg-red-50 text-red-800",
  uncertain: "border-amber-300 bg-amber-50 text-amber-800",
  no_data: "border-zinc-300 bg-zinc-50 text-zinc-700",
  unavailable: "border-zinc-300 bg-zinc-50 text-zinc-700",
  not_counted: "border-zinc-300 bg-zinc-50 text-zinc-700",
};

/** Budget used, which may pass 100 %: 0.42 → "42 %", 1.8 → "180 % (overspent)". */
export function budgetUsedText(used: number | null): string {
  if (used === null) return "—";
  if (used > 1) return `${Math.round(used * 100).toLocaleString("en-US")} % (overspent)`;
  return formatPercent(used, 1);
}

export function sliText(r: Answered): string {
  if (r.sli === null) return "—";
  if (r.sliBounds) return `${formatPercent(r.sliBounds.lower)} – ${formatPercent(r.sliBounds.upper)}`;
  return formatPercent(r.sli);
}

/** Why an SLO has no verdict, in words. */
export function noDataText(r: Answered): string {
  return r.samplesSeen ? "No requests in this month." : "No samples in this month: before the backend's data, or the series did not exist yet.";
}

export function periodText(p: FastBurnPeriod): string {
  const span = `${formatUtcSeconds(p.startSeconds)} – ${p.ongoing ? "still firing at " : ""}${formatUtcSeconds(p.endSeconds)}`;
  return `${span} (${formatDuration(p.endSeconds - p.startSeconds)})`;
}

export const periodDetail = (p: FastBurnPeriod): string =>
  `peak burn ${formatBurnRate(p.peakBurnRate)}, ${formatCount(p.badRequests)} bad ${p.badRequests === 1 ? "request" : "requests"} · ${p.tiers.join(", ")}`;

/** The line under the title: what was counted, and until when. */
export function countedText(r: Pick<ReportResponse, "timing" | "month" | "countedUntilSeconds">): string {
  if (r.timing === "future") return `${r.month.label} has not started yet.`;
  if (r.timing === "current") return `${r.month.label} so far: counted until ${formatUtcSeconds(r.countedUntilSeconds)}.`;
  return `${r.month.label}, ${r.month.days} days (UTC).`;
}

export function noticeText(n: ReportResponse["notice"], r: Pick<ReportResponse, "month" | "team">): { title: string; detail: string } | null {
  if (n === "future") return { title: `${r.month.label} is in the future`, detail: "There is nothing to report yet. Pick a month that has started." };
  if (n === "before_data") return { title: `No data for ${r.month.label}`, detail: "None of this team's SLOs has a single sample in this month: it is before any data the backends hold." };
  if (n === "no_slos") return { title: `Team “${r.team}” has no SLOs`, detail: "Pick another team, or give SLOs this team in the catalogue." };
  return null;
}

/** "3 of 4 SLOs met their objective" (unavailable and no-data ones named separately). */
export function summaryText(t: ReportResponse["totals"]): string {
  const judged = t.met + t.missed + t.uncertain;
  const parts = [`${t.met} of ${judged} ${judged === 1 ? "SLO" : "SLOs"} met ${judged === 1 ? "its" : "their"} objective`];
  if (t.uncertain) parts.push(`${t.uncertain} uncertain (threshold between bucket boundaries)`);
  if (t.noData) parts.push(`${t.noData} without data`);
  if (t.unavailable) parts.push(`${t.unavailable} unavailable`);
  return parts.join(" · ");
}
