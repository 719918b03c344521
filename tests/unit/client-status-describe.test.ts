// The status in words: state badge, budget phrasing (left, overspent, used up), time to
// exhaustion, exactness note, freshness and warnings. Table-driven over small fixtures.
import { describe, expect, it } from "vitest";
import {
  budgetBarPercent,
  budgetTone,
  describeBudget,
  describeExactness,
  describeExhaustion,
  describeFreshness,
  describeRemaining,
  describeState,
  describeStatusError,
  describeWarning,
  sliHeadline,
} from "@/lib/client/status/describe";
import type { SloStatusResponse } from "@/lib/schemas/status";

type Status = SloStatusResponse["status"];
type Budget = NonNullable<Status["budget"]>;

const budget = (over: Partial<Budget> = {}): Budget => ({
  allowedBadFraction: 0.01,
  badEvents: 370,
  allowedBadEvents: 1000,
  consumed: 0.37,
  remaining: 0.63,
  remainingRequests: 630,
  secondsToExhaustion: 187_200,
  exhaustion: "burning",
  ...over,
});

const status = (over: Partial<Status> = {}): Status => ({
  state: "ok",
  evaluatedAt: 1_793_664_000,
  window: { startSeconds: 1_793_059_200, endSeconds: 1_793_664_000, durationSeconds: 604_800, label: "7 days rolling" },
  nominalWindowSeconds: 604_800,
  objective: 0.99,
  good: 99_630,
  total: 100_000,
  sli: 0.9963,
  sliBounds: null,
  budget: budget(),
  burnRates: [],
  noData: null,
  warnings: [],
  ...over,
});

describe("describeState", () => {
  it.each<[string, Partial<Status>, { label: string; tone: string; detail: string }]>([
    ["ok", {}, { label: "Measured", tone: "good", detail: "100,000 requests in the window" }],
    [
      "no data, quiet for a while",
      { state: "no_data", sli: null, total: 0, good: 0, noData: { seconds: 11_400, sinceSeconds: 1_793_652_600, samplesSeen: true } },
      { label: "No data", tone: "neutral", detail: "no requests for 3 h 10 min" },
    ],
    [
      "no data, no series at all",
      { state: "no_data", sli: null, total: 0, good: 0, noData: { seconds: 604_800, sinceSeconds: 0, samplesSeen: false } },
      { label: "No data", tone: "neutral", detail: "no series match this SLO's selection" },
    ],
    [
      "too little traffic",
      { state: "insufficient_data", total: 12, warnings: [{ code: "below_min_events", total: 12, minEvents: 100 }] },
      { label: "Too little traffic", tone: "warn", detail: "12 of at least 100 requests: numbers shown, not trusted" },
    ],
    [
      "inconsistent",
      { state: "inconsistent" },
      { label: "Inconsistent counts", tone: "warn", detail: "more good than total requests were counted; good was capped at total" },
    ],
  ])("%s", (_n, over, want) => expect(describeState(status(over))).toEqual(want));
});

describe("describeBudget", () => {
  it.each<[string, Budget | null, { headline: string; requests: string; tone: string }]>([
    ["plenty left", budget(), { headline: "63 % of the error budget left", requests: "630 bad requests still allowed", tone: "good" }],
    ["a fraction left", budget({ remaining: 0.004, remainingRequests: 4.7 }), { headline: "0.4 % of the error budget left", requests: "4 bad requests still allowed", tone: "warn" }],
    ["one left", budget({ remaining: 0.001, remainingRequests: 1 }), { headline: "0.1 % of the error budget left", requests: "1 bad request still allowed", tone: "warn" }],
    ["used up exactly", budget({ remaining: 0, remainingRequests: 0 }), { headline: "Error budget used up exactly", requests: "no bad request is still allowed", tone: "bad" }],
    [
      "overspent",
      budget({ remaining: -0.9, consumed: 1.9, remainingRequests: -900, exhaustion: "exhausted" }),
      { headline: "Error budget overspent by 90 %", requests: "900 bad requests over the allowance of 1,000", tone: "bad" },
    ],
    ["none", null, { headline: "No error budget yet: nothing was measured in the window", requests: "", tone: "neutral" }],
  ])("%s", (_n, b, want) => expect(describeBudget(b)).toEqual(want));

  it.each([
    [0.63, "63 % left", "good", 63],
    [0.2, "20 % left", "warn", 20],
    [0, "used up", "bad", 0],
    [-1.33, "overspent by 133 %", "bad", 0],
    [null, "no budget yet", "neutral", 0],
    [1, "100 % left", "good", 100],
  ])("remaining %s → %s, %s, bar %s %%", (r, words, tone, bar) => {
    expect(describeRemaining(r)).toBe(words);
    expect(budgetTone(r)).toBe(tone);
    expect(budgetBarPercent(r)).toBe(bar);
  });
});

describe("describeExhaustion", () => {
  it.each<[Partial<Budget>, string]>([
    [{}, "at the last hour's pace: 2 d 4 h"],
    [{ secondsToExhaustion: null }, "burning, time to exhaustion unknown"],
    [{ exhaustion: "exhausted", secondsToExhaustion: 0 }, "already exhausted"],
    [{ exhaustion: "not_burning", secondsToExhaustion: null }, "not burning: no bad requests in the last hour"],
    [{ exhaustion: "no_recent_traffic", secondsToExhaustion: null }, "no requests in the last hour, so no current pace"],
    [{ exhaustion: "outlasts_window", secondsToExhaustion: null }, "lasts past the end of this window at the last hour's pace"],
    [{ exhaustion: "unknown", secondsToExhaustion: null }, "time to exhaustion unknown"],
  ])("%o → %s", (over, want) => expect(describeExhaustion(budget(over))).toBe(want));
  it("no budget: nothing to say", () => expect(describeExhaustion(null)).toBe(""));
});

describe("describeExactness", () => {
  const base: SloStatusResponse["exactness"] = { fit: { kind: "exact", boundarySeconds: 0.512 }, exact: true, offeredThresholdsSeconds: [0.256, 0.512], mixedLayouts: false, seriesCount: 3, layoutAssumed: false };
  it("exact: no note", () => expect(describeExactness(base, null)).toBeNull());
  it("between boundaries: bounds and the boundaries either side", () =>
    expect(describeExactness({ ...base, exact: false, fit: { kind: "between", lowerSeconds: 0.256, upperSeconds: 0.512 } }, { lower: 0.991, upper: 0.997 })).toEqual({
      summary: "The SLI lies between 99.10 % and 99.70 %: the threshold is not a bucket boundary, so the headline uses the lower bound.",
      nearby: ["256 ms", "512 ms"],
    }));
  it("below the lowest boundary: only the one above is offered", () =>
    expect(describeExactness({ ...base, exact: false, fit: { kind: "between", lowerSeconds: null, upperSeconds: 0.002 } }, null)?.nearby).toEqual(["2 ms"]));
});

describe("freshness, warnings, errors, headline", () => {
  it.each<[number | null, boolean, string, boolean]>([
    [20, false, "last sample 20 s ago", false],
    [600, false, "last sample 10 min ago", false],
    [601, false, "last sample 10 min 1 s ago", true],
    [0, true, "last sample at this moment", false],
    [3900, true, "last sample 1 h 5 min before this moment", true],
    [null, false, "no sample found", true],
  ])("age %s (past %s) → %s, stale %s", (age, past, text, stale) =>
    expect(describeFreshness({ lastSampleAt: age === null ? null : 1000 - age, ageSeconds: age }, past)).toEqual({ text, stale }));

  it.each<[Status["warnings"][number], string]>([
    [{ code: "good_exceeds_total", good: 105, total: 100, excess: 5, scope: "window" }, "105 good but only 100 total requests were counted (5 too many, window); good was capped at total."],
    [{ code: "invalid_counts", good: -1, total: 3, scope: "5m" }, "Counts that cannot be right were ignored (5m: good -1, total 3)."],
    [{ code: "below_min_events", total: 12, minEvents: 100 }, "Only 12 requests, fewer than the 100 this SLO needs before its numbers count."],
    [{ code: "bounds_inverted", lower: 0.99, upper: 0.98 }, "The SLI bounds came out inverted (99.00 % above 98.00 %); the series may have different bucket layouts."],
  ])("warning %o", (w, want) => expect(describeWarning(w)).toBe(want));

  it.each([
    [{ title: "A backend did not answer properly", detail: "no data from Prometheus: connection refused" }, "No data from Prometheus: connection refused"],
    [{ title: "Could not reach the Sightline server", detail: "" }, "Could not reach the Sightline server"],
    [{ title: "", detail: "" }, "The status could not be loaded"],
  ])("error %o → %s", (e, want) => expect(describeStatusError(e)).toBe(want));

  it.each<[Partial<Status>, string]>([
    [{}, "99.63 % good"],
    [{ sli: 1 }, "100 % good"],
    [{ sli: 0.99999 }, "99.999 % good"],
    [{ sli: null }, "—"],
  ])("headline %o → %s", (over, want) => expect(sliHeadline(status(over))).toBe(want));
});
