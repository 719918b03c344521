import { describe, expect, it } from "vitest";
import { barPercent, budgetPercent, dimensionTitle, shareWords, slowRequestsHref, summaryText, valueText } from "@/lib/client/attribution/display";
import { budgetUsedText, countedText, noticeText, periodDetail, periodText, summaryText as reportSummary } from "@/lib/client/reports/display";
import { lastCompleteMonth, parseReportSearch, reportDownloadHref, reportHref } from "@/lib/client/reports/search-params";
import type { AttributionResponse } from "@/lib/schemas/attribution";

describe("attribution display", () => {
  it.each([
    ["span_kind", "SPAN_KIND_SERVER", "server"],
    ["status_code", "STATUS_CODE_ERROR", "error"],
    ["operation", "POST /checkout", "POST /checkout"],
    ["label", "", "(not set)"],
  ] as const)("%s %j reads %j", (kind, v, want) => expect(valueText(kind, v)).toBe(want));
  it("titles", () => {
    expect(dimensionTitle({ kind: "operation", label: "span_name" })).toBe("Operation");
    expect(dimensionTitle({ kind: "label", label: "region" })).toBe("Label region");
  });
  it.each([
    [0.8, "80.0 %"],
    [0.0004, "0.04 %"],
    [1, "100 %"],
    [1.5, "150 %"],
    [12.345, "1,235 %"],
    [null, "—"],
  ])("budget share %j → %j", (s, want) => expect(budgetPercent(s)).toBe(want));
  it("words", () => {
    expect(shareWords({ bad: 412, budgetShare: 0.41 })).toBe("412 bad requests, 41.0 % of the error budget");
    expect(shareWords({ bad: 1, budgetShare: null })).toBe("1 bad request");
  });
  it("bars scale to the largest value, a sliver for tiny non-zero ones", () => {
    expect(barPercent(50, 100)).toBe(50);
    expect(barPercent(0.1, 100)).toBe(1.5);
    expect(barPercent(0, 100)).toBe(0);
    expect(barPercent(5, 0)).toBe(0);
  });
  it("links each value to its slow requests over the window (issue 17's URL)", () => {
    expect(slowRequestsHref("checkout", { startSeconds: 100.5, endSeconds: 200.2, durationSeconds: 100, label: "x" }, "span_name", 'GET /cart/{id} "x"')).toBe(
      "/slos/checkout?slowFrom=100&slowTo=201&slowLabel=span_name&slowValue=GET+%2Fcart%2F%7Bid%7D+%22x%22",
    );
  });
  it("summary says how bad is counted between boundaries", () => {
    const a = {
      window: { startSeconds: 0, endSeconds: 1, durationSeconds: 1, label: "28 days rolling" },
      fit: { kind: "between", lowerSeconds: 0.2, upperSeconds: 0.4 },
      totals: { good: 900, total: 1000, bad: 100, allowedBadEvents: 10, budgetConsumed: 10, badLowerBound: 40 },
    } as unknown as AttributionResponse;
    expect(summaryText(a)).toBe(
      "100 bad of 1,000 requests in 28 days rolling: 1,000 % of the error budget. The threshold is not a bucket boundary: bad is counted above the boundary below it, as the status does (at least 40 are bad for certain).",
    );
    expect(summaryText({ ...a, totals: { ...a.totals, total: 0, bad: 0 } })).toBe("No requests in 28 days rolling: nothing to attribute.");
  });
});

describe("report display", () => {
  const month = { id: "2026-10", label: "October 2026", startSeconds: 1790812800, endSeconds: 1793491200, days: 31 };
  it.each([
    [0.42, "42.0 %"],
    [1, "100 %"],
    [1.8, "180 % (overspent)"],
    [null, "—"],
  ])("budget used %j → %j", (u, want) => expect(budgetUsedText(u)).toBe(want));
  it("periods in words", () => {
    const p = { startSeconds: 1793361600, endSeconds: 1793367000, ongoing: false, tiers: ["page-1h", "page-6h"], peakBurnRate: 52.31, badRequests: 1234 };
    expect(periodText(p)).toBe("2026-10-30 12:00 UTC – 2026-10-30 13:30 UTC (1 h 30 min)");
    expect(periodText({ ...p, ongoing: true })).toBe("2026-10-30 12:00 UTC – still firing at 2026-10-30 13:30 UTC (1 h 30 min)");
    expect(periodDetail(p)).toBe("peak burn 52.3×, 1,234 bad requests · page-1h, page-6h");
  });
  it("what was counted", () => {
    expect(countedText({ timing: "past", month, countedUntilSeconds: month.endSeconds })).toBe("October 2026, 31 days (UTC).");
    expect(countedText({ timing: "current", month, countedUntilSeconds: 1792800000 })).toBe("October 2026 so far: counted until 2026-10-24 00:00 UTC.");
    expect(countedText({ timing: "future", month, countedUntilSeconds: month.startSeconds })).toBe("October 2026 has not started yet.");
  });
  it("notices and the summary", () => {
    expect(noticeText("future", { month, team: "t" })!.title).toBe("October 2026 is in the future");
    expect(noticeText("before_data", { month, team: "t" })!.title).toBe("No data for October 2026");
    expect(noticeText(null, { month, team: "t" })).toBeNull();
    expect(reportSummary({ slos: 5, met: 2, missed: 1, uncertain: 0, noData: 1, unavailable: 1, requests: 0, badRequests: 0, fastBurnPeriods: 0 })).toBe(
      "2 of 3 SLOs met their objective · 1 without data · 1 unavailable",
    );
  });
  it("URL state", () => {
    expect(parseReportSearch({ team: " payments ", month: "2026-10" })).toEqual({ team: "payments", month: "2026-10" });
    expect(parseReportSearch({ month: "2026-13" })).toEqual({ team: "", month: undefined });
    expect(parseReportSearch(new URLSearchParams("team=a&month=1969-12"))).toEqual({ team: "a", month: undefined });
    expect(lastCompleteMonth(Date.UTC(2026, 0, 15) / 1000)).toBe("2025-12");
    expect(lastCompleteMonth(Date.UTC(2026, 2, 1) / 1000)).toBe("2026-02");
    expect(reportHref("a b", "2026-10")).toBe("/reports?team=a+b&month=2026-10");
    expect(reportDownloadHref("a&b", "2026-10", "csv")).toBe("/api/reports?team=a%26b&month=2026-10&format=csv");
  });
});
