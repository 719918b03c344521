// changedFields: what a revision says was changed. Pure.
import { describe, expect, it } from "vitest";
import { changedFields } from "@/lib/server/catalogue/slo-mapping";

describe("changedFields", () => {
  const base = { id: "a", version: 1, updatedAt: "t1", name: "n", window: { kind: "rolling", days: 28 }, extraMatchers: [{ label: "a", op: "=", value: "1" }] };

  it.each([
    ["nothing on create", null, base, []],
    ["no change", base, { ...base }, []],
    ["bookkeeping only", base, { ...base, version: 2, updatedAt: "t2" }, []],
    ["a scalar", base, { ...base, name: "m" }, ["name"]],
    ["a nested value", base, { ...base, window: { kind: "rolling", days: 7 } }, ["window"]],
    ["same object, other key order", base, { ...base, window: { days: 28, kind: "rolling" } }, []],
    ["an array element", base, { ...base, extraMatchers: [{ label: "a", op: "=", value: "2" }] }, ["extraMatchers"]],
    ["an added field", base, { ...base, team: "x" }, ["team"]],
    ["several, sorted", base, { ...base, name: "m", extraMatchers: [] }, ["extraMatchers", "name"]],
  ] as const)("%s", (_label, before, after, expected) => {
    expect(changedFields(before as Record<string, unknown> | null, after as Record<string, unknown>)).toEqual(expected);
  });
});
