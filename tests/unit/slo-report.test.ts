import { describe, expect, it } from "vitest";
import { fastBurnPeriods, monthAt, monthTiming, parseMonth, previousMonth, sloMonth, teamTotals, type SloMonthInput } from "@/lib/slo/report";

const HOUR = 3600;
const DAY = 86_400;

describe("months (UTC)", () => {
  it.each([
    ["2026-10", 31, "2026-10-01T00:00:00.000Z", "2026-11-01T00:00:00.000Z", "October 2026"],
    ["2026-11", 30, "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z", "November 2026"],
    ["2026-02", 28, "2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z", "February 2026"],
    ["2024-02", 29, "2024-02-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z", "February 2024"],
    ["2000-02", 29, "2000-02-01T00:00:00.000Z", "2000-03-01T00:00:00.000Z", "February 2000"],
    ["2026-12", 31, "2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z", "December 2026"],
  ])("%s has %d days", (id, days, start, end, label) => {
    const m = parseMonth(id)!;
    expect(m.days).toBe(days);
    expect(new Date(m.startSeconds * 1000).toISOString()).toBe(start);
    expect(new Date(m.endSeconds * 1000).toISOString()).toBe(end);
    expect(m.label).toBe(label);
  });
  it("2100 is not a leap year but is outside the range anyway; 1900 likewise", () => {
    expect(parseMonth("2100-02")).toBeNull();
    expect(parseMonth("1900-02")).toBeNull();
  });
  it.each(["2026-13", "2026-00", "2026-1", "26-01", "2026-01-01", "", "2026‐01"])("refuses %j", (t) => expect(parseMonth(t)).toBeNull());
  it("the month of a moment: the last second of October is October, midnight is November", () => {
    const nov = Date.UTC(2026, 10, 1) / 1000;
    expect(monthAt(nov - 1).id).toBe("2026-10");
    expect(monthAt(nov).id).toBe("2026-11");
    expect(previousMonth(parseMonth("2026-01")!).id).toBe("2025-12");
  });
  it("past, current and future", () => {
    const oct = parseMonth("2026-10")!;
    expect(monthTiming(oct, oct.startSeconds - 1)).toBe("future");
    expect(monthTiming(oct, oct.startSeconds)).toBe("current");
    expect(monthTiming(oct, oct.endSeconds - 1)).toBe("current");
    expect(monthTiming(oct, oct.endSeconds)).toBe("past");
  });
});

const oct = parseMonth("2026-10")!;
const base = (over: Partial<SloMonthInput> = {}): SloMonthInput => ({
  objective: 0.99,
  counts: { good: 9900, total: 10_000, goodUpper: null },
  samplesSeen: true,
  steps: null,
  pageTiers: [],
  countedUntilSeconds: oct.endSeconds,
  month: oct,
  ...over,
});

describe("sloMonth: met or missed", () => {
  it.each([
    ["exactly at the objective (100 bad of 10,000 at 99 %) is met", 9900, 10_000, 0.99, "met", 1],
    ["one request over is missed", 9899, 10_000, 0.99, "missed", 1.01],
    ["at 99.9 % exactly", 999_000, 1_000_000, 0.999, "met", 1],
    ["99.95 % of 2,000 exactly (1 bad allowed)", 1999, 2000, 0.9995, "met", 1],
    ["no bad at all", 500, 500, 0.99, "met", 0],
  ])("%s", (_n, good, total, objective, verdict, used) => {
    const m = sloMonth(base({ objective, counts: { good, total, goodUpper: null } }));
    expect(m.verdict).toBe(verdict);
    expect(m.budgetUsed).toBeCloseTo(used, 12);
    expect(m.sli).toBe(good / total);
  });

  it("no traffic: no data, never 100 %", () => {
    const m = sloMonth(base({ counts: { good: 0, total: 0, goodUpper: null }, samplesSeen: false }));
    expect(m).toMatchObject({ verdict: "no_data", sli: null, budgetUsed: null, bad: 0 });
  });

  it("between boundaries: missed at the lower count, met at the upper one → uncertain", () => {
    const m = sloMonth(base({ counts: { good: 9850, total: 10_000, goodUpper: 9950 } }));
    expect(m.verdict).toBe("uncertain");
    expect(m.sliBounds).toEqual({ lower: 0.985, upper: 0.995 });
    // Missed at both: missed.
    expect(sloMonth(base({ counts: { good: 9800, total: 10_000, goodUpper: 9850 } })).verdict).toBe("missed");
  });

  it("good above total (scrape skew) is clamped", () => {
    expect(sloMonth(base({ counts: { good: 10_010, total: 10_000, goodUpper: null } }))).toMatchObject({ bad: 0, sli: 1, verdict: "met" });
  });
});

/** Hourly steps over October, starting 6 h before it; `bad(t)` requests of 1,000 in the step ending at t. */
function steps(bad: (t: number) => number | null, step = HOUR) {
  const first = oct.startSeconds - 6 * HOUR + step;
  const n = (oct.endSeconds - first) / step + 1;
  const good: (number | null)[] = [];
  const total: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    const b = bad(first + i * step);
    good.push(b === null ? null : 1000 - b);
    total.push(b === null ? null : 1000);
  }
  return { firstStepEndSeconds: first, stepSeconds: step, good, total };
}
const iv = (start: number, end: number | null, peak: number) => ({ startSeconds: start, endSeconds: end, pendingSinceSeconds: start, peakLongBurn: peak, peakShortBurn: peak / 2 });
const D = (day: number, hour = 0) => oct.startSeconds + (day - 1) * DAY + hour * HOUR;

describe("fast-burn periods", () => {
  it("merged across page tiers, bad counted from the long window's start, worst first (ties: higher peak first)", () => {
    // Day 10 08:00–12:00: 100 bad per hour; day 20 02:00–03:00: 400 bad in the hour.
    const s = steps((t) => (t > D(10, 8) && t <= D(10, 12) ? 100 : t > D(20, 2) && t <= D(20, 3) ? 400 : 0));
    const periods = fastBurnPeriods({
      steps: s,
      month: oct,
      countedUntilSeconds: oct.endSeconds,
      pageTiers: [
        { tier: "page-1h", longWindowSeconds: HOUR, intervals: [iv(D(10, 9), D(10, 13), 20), iv(D(20, 3), D(20, 4), 40)] },
        { tier: "page-6h", longWindowSeconds: 6 * HOUR, intervals: [iv(D(10, 11), D(10, 16), 8)] },
      ],
    });
    expect(periods).toEqual([
      { startSeconds: D(20, 3), endSeconds: D(20, 4), ongoing: false, tiers: ["page-1h"], peakBurnRate: 40, badRequests: 400 },
      { startSeconds: D(10, 9), endSeconds: D(10, 16), ongoing: false, tiers: ["page-1h", "page-6h"], peakBurnRate: 20, badRequests: 400 },
    ]);
  });

  it("a period still firing at the month's end is cut there and marked ongoing; one from last month is cut at the start", () => {
    const s = steps(() => 50);
    const periods = fastBurnPeriods({
      steps: s,
      month: oct,
      countedUntilSeconds: oct.endSeconds,
      pageTiers: [{ tier: "page-1h", longWindowSeconds: HOUR, intervals: [iv(oct.startSeconds - 2 * HOUR, oct.startSeconds + HOUR, 10), iv(D(31, 22), null, 12)] }],
    });
    expect(periods.map((p) => [p.startSeconds, p.endSeconds, p.ongoing, p.badRequests])).toEqual([
      [D(31, 22), oct.endSeconds, true, 150],
      [oct.startSeconds, oct.startSeconds + HOUR, false, 50],
    ]);
  });

  it("a month with a gap: gap steps count no bad and are reported; the month's SLI comes from the month counts", () => {
    const s = steps((t) => (t > D(5, 0) && t <= D(5, 3) ? null : t > D(5, 3) && t <= D(5, 5) ? 200 : 0));
    const m = sloMonth(base({ steps: s, counts: { good: 99_000, total: 100_000, goodUpper: null }, pageTiers: [{ tier: "page-1h", longWindowSeconds: HOUR, intervals: [iv(D(5, 4), D(5, 6), 30)] }] }));
    expect(m.gapSeconds).toBe(3 * HOUR);
    expect(m.fastBurn[0].badRequests).toBe(400);
    expect(m.sli).toBe(0.99);
    expect(m.verdict).toBe("met");
  });

  it("February of a leap year: 29 days of steps, the 29th counted", () => {
    const feb = parseMonth("2024-02")!;
    const first = feb.startSeconds + HOUR;
    const n = feb.days * 24;
    const s = { firstStepEndSeconds: first, stepSeconds: HOUR, good: Array(n).fill(990), total: Array(n).fill(1000) };
    const last = feb.startSeconds + 28 * DAY;
    const p = fastBurnPeriods({ steps: s, month: feb, countedUntilSeconds: feb.endSeconds, pageTiers: [{ tier: "page-1h", longWindowSeconds: HOUR, intervals: [iv(last + HOUR, null, 2)] }] });
    expect(p).toEqual([{ startSeconds: last + HOUR, endSeconds: feb.endSeconds, ongoing: true, tiers: ["page-1h"], peakBurnRate: 2, badRequests: 240 }]);
  });
});

describe("team totals", () => {
  it("counts verdicts, requests and periods; unavailable SLOs only as unavailable", () => {
    const met = sloMonth(base());
    const missed = sloMonth(base({ counts: { good: 9000, total: 10_000, goodUpper: null } }));
    const none = sloMonth(base({ counts: { good: 0, total: 0, goodUpper: null } }));
    expect(teamTotals([{ kind: "answered", month: met }, { kind: "answered", month: missed }, { kind: "answered", month: none }, { kind: "unavailable" }])).toEqual({
      slos: 4,
      met: 1,
      missed: 1,
      uncertain: 0,
      noData: 1,
      unavailable: 1,
      requests: 20_000,
      badRequests: 1100,
      fastBurnPeriods: 0,
    });
  });
});
