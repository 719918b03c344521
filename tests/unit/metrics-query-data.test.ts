// The hand-checked query answer parser (lib/server/metrics/query-data.ts) against the zod schema it
// replaces on the hot path (QueryData): the same answers are accepted with the same numbers, and
// every malformed answer the schema refuses is refused too (bad_response upstream).
import { describe, expect, it } from "vitest";
import { parseQueryAnswer } from "@/lib/server/metrics/query-data";
import fc from "fast-check";
import { parseSampleValue, QueryData } from "@/lib/server/metrics/schemas";

const good: [string, unknown][] = [
  ["vector", { resultType: "vector", result: [{ metric: { a: "1" }, value: [10.5, "3"] }, { metric: {}, value: [10.5, "NaN"] }] }],
  ["vector with +Inf and exponent", { resultType: "vector", result: [{ metric: { x: "" }, value: [1, "+Inf"] }, { metric: {}, value: [1, "1.5e-7"] }] }],
  ["native histogram sample dropped", { resultType: "vector", result: [{ metric: {}, histogram: [1, {}] }] }],
  ["null vector", { resultType: "vector", result: null }],
  ["matrix", { resultType: "matrix", result: [{ metric: { s: "a" }, values: [[1, "1"], [2, "-Inf"]] }, { metric: {}, values: null }, { metric: {} }] }],
  ["scalar", { resultType: "scalar", result: [5, "0.25"] }],
  ["string", { resultType: "string", result: [5, "hello"] }],
];

const bad: [string, unknown, RegExp][] = [
  ["not an object", 5, /^data:/],
  ["unknown result type", { resultType: "table", result: [] }, /^resultType:/],
  ["result not an array", { resultType: "vector", result: 5 }, /^result:/],
  ["sample not an object", { resultType: "vector", result: ["x"] }, /^result\.0:/],
  ["missing metric", { resultType: "vector", result: [{ value: [1, "1"] }] }, /^result\.0\.metric:/],
  ["label value not a string", { resultType: "vector", result: [{ metric: { a: 1 }, value: [1, "1"] }] }, /^result\.0\.metric\.a:/],
  ["bad sample value", { resultType: "vector", result: [{ metric: {}, value: [1, "abc"] }] }, /not a sample value/],
  ["value a number", { resultType: "vector", result: [{ metric: {}, value: [1, 1] }] }, /^result\.0\.value\.1:/],
  ["timestamp a string", { resultType: "vector", result: [{ metric: {}, value: ["1", "1"] }] }, /^result\.0\.value\.0:/],
  ["timestamp infinite", { resultType: "matrix", result: [{ metric: {}, values: [[Infinity, "1"]] }] }, /values\.0\.0:/],
  ["point too long", { resultType: "matrix", result: [{ metric: {}, values: [[1, "1", "2"]] }] }, /values\.0:/],
  ["values not an array", { resultType: "matrix", result: [{ metric: {}, values: "1" }] }, /^result\.0\.values:/],
  ["scalar not a pair", { resultType: "scalar", result: "1" }, /^result:/],
  ["string not a pair", { resultType: "string", result: [1, 2] }, /^result:/],
];

describe("parseQueryAnswer", () => {
  it.each(good)("accepts %s as QueryData does, with the same numbers", (_n, data) => {
    const z = QueryData.parse(data);
    const r = parseQueryAnswer(data);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.resultType).toBe(z.resultType);
    if (z.resultType === "vector" && r.value.resultType === "vector")
      expect(r.value.samples).toEqual((z.result ?? []).flatMap((s) => (s.value ? [{ labels: s.metric, timestamp: s.value[0], value: s.value[1] }] : [])));
    if (z.resultType === "matrix" && r.value.resultType === "matrix")
      expect(r.value.series).toEqual((z.result ?? []).map((s) => ({ labels: s.metric, points: (s.values ?? []).map(([t, v]) => ({ t, v })) })));
    if (z.resultType === "scalar" && r.value.resultType === "scalar") expect(r.value.sample).toEqual({ labels: {}, timestamp: z.result[0], value: z.result[1] });
  });

  it.each(bad)("refuses %s (as QueryData does) and says where", (_n, data, where) => {
    expect(QueryData.safeParse(data).success).toBe(false);
    const r = parseQueryAnswer(data);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(`${r.path}: ${r.message}`).toMatch(where);
  });
});

describe("parseSampleValue", () => {
  // The rule as written before its fast path: Go's float spellings by one pattern, then Number().
  const reference = (s: string): number | null => {
    if (s === "NaN") return NaN;
    if (s === "+Inf" || s === "Inf") return Infinity;
    if (s === "-Inf") return -Infinity;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
    return Number(s);
  };
  it("reads every string as the pattern does, the plain-decimal fast path included", () => {
    const spelled = fc.stringMatching(/^[-+]?[0-9.]{0,45}([eE][-+]?[0-9]{0,3})?$/);
    const anything = fc.string({ unit: fc.constantFrom(..."0123456789.-+eE xInfNa_"), maxLength: 24 });
    fc.assert(fc.property(fc.oneof(spelled, anything, fc.double().map(String)), (s) => Object.is(parseSampleValue(s), reference(s))), { numRuns: 5000 });
    for (const s of ["", ".", "-", "-.", "1.", ".5", "-.5", "0", "-0", "1..2", "1.2.3", "٣", " 1", "1 ", "0x10", "1_0", "Infinity"]) expect(parseSampleValue(s), s).toBe(reference(s));
  });
});
