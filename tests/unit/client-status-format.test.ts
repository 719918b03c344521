// Number formatting for the status views: durations, percentages (never a fake 100 % or 0 %),
// counts, burn rates, request rates and UTC times. Table-driven.
import { describe, expect, it } from "vitest";
import { formatAgo, formatBurnRate, formatCount, formatDuration, formatMs, formatPercent, formatRps, formatUtcSeconds } from "@/lib/client/status/format";

describe("formatDuration: two most significant units, rounded down", () => {
  it.each([
    [0, "0 s"],
    [0.4, "0 s"],
    [20, "20 s"],
    [59.9, "59 s"],
    [60, "1 min"],
    [61, "1 min 1 s"],
    [3600, "1 h"],
    [11_400, "3 h 10 min"],
    [11_459, "3 h 10 min"],
    [86_400, "1 d"],
    [187_200, "2 d 4 h"],
    [2 * 86_400 + 300, "2 d"],
    [45 * 86_400 + 7200, "45 d 2 h"],
    [-1, "—"],
    [Number.NaN, "—"],
    [Number.POSITIVE_INFINITY, "—"],
    [null, "—"],
  ])("%s s → %s", (s, want) => expect(formatDuration(s)).toBe(want));
});

describe("formatPercent: sensible precision, never 100 % unless exactly 1", () => {
  it.each([
    [1, undefined, "100 %"],
    [0, undefined, "0 %"],
    [0.99623, undefined, "99.62 %"],
    [0.995, undefined, "99.50 %"],
    [0.9995, undefined, "99.95 %"],
    [0.99996, undefined, "99.996 %"],
    [0.999999, undefined, "99.9999 %"],
    [0.9999999999, undefined, "> 99.9999 %"],
    [0.00004, undefined, "0.004 %"],
    [1e-12, undefined, "< 0.0001 %"],
    [0.5, 0, "50 %"],
    [0.999, 0, "99.9 %"],
    [1.2, undefined, "100 %"], // clamped: a ratio above 1 is never shown above 100 %
    [-0.1, undefined, "0 %"],
    [Number.NaN, undefined, "—"],
    [null, undefined, "—"],
  ])("%s (digits %s) → %s", (r, d, want) => expect(formatPercent(r, d)).toBe(want));
});

describe("counts, rates, times", () => {
  it.each([
    [1234, "1,234"],
    [1234.6, "1,235"],
    [0, "0"],
    [Number.NaN, "—"],
  ])("formatCount(%s) → %s", (n, want) => expect(formatCount(n)).toBe(want));

  it.each([
    [0, "0×"],
    [0.7466, "0.75×"],
    [3.364, "3.36×"],
    [14.4, "14.4×"],
    [152.3, "152×"],
    [null, "—"],
  ])("formatBurnRate(%s) → %s", (n, want) => expect(formatBurnRate(n)).toBe(want));

  it.each([
    [0, "0 req/s"],
    [0.03333, "0.0333 req/s"],
    [1.2345, "1.23 req/s"],
    [42.42, "42.4 req/s"],
    [1234.5, "1,235 req/s"],
  ])("formatRps(%s) → %s", (n, want) => expect(formatRps(n)).toBe(want));

  it.each([
    [1_793_664_000, false, "2026-11-03 00:00 UTC"],
    [1_793_664_042, true, "2026-11-03 00:00:42 UTC"],
    [null, false, "—"],
  ])("formatUtcSeconds(%s) → %s", (s, sec, want) => expect(formatUtcSeconds(s, sec)).toBe(want));

  it.each([
    [0.2, "just now"],
    [20, "20 s ago"],
    [11_400, "3 h 10 min ago"],
  ])("formatAgo(%s) → %s", (s, want) => expect(formatAgo(s)).toBe(want));

  it.each([
    [0.512, "512 ms"],
    [0.3, "300 ms"],
    [0.0025, "2.5 ms"],
    [10, "10,000 ms"],
  ])("formatMs(%s) → %s", (s, want) => expect(formatMs(s)).toBe(want));
});
