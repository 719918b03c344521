import { describe, expect, it } from "vitest";
import { bucketQuantile } from "@/lib/slo/quantile";

// Cumulative buckets 0.1 / 0.2 / 0.4 / +Inf with 50 / 80 / 95 / 100 requests.
const B = [
  { leSeconds: 0.1, count: 50 },
  { leSeconds: 0.2, count: 80 },
  { leSeconds: 0.4, count: 95 },
  { leSeconds: Infinity, count: 100 },
];

describe("bucketQuantile (as histogram_quantile interpolates)", () => {
  it.each([
    // rank 50 is reached in the first bucket, interpolated from 0: 0 + 0.1 × 50/50.
    [0.5, 0.1],
    // rank 25 in the first bucket: 0.1 × 25/50.
    [0.25, 0.05],
    // rank 90 in (0.2, 0.4]: 0.2 + 0.2 × (90 − 80)/15.
    [0.9, 0.2 + (0.2 * 10) / 15],
    // rank 99 falls in +Inf: the highest finite boundary.
    [0.99, 0.4],
  ])("q=%d → %d s", (q, want) => expect(bucketQuantile(q, B)).toBeCloseTo(want, 12));

  it("order of the input does not matter", () => expect(bucketQuantile(0.9, [...B].reverse())).toBeCloseTo(0.2 + (0.2 * 10) / 15, 12));
  it("no traffic, no +Inf bucket, or a single bucket is null", () => {
    expect(bucketQuantile(0.5, B.map((b) => ({ ...b, count: 0 })))).toBeNull();
    expect(bucketQuantile(0.5, B.slice(0, 3))).toBeNull();
    expect(bucketQuantile(0.5, [{ leSeconds: Infinity, count: 5 }])).toBeNull();
  });
  it("a skewed read (cumulative count decreasing) is made monotonic first", () => {
    const skewed = [{ leSeconds: 0.1, count: 50 }, { leSeconds: 0.2, count: 40 }, { leSeconds: Infinity, count: 100 }];
    // Monotonic: 50, 50, 100. Rank 50 → first bucket's upper boundary.
    expect(bucketQuantile(0.5, skewed)).toBeCloseTo(0.1, 12);
    expect(bucketQuantile(0.6, skewed)).toBeCloseTo(0.2, 12);
  });
  it("refuses q outside (0, 1)", () => {
    expect(() => bucketQuantile(1, B)).toThrow(RangeError);
    expect(() => bucketQuantile(0, B)).toThrow(RangeError);
  });
});
