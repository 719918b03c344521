import { describe, expect, it } from "vitest";
import { csvText, REPORT_CSV_COLUMNS, reportCsv, reportFilename } from "@/lib/slo/report-csv";
import type { ReportResponse } from "@/lib/schemas/report";

describe("csvText: RFC 4180 quoting and the formula guard", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    ["=HYPERLINK(\"http://x\")", '"\'=HYPERLINK(""http://x"")"'],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["GET /cart/{id} \"x\" \\ ü", '"GET /cart/{id} ""x"" \\ ü"'],
  ])("%j → %j", (input, want) => expect(csvText(input)).toBe(want));
});

const report: ReportResponse = {
  team: "pay,ments",
  month: { id: "2026-10", label: "October 2026", startSeconds: 1790812800, endSeconds: 1793491200, days: 31 },
  timing: "past",
  countedUntilSeconds: 1793491200,
  generatedAtSeconds: 1793500000,
  notice: null,
  totals: { slos: 2, met: 1, missed: 0, uncertain: 0, noData: 0, unavailable: 1, requests: 1000, badRequests: 5, fastBurnPeriods: 1 },
  teams: ["pay,ments"],
  slos: [
    {
      slo: { id: "a", slug: "checkout", name: "=cmd|' /C calc'!A0", service: "checkout", operation: "POST /checkout", objective: 0.99, thresholdSeconds: 0.256, window: { kind: "calendar", unit: "month" } },
      result: {
        kind: "answered",
        verdict: "met",
        good: 995,
        total: 1000,
        bad: 5,
        sli: 0.995,
        sliBounds: null,
        budgetUsed: 0.5,
        allowedBadEvents: 10,
        fastBurn: [{ startSeconds: 1793361600, endSeconds: 1793367000, ongoing: false, tiers: ["page-1h"], peakBurnRate: 20.5, badRequests: 4 }],
        morePeriods: 0,
        gapSeconds: 0,
        samplesSeen: true,
        exact: true,
        warnings: [],
      },
    },
    {
      slo: { id: "b", slug: "search", name: "Search", service: "search", operation: "GET /search", objective: 0.999, thresholdSeconds: 0.5, window: { kind: "rolling", days: 28 } },
      result: { kind: "unavailable", title: "Prometheus is unavailable", detail: "no data from Prometheus: connection refused" },
    },
  ],
};

describe("reportCsv", () => {
  const csv = reportCsv(report);
  const lines = csv.split("\r\n");
  it("header, one row per SLO, CRLF line ends", () => {
    expect(lines[0]).toBe(REPORT_CSV_COLUMNS.join(","));
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe("");
  });
  it("the answered SLO: numbers as numbers, the hostile name guarded and quoted", () => {
    expect(lines[1]).toBe(
      `"pay,ments",2026-10,checkout,'=cmd|' /C calc'!A0,checkout,POST /checkout,0.99,0.256,met,0.995,,0.5,1000,5,1,2026-10-30T12:00:00.000Z,2026-10-30T13:30:00.000Z,20.5,4,`,
    );
  });
  it("the unavailable SLO says so in words", () => {
    expect(lines[2]).toBe(`"pay,ments",2026-10,search,Search,search,GET /search,0.999,0.5,unavailable,,,,,,,,,,,no data from Prometheus: connection refused`);
  });
  it("filename without characters a header or a file system would choke on", () => {
    expect(reportFilename('pay"ments/ops', "2026-10", "csv")).toBe("sightline-report-pay_ments_ops-2026-10.csv");
  });
});
