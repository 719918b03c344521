// An overview row in words: the state badge with the sentence that explains it (the problem of an
// unavailable datasource, a measurement caveat, the alerts firing) and which read path answered.
// Phrased once here for the table and its tests. Pure, no I/O.
import type { OverviewSlo, OverviewState } from "@/lib/schemas/overview";
import type { Tone } from "../status/describe";
import { formatCount, formatPercent } from "../status/format";

export const overviewStateLabel: Record<OverviewState, string> = { ok: "OK", at_risk: "At risk", exhausted: "Exhausted", no_data: "No data", unavailable: "Unavailable" };
const stateTone: Record<OverviewState, Tone> = { ok: "good", at_risk: "warn", exhausted: "bad", no_data: "neutral", unavailable: "bad" };

export function describeOverviewState(s: OverviewSlo): { label: string; tone: Tone; detail: string } {
  const base = { label: overviewStateLabel[s.state], tone: stateTone[s.state] };
  if (s.state === "unavailable") return { ...base, detail: s.problem ?? `${s.datasource.name} did not answer` };
  const notes: string[] = [];
  if (s.measurement === "insufficient_data") notes.push(`only ${formatCount(s.total)} requests: not trusted`);
  if (s.measurement === "inconsistent") notes.push("more good than total counted: capped");
  if (s.state === "no_data") notes.push("no requests in the window");
  if (s.firing?.length) notes.push(`firing: ${s.firing.map((f) => f.tier).join(", ")}`);
  return { ...base, detail: notes.join(" · ") };
}

/** The discreet read-path mark: where the numbers came from, for people who ask. */
export function describePath(p: OverviewSlo["path"]): { mark: string; title: string } | null {
  if (p === "raw") return { mark: "raw", title: "Read from the span-metric histogram (grouped raw queries)" };
  if (p === "recorded") return { mark: "rec", title: "Read from the generated recording rules (sightline_slo:* series)" };
  return null;
}

/** The SLI cell's hover text: exact, or the bracket when the threshold sits between boundaries. */
export function describeSli(s: OverviewSlo): string {
  if (s.sli === null) return s.state === "unavailable" ? "no numbers: the datasource did not answer" : "no requests in the window";
  if (s.sliBounds) return `between ${formatPercent(s.sliBounds.lower)} and ${formatPercent(s.sliBounds.upper)} (threshold between bucket boundaries; the lower bound is shown)`;
  return `${formatCount(s.good)} of ${formatCount(s.total)} requests good`;
}

/** Words for the sparkline: its span and the lowest step. */
export function describeTrend(trend: OverviewSlo["trend7d"]): string {
  const v = trend.filter((x): x is number => x !== null);
  return v.length === 0 ? "7 days: no traffic" : `SLI over 7 days, lowest step ${formatPercent(Math.min(...v))}`;
}
