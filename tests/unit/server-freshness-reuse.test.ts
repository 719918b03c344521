// When a freshness answer for one evaluation moment also answers another (lib/server/sli-data/freshness.ts).
import { describe, expect, it } from "vitest";
import { REUSE_SECONDS, freshnessLookbackSeconds, reuseAnswer } from "@/lib/server/sli-data/freshness";

const DAY = 86_400;

describe("reuseAnswer", () => {
  it.each([
    // entry at, found, asked at, look-back → answer (undefined: ask the backend)
    [1000, 900, 1000, DAY, { lastSampleAt: 900 }],
    [1000, 900, 1000 + REUSE_SECONDS - 1, DAY, { lastSampleAt: 900 }],
    [1000, 900, 1000 + REUSE_SECONDS, DAY, undefined],
    [1000, null, 1100, DAY, { lastSampleAt: null }],
    // The sample found drops out of the look-back at the later moment.
    [1000, 900, 1100, 150, { lastSampleAt: null }],
    // Earlier moments: only when the sample found is not newer than the moment asked.
    [1000, 900, 950, DAY, { lastSampleAt: 900 }],
    [1000, 990, 950, DAY, undefined],
    [1000, null, 950, DAY, undefined],
    [1000, 900, 1000 - REUSE_SECONDS, DAY, undefined],
  ])("entry at %d found %j, asked at %d (look-back %d) → %j", (entryAt, found, at, lookback, want) =>
    expect(reuseAnswer(entryAt, found, at, lookback)).toEqual(want),
  );

  it("reuse stays inside Prometheus' 5-minute lookback, which is what makes it exact", () => expect(REUSE_SECONDS).toBeLessThan(300));

  it.each([
    [0, 3600],
    [DAY, DAY],
    [28 * DAY, 7 * DAY],
  ])("look-back for a %d s window is %d s", (w, want) => expect(freshnessLookbackSeconds(w)).toBe(want));
});
