// The status response in words: state, error budget, time to exhaustion, exactness, freshness
// and warnings, phrased once here so the panel and the dashboard say the same thing.
// Meanings follow docs/sli-engine.md. Pure, no I/O.
import type { SloStatusResponse } from "@/lib/schemas/status";
import { DASH, formatAgo, formatCount, formatDuration, formatMs, formatPercent } from "./format";

type Status = SloStatusResponse["status"];
type Budget = NonNullable<Status["budget"]>;
type Exactness = SloStatusResponse["exactness"];
type Warning = Status["warnings"][number];
export type Tone = "good" | "warn" | "bad" | "neutral";

export const stateLabel: Record<Status["state"], string> = {
  ok: "Measured",
  no_data: "No data",
  insufficient_data: "Too little traffic",
  inconsistent: "Inconsistent counts",
};

/** The state badge: a short label, a tone and the sentence that explains it. */
export function describeState(s: Status): { label: string; tone: Tone; detail: string } {
  switch (s.state) {
    case "ok":
      return { label: stateLabel.ok, tone: "good", detail: `${formatCount(s.total)} requests in the window` };
    case "no_data":
      return {
        label: stateLabel.no_data,
        tone: "neutral",
        detail: s.noData
          ? s.noData.samplesSeen
            ? `no requests for ${formatDuration(s.noData.seconds)}`
            : "no series match this SLO's selection"
          : "no requests in the window",
      };
    case "insufficient_data": {
      const w = s.warnings.find((x) => x.code === "below_min_events");
      const min = w && w.code === "below_min_events" ? w.minEvents : null;
      return {
        label: stateLabel.insufficient_data,
        tone: "warn",
        detail: min === null ? `only ${formatCount(s.total)} requests: numbers shown, not trusted` : `${formatCount(s.total)} of at least ${formatCount(min)} requests: numbers shown, not trusted`,
      };
    }
    case "inconsistent":
      return { label: stateLabel.inconsistent, tone: "warn", detail: "more good than total requests were counted; good was capped at total" };
  }
}

/** Remaining budget as a bar width in percent, 0..100 (an overspent budget is an empty bar). */
export const budgetBarPercent = (remaining: number | null | undefined): number =>
  typeof remaining === "number" && Number.isFinite(remaining) ? Math.min(100, Math.max(0, remaining * 100)) : 0;

/** Budget shares read best without decimals, but 0.4 % left must not read "0 %". */
function budgetShare(fraction: number): string {
  const p = Math.abs(fraction) * 100;
  if (p === 0) return "0 %";
  if (p >= 10) return `${Math.round(p).toLocaleString("en-US")} %`;
  return `${Number(p.toPrecision(p < 1 ? 1 : 2)).toLocaleString("en-US", { maximumFractionDigits: 4 })} %`;
}

export function budgetTone(remaining: number | null | undefined): Tone {
  if (typeof remaining !== "number" || !Number.isFinite(remaining)) return "neutral";
  return remaining <= 0 ? "bad" : remaining < 0.25 ? "warn" : "good";
}

/** "63 % of the error budget left · 1,234 bad requests still allowed", or the overspend. */
export function describeBudget(b: Budget | null): { headline: string; requests: string; tone: Tone } {
  if (!b) return { headline: "No error budget yet: nothing was measured in the window", requests: "", tone: "neutral" };
  if (b.remaining < 0)
    return {
      headline: `Error budget overspent by ${budgetShare(b.remaining)}`,
      requests: `${formatCount(Math.abs(Math.min(0, b.remainingRequests)))} bad requests over the allowance of ${formatCount(b.allowedBadEvents)}`,
      tone: "bad",
    };
  if (b.remaining === 0) return { headline: "Error budget used up exactly", requests: "no bad request is still allowed", tone: "bad" };
  const left = Math.max(0, Math.floor(b.remainingRequests));
  return {
    headline: `${budgetShare(b.remaining)} of the error budget left`,
    requests: `${formatCount(left)} bad ${left === 1 ? "request" : "requests"} still allowed`,
    tone: budgetTone(b.remaining),
  };
}

/** The remaining share alone, for compact places: "63 % left", "overspent by 12 %", "no budget yet". */
export function describeRemaining(remaining: number | null): string {
  if (remaining === null || !Number.isFinite(remaining)) return "no budget yet";
  if (remaining < 0) return `overspent by ${budgetShare(remaining)}`;
  if (remaining === 0) return "used up";
  return `${budgetShare(remaining)} left`;
}

/** Time to exhaustion at the last hour's pace, or the reason there is none. */
export function describeExhaustion(b: Budget | null): string {
  if (!b) return "";
  switch (b.exhaustion) {
    case "burning":
      return b.secondsToExhaustion === null ? "burning, time to exhaustion unknown" : `at the last hour's pace: ${formatDuration(b.secondsToExhaustion)}`;
    case "exhausted":
      return "already exhausted";
    case "not_burning":
      return "not burning: no bad requests in the last hour";
    case "no_recent_traffic":
      return "no requests in the last hour, so no current pace";
    case "outlasts_window":
      return "lasts past the end of this window at the last hour's pace";
    case "unknown":
      return "time to exhaustion unknown";
  }
}

/** The exactness note, or null when the SLI is exact. */
export function describeExactness(e: Exactness, bounds: Status["sliBounds"]): { summary: string; nearby: string[] } | null {
  if (e.exact) return null;
  const nearby = e.fit.kind === "between" ? [e.fit.lowerSeconds, e.fit.upperSeconds].filter((x): x is number => x !== null).map(formatMs) : [];
  const range = bounds ? `The SLI lies between ${formatPercent(bounds.lower)} and ${formatPercent(bounds.upper)}` : "The SLI cannot be computed exactly";
  const why = "the threshold is not a bucket boundary, so the headline uses the lower bound";
  return { summary: `${range}: ${why}.`, nearby };
}

export const STALE_AFTER_SECONDS = 600;

/**
 * "last sample 20 s ago" when evaluating now; for a moment in the past the age is relative to
 * that moment ("last sample 20 s before this moment"). Stale after 10 minutes.
 */
export function describeFreshness(f: SloStatusResponse["freshness"], past = false): { text: string; stale: boolean } {
  if (f.ageSeconds === null) return { text: "no sample found", stale: true };
  const stale = f.ageSeconds > STALE_AFTER_SECONDS;
  if (!past) return { text: `last sample ${formatAgo(f.ageSeconds)}`, stale };
  return { text: f.ageSeconds < 1 ? "last sample at this moment" : `last sample ${formatDuration(f.ageSeconds)} before this moment`, stale };
}

/** One engine warning in words. */
export function describeWarning(w: Warning): string {
  switch (w.code) {
    case "good_exceeds_total":
      return `${formatCount(w.good)} good but only ${formatCount(w.total)} total requests were counted (${formatCount(w.excess)} too many, ${w.scope}); good was capped at total.`;
    case "invalid_counts":
      return `Counts that cannot be right were ignored (${w.scope}: good ${formatCount(w.good)}, total ${formatCount(w.total)}).`;
    case "below_min_events":
      return `Only ${formatCount(w.total)} requests, fewer than the ${formatCount(w.minEvents)} this SLO needs before its numbers count.`;
    case "bounds_inverted":
      return `The SLI bounds came out inverted (${formatPercent(w.lower)} above ${formatPercent(w.upper)}); the series may have different bucket layouts.`;
  }
}

/** "99.62 % good" or the honest alternative. */
export const sliHeadline = (s: Status): string => (s.sli === null ? DASH : `${formatPercent(s.sli)} good`);

/** A failed status request in one sentence: the API's detail ("no data from Prometheus: …") capitalised, else its title. */
export function describeStatusError(e: { title: string; detail: string }): string {
  const s = (e.detail || e.title).trim();
  return s ? s[0].toUpperCase() + s.slice(1) : "The status could not be loaded";
}
