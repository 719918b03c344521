// The strict query-string parsers (lib/schemas/query.ts): what z.coerce.number() used to accept
// ("" as 0, "0x10" as 16, "1e3", " 5 ") is refused; unix seconds and RFC 3339 are read exactly.
import { describe, expect, it } from "vitest";
import { parseTime, queryInt, queryTime } from "@/lib/schemas/query";
import { StatusQuery, TimeseriesQuery } from "@/lib/schemas/status";
import { ListSlosQuery } from "@/lib/schemas/slo";

describe("parseTime", () => {
  it.each([
    ["1767225600", 1767225600],
    ["1767225600.25", 1767225600.25],
    ["0", 0],
    ["2026-01-01T00:00:00Z", 1767225600],
    ["2026-01-01t00:00:00z", 1767225600],
    ["2026-01-01 00:00:00Z", 1767225600],
    ["2026-01-01T01:00:00+01:00", 1767225600],
    ["2025-12-31T19:30:00-04:30", 1767225600],
    ["2026-01-01T00:00:00.5Z", 1767225600.5],
    ["2024-02-29T00:00:00Z", 1709164800],
  ])("%s is %d", (text, seconds) => {
    expect(parseTime(text)).toBe(seconds);
  });

  it.each(["", " ", "0x10", "1e9", "+5", " 5", "5 ", "Infinity", "NaN", "1,5", "1.", ".5", "2026-01-01", "2026-01-01T00:00:00",
    "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z",
    "2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00 01:00", "１２３"])("%j is not a time", (text) => {
    expect(parseTime(text)).toBeUndefined();
  });
});

describe("queryTime and queryInt", () => {
  it("bounds times to 1970..2100 and says which end", () => {
    expect(queryTime.safeParse("-1").error?.issues[0].message).toMatch(/1970/);
    expect(queryTime.safeParse("4102444801").error?.issues[0].message).toMatch(/2100/);
    expect(queryTime.safeParse("0050-01-01T00:00:00Z").success).toBe(false); // not read as 1950
  });

  it("takes whole decimal numbers only", () => {
    const n = queryInt(1, 200);
    expect(n.parse("50")).toBe(50);
    for (const bad of ["", "0x10", "1e2", "1.5", " 5", "0", "201", "99999999999999999"]) expect(n.safeParse(bad).success, bad).toBe(false);
  });
});

describe("the query schemas use them", () => {
  const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => i.path.join("."));

  it("refuses an empty or hex `at` naming it, where it used to mean 1970 and 16", () => {
    expect(paths(StatusQuery.safeParse({ at: "" }))).toEqual(["at"]);
    expect(paths(StatusQuery.safeParse({ at: "0x10" }))).toEqual(["at"]);
    expect(StatusQuery.parse({ at: "2026-01-01T00:00:00Z", burnDownStep: "3600" })).toEqual({ at: 1767225600, burnDownStep: 3600 });
  });

  it("reads timeseries from/to as times and keeps the range rules", () => {
    expect(TimeseriesQuery.parse({ from: "2026-01-01T00:00:00Z", to: "1767229200" })).toEqual({ from: 1767225600, to: 1767229200 });
    expect(paths(TimeseriesQuery.safeParse({ from: "", to: "1767229200" }))).toEqual(["from"]);
    expect(paths(TimeseriesQuery.safeParse({ from: "1767229200", to: "1767225600" }))).toEqual(["to"]);
  });

  it("keeps list defaults and refuses loose limit/offset", () => {
    expect(ListSlosQuery.parse({})).toMatchObject({ limit: 50, offset: 0 });
    expect(paths(ListSlosQuery.safeParse({ limit: "0x10" }))).toEqual(["limit"]);
    expect(paths(ListSlosQuery.safeParse({ offset: "" }))).toEqual(["offset"]);
  });
});
