// CSV export of the dashboard: RFC 4180 quoting and the formula-injection guard, on the cells
// users and backends write (names, teams, problems); numbers stay numbers.
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, csvField, csvFileName, overviewCsv } from "@/lib/client/overview/csv";
import { overviewSlo } from "@/tests/fixtures/overview";

// A minimal RFC 4180 reader, to prove that what we write reads back cell for cell.
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], cell = "", quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") endCell();
    else if (ch === "\r" && text[i + 1] === "\n") {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += ch;
  }
  return rows;
}

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""],
    ["+1", "'+1"],
    ["-rm", "'-rm"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["a=b", "a=b"], // only a leading sign is a formula
    ["", ""],
    [null, ""],
    [-0.25, "-0.25"], // a number is never guarded
    [0.9987, "0.9987"],
    [Number.NaN, ""],
  ] as const)("%j → %s", (v, want) => expect(csvField(v)).toBe(want));
});

describe("overviewCsv", () => {
  it("writes a header and one CRLF line per SLO, in order, that read back exactly", () => {
    const slos = [
      overviewSlo({ name: "=cmd|' /C calc'!A0", team: "pay,ments", budgetRemaining: -0.4, worstBurnRate: { window: "1h", rate: 15, severity: "page" }, state: "exhausted" }),
      overviewSlo({ name: "Search \"fast\"", state: "unavailable", path: "unavailable", measurement: null, sli: null, budgetRemaining: null, worstBurnRate: null, problem: "connect ECONNREFUSED\n127.0.0.1:9" }),
    ];
    const text = overviewCsv(slos);
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const rec = (i: number) => Object.fromEntries(CSV_COLUMNS.map((c, j) => [c, rows[i][j]]));
    expect(rec(1)).toMatchObject({ team: "pay,ments", slo: "'=cmd|' /C calc'!A0", budget_remaining: "-0.4", worst_burn_rate: "15", worst_burn_severity: "page", state: "exhausted", path: "raw" });
    expect(rec(2)).toMatchObject({ slo: 'Search "fast"', sli: "", budget_remaining: "", worst_burn_window: "", path: "unavailable", problem: "connect ECONNREFUSED\n127.0.0.1:9" });
  });

  it("names the file after the moment, in UTC", () => expect(csvFileName(Date.UTC(2026, 11, 2, 6, 10, 59) / 1000)).toBe("sightline-dashboard-2026-12-02T0610Z.csv"));
});
