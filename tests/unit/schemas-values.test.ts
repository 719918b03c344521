// lib/schemas/values.ts holds, without zod, what the first render needs; where it restates a
// schema's rule by hand (asSloWindow for SloWindow, the enums' members), it must agree with it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SloStatus, SloWindow, SpanKind } from "@/lib/schemas/slo-dto";
import { asSloWindow, isOneOf, SLO_STATUSES, SPAN_KINDS } from "@/lib/schemas/values";

describe("values.ts agrees with the schemas", () => {
  it("asSloWindow accepts exactly what SloWindow accepts, with the same value", () => {
    const near = fc.oneof(
      fc.record({ kind: fc.constantFrom("rolling", "calendar", "other"), days: fc.oneof(fc.integer({ min: -2, max: 95 }), fc.double(), fc.constant("7")) }, { requiredKeys: ["kind"] }),
      fc.record({ kind: fc.constantFrom("rolling", "calendar"), unit: fc.constantFrom("month", "week") }, { requiredKeys: ["kind"] }),
      fc.record({ kind: fc.constant("rolling"), days: fc.integer({ min: 1, max: 90 }), extra: fc.anything() }),
      fc.anything(),
    );
    fc.assert(
      fc.property(near, (v) => {
        const zod = SloWindow.safeParse(v);
        expect(asSloWindow(v)).toEqual(zod.success ? zod.data : null);
      }),
      { numRuns: 3000 },
    );
  });

  it("the enums are built from the same members", () => {
    expect(SloStatus.options).toEqual([...SLO_STATUSES]);
    expect(SpanKind.options).toEqual([...SPAN_KINDS]);
    for (const v of ["draft", "active", "archived", "Active", "", null, 3]) expect(isOneOf(SLO_STATUSES, v)).toBe(SloStatus.safeParse(v).success);
  });
});
