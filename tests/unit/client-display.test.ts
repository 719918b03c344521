// Display formatting and the catalogue's URL state.
import { describe, expect, it } from "vitest";
import { formatErrorBudget, formatObjective, formatRelative, formatThresholdMs, formatUtc } from "@/lib/client/format";
import { formatFieldValue } from "@/lib/client/revision-format";
import { parseSloSearch, sloSearchToQuery, sloSearchToString, SLO_PAGE_SIZE } from "@/lib/client/slo-search-params";

describe("formatting", () => {
  it.each([
    [0.3, "300 ms"],
    [0.0005, "0.5 ms"],
    [12, "12,000 ms"],
    [0.1 + 0.2, "300 ms"],
  ])("threshold %s s → %s", (s, text) => expect(formatThresholdMs(s)).toBe(text));

  it.each([
    [0.995, "99.5 %", "0.5 %"],
    [0.99, "99 %", "1 %"],
    [0.99999, "99.999 %", "0.001 %"],
  ])("objective %s → %s, budget %s", (o, text, budget) => {
    expect(formatObjective(o)).toBe(text);
    expect(formatErrorBudget(o)).toBe(budget);
  });

  it("formats times relative and in UTC", () => {
    const now = Date.parse("2026-03-01T12:00:00Z");
    expect(formatRelative("2026-03-01T11:59:30Z", now)).toBe("just now");
    expect(formatRelative("2026-03-01T09:00:00Z", now)).toBe("3 hours ago");
    expect(formatUtc("2026-03-01T09:05:00Z")).toBe("2026-03-01 09:05 UTC");
  });

  it("formats revision values in display units", () => {
    expect(formatFieldValue("thresholdSeconds", 0.25)).toBe("250 ms");
    expect(formatFieldValue("window", { kind: "calendar", unit: "month" })).toBe("calendar month");
    expect(formatFieldValue("extraMatchers", [{ label: "env", op: "=", value: "prod" }])).toBe('env="prod"');
    expect(formatFieldValue("team", "")).toBe("—");
  });
});

describe("catalogue search params", () => {
  it("parses, dropping junk instead of failing", () => {
    expect(parseSloSearch({ team: " payments ", status: "bogus", page: "-3", q: ["a", "b"] })).toEqual({ team: "payments", service: "", status: "", q: "a", page: 1 });
    expect(parseSloSearch(new URLSearchParams("status=archived&page=3"))).toMatchObject({ status: "archived", page: 3 });
  });

  it("writes only non-default values and round-trips", () => {
    const s = { team: "payments", service: "", status: "active" as const, q: "p99 checkout", page: 2 };
    const str = sloSearchToString(s);
    expect(str).toBe("?team=payments&status=active&q=p99+checkout&page=2");
    expect(parseSloSearch(new URLSearchParams(str.slice(1)))).toEqual(s);
    expect(sloSearchToString({ team: "", service: "", status: "", q: "", page: 1 })).toBe("");
  });

  it("turns the page into limit/offset", () => {
    expect(sloSearchToQuery(parseSloSearch({ page: "3" }))).toEqual({ team: undefined, service: undefined, status: undefined, q: undefined, limit: SLO_PAGE_SIZE, offset: 2 * SLO_PAGE_SIZE });
  });
});
