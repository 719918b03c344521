// The suggestion's and the backtest's warnings in words, each with the numbers the response
// carries. Pure, no I/O.
import type { BacktestWarning } from "@/lib/schemas/backtest";
import type { SuggestWarning } from "@/lib/schemas/suggest";
import { formatMs, formatObjective, formatUtcRange, joinWords } from "@/lib/slo/format";
import { formatCount, formatDuration, formatUtcSeconds } from "./status/format";

const ranges = (rs: { startSeconds: number; endSeconds: number }[], max = 4) =>
  joinWords([...rs.slice(0, max).map((r) => formatUtcRange(r.startSeconds, r.endSeconds)), ...(rs.length > max ? [`${rs.length - max} more`] : [])]);
const days = (ts: number[], max = 5) => joinWords([...ts.slice(0, max).map((t) => formatUtcRange(t, t + 86_400)), ...(ts.length > max ? [`${ts.length - max} more`] : [])]);
const times = (ts: number[], max = 3) => joinWords([...ts.slice(0, max).map((t) => formatUtcSeconds(t)), ...(ts.length > max ? [`${ts.length - max} more`] : [])]);

export function suggestWarningText(w: SuggestWarning): string {
  switch (w.code) {
    case "no_traffic":
      return "No requests in the baseline (after exclusions): there is nothing to learn a target from.";
    case "no_candidates":
      return "The selected series share no finite bucket boundary, so no threshold can be measured exactly.";
    case "low_traffic":
      return `Too little traffic to judge ${formatObjective(w.objective)}: about ${formatCount(w.eventsPerWindow)} requests per window, and at least ${formatCount(w.neededEvents)} (${w.k} ÷ (1 − objective)) are needed for ${w.k} slow requests to be allowed.`;
    case "gaps":
      return `No samples for ${formatDuration(w.seconds)} of the baseline (${ranges(w.ranges)}): those hours are left out, not read as zero traffic.`;
    case "counter_resets":
      return `Counters restarted at ${times(w.atSeconds)}; those steps are counted from zero.`;
    case "mixed_layouts":
      return `The series use ${w.layoutCount} different bucket layouts: only boundaries common to all are offered.`;
    case "many_series":
      return `The selection reads ${formatCount(w.seriesCount)} series (more than ${formatCount(w.limit)}): queries are costly, and a broad regex is the usual cause.`;
    case "good_exceeds_total":
      return `At ${formatMs(w.boundarySeconds)}, ${w.steps} steps counted more good requests than requests (by ${formatCount(w.excess)}): skewed reads, clamped to the total.`;
    case "non_monotonic":
      return `In ${w.steps} steps a boundary above ${formatMs(w.boundarySeconds)} counted fewer good requests: skewed reads between the series.`;
    case "zero_traffic_days":
      return `No requests at all on ${days(w.daysStartSeconds)}.`;
    case "short_baseline":
      return `The baseline (${formatDuration(w.baselineSeconds)}) is shorter than the SLO window (${formatDuration(w.wantedSeconds)}): the worst window shown is ${w.worstWindowKind === "seven_days" ? "the worst 7 days" : "the whole baseline"}.`;
    case "exclusion_widened":
      return `The exclusion ${formatUtcRange(w.requested.startSeconds, w.requested.endSeconds)} was widened to whole steps: ${formatUtcRange(w.effective.startSeconds, w.effective.endSeconds)}.`;
    case "exclusion_outside_baseline":
      return `The exclusion ${formatUtcRange(w.requested.startSeconds, w.requested.endSeconds)} lies outside the baseline and removes nothing.`;
  }
}

export function backtestWarningText(w: BacktestWarning): string {
  switch (w.code) {
    case "gaps":
      return `No samples for ${formatDuration(w.seconds)} (${ranges(w.ranges)}): those steps are left out, not read as zero traffic.`;
    case "counter_resets":
      return `Counters restarted at ${times(w.atSeconds)}.`;
    case "tier_not_evaluable":
      return `Tier ${w.tier} needs a ${w.window} window, which a ${formatDuration(w.stepSeconds)} step cannot measure: it is not replayed.`;
    case "history_short":
      return `The history before the range is short: the first ${w.moments} moments cover less than a whole window.`;
    case "good_exceeds_total":
      return `${w.steps} steps counted more good requests than requests (by ${formatCount(w.excess)}): clamped to the total.`;
  }
}
