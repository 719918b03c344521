import { describe, expect, it } from "vitest";
import { dailyCompliance, distributionRows, historyChartPoints, timelineBar } from "@/lib/client/wizard-history";

const cand = (boundarySeconds: number, good: number, dailyGood: number[] = []) => ({ boundarySeconds, good, total: 100, dailyGood }) as never;

describe("wizard history mappers", () => {
  it("requests per bucket and the cumulative share at each real boundary, plus the open top bucket", () => {
    const rows = distributionRows({ candidates: [cand(0.512, 95), cand(0.128, 60), cand(0.256, 80)] });
    expect(rows).toEqual([
      { lowerSeconds: null, upperSeconds: 0.128, requests: 60, cumulativeShare: 0.6 },
      { lowerSeconds: 0.128, upperSeconds: 0.256, requests: 20, cumulativeShare: 0.8 },
      { lowerSeconds: 0.256, upperSeconds: 0.512, requests: 15, cumulativeShare: 0.95 },
      { lowerSeconds: 0.512, upperSeconds: null, requests: 5, cumulativeShare: 1 },
    ]);
    expect(distributionRows({ candidates: [] })).toEqual([]);
  });

  it("rates per second, gaps stay null, percentiles in ms", () => {
    const pts = historyChartPoints({ history: { stepSeconds: 3600, points: [{ startSeconds: 0, total: 7200, p50Seconds: 0.1, p90Seconds: 0.2, p99Seconds: 0.5 }, { startSeconds: 3600, total: null, p50Seconds: null, p90Seconds: null, p99Seconds: null }] } });
    expect(pts).toEqual([
      { t: 0, rps: 2, p50Ms: 100, p90Ms: 200, p99Ms: 500 },
      { t: 3600, rps: null, p50Ms: null, p90Ms: null, p99Ms: null },
    ]);
  });

  it("daily compliance at a boundary; an unjudged day has no value", () => {
    const days = [
      { dayStartSeconds: 0, includedSeconds: 86_400, excludedSeconds: 0, gapSeconds: 0, total: 200, judged: true },
      { dayStartSeconds: 86_400, includedSeconds: 3600, excludedSeconds: 82_800, gapSeconds: 0, total: 10, judged: false },
    ];
    const pts = dailyCompliance({ days, candidates: [cand(0.256, 0, [199, 5])] }, 0.256);
    expect(pts.map((p) => p.sliPercent)).toEqual([99.5, null]);
    expect(dailyCompliance({ days, candidates: [cand(0.256, 0, [199, 5])] }, 0.3).every((p) => p.sliPercent === null)).toBe(true);
  });

  it("places firing bars on the range; an open interval runs to the end", () => {
    expect(timelineBar({ startSeconds: 0, endSeconds: 1000 }, 250, 500)).toEqual({ leftPercent: 25, widthPercent: 25 });
    expect(timelineBar({ startSeconds: 0, endSeconds: 1000 }, 900, null)).toEqual({ leftPercent: 90, widthPercent: 10 });
  });
});
