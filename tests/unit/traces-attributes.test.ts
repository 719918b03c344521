// Attribute values from OTLP AnyValue JSON and Jaeger tags (lib/traces/attributes.ts), and the
// JSON reader that keeps int64 beyond 2^53 exact (lib/traces/json.ts).
import { describe, expect, it } from "vitest";
import { fromJaegerTags, fromOtlpAttributes, fromOtlpValue } from "@/lib/traces/attributes";
import { parseJsonLossless } from "@/lib/traces/json";

describe("fromOtlpValue", () => {
  it.each([
    [{ stringValue: "GET" }, { type: "string", value: "GET" }],
    [{ boolValue: true }, { type: "bool", value: true }],
    [{ intValue: "9007199254740993" }, { type: "int", value: "9007199254740993" }],
    [{ intValue: 42 }, { type: "int", value: "42" }],
    [{ intValue: "-007" }, { type: "int", value: "-7" }],
    [{ intValue: "1.5" }, { type: "empty" }],
    [{ doubleValue: 0.25 }, { type: "double", value: 0.25 }],
    [{ doubleValue: "NaN" }, { type: "empty" }],
    [{ doubleValue: "Infinity" }, { type: "empty" }],
    [{ doubleValue: "2.5" }, { type: "double", value: 2.5 }],
    [{ bytesValue: "AAAwOQ==" }, { type: "bytes", value: "AAAwOQ==" }],
    [{}, { type: "empty" }],
    [null, { type: "empty" }],
    [{ arrayValue: { values: [{ stringValue: "a" }, { intValue: "2" }] } }, { type: "array", values: [{ type: "string", value: "a" }, { type: "int", value: "2" }] }],
    [{ arrayValue: {} }, { type: "array", values: [] }],
    [{ kvlistValue: { values: [{ key: "k", value: { boolValue: false } }, { value: {} }] } }, { type: "kvlist", values: [{ key: "k", value: { type: "bool", value: false } }] }],
  ])("%j", (input, expected) => {
    expect(fromOtlpValue(input)).toEqual(expected);
  });

  it("cuts absurd nesting instead of recursing without end", () => {
    let v: unknown = { stringValue: "leaf" };
    for (let i = 0; i < 100; i++) v = { arrayValue: { values: [v] } };
    let out = fromOtlpValue(v);
    let depth = 0;
    while (out.type === "array") {
      out = out.values[0];
      depth++;
    }
    expect(out).toEqual({ type: "empty" });
    expect(depth).toBeLessThan(20);
  });

  it("drops entries without a key", () => {
    expect(fromOtlpAttributes([{ key: "a", value: { stringValue: "x" } }, { value: {} }, "junk"])).toEqual([{ key: "a", value: { type: "string", value: "x" } }]);
    expect(fromOtlpAttributes(undefined)).toEqual([]);
  });
});

describe("fromJaegerTags", () => {
  it("reads each Jaeger type, including bools as strings and big int64 as strings", () => {
    expect(
      fromJaegerTags([
        { key: "s", type: "string", value: "x" },
        { key: "b1", type: "bool", value: true },
        { key: "b2", type: "bool", value: "true" },
        { key: "i1", type: "int64", value: 23456 },
        { key: "i2", type: "int64", value: "9223372036854775222" },
        { key: "f", type: "float64", value: 72.5 },
        { key: "bin", type: "binary", value: "AAAwOQ==" },
        { key: "untyped", value: 3 },
        { key: "odd", type: "int64", value: "abc" },
      ]),
    ).toEqual([
      { key: "s", value: { type: "string", value: "x" } },
      { key: "b1", value: { type: "bool", value: true } },
      { key: "b2", value: { type: "bool", value: true } },
      { key: "i1", value: { type: "int", value: "23456" } },
      { key: "i2", value: { type: "int", value: "9223372036854775222" } },
      { key: "f", value: { type: "double", value: 72.5 } },
      { key: "bin", value: { type: "bytes", value: "AAAwOQ==" } },
      { key: "untyped", value: { type: "int", value: "3" } },
      { key: "odd", value: { type: "empty" } },
    ]);
  });
});

describe("parseJsonLossless", () => {
  it("keeps integers beyond 2^53 exact (as strings) and leaves the rest alone", () => {
    const text = '{"a":9223372036854775807,"b":[-9007199254740993, 1764633900000000],"c":"x:12345678901234567890","d":0.12345678901234567890,"e":1.5e300}';
    expect(parseJsonLossless(text)).toEqual({ a: "9223372036854775807", b: ["-9007199254740993", 1764633900000000], c: "x:12345678901234567890", d: 0.12345678901234568, e: 1.5e300 });
    expect(JSON.parse(text).a).not.toBe(9223372036854775807n.toString());
  });
  it("is JSON.parse when no long integer appears", () => {
    expect(parseJsonLossless('{"x":[1,2,"9007199254740993"]}')).toEqual({ x: [1, 2, "9007199254740993"] });
    expect(() => parseJsonLossless("{")).toThrow();
  });
  it("does not touch digits inside strings with escaped quotes", () => {
    expect(parseJsonLossless('{"s":"say \\":12345678901234567890\\"","n":12345678901234567890}')).toEqual({ s: 'say ":12345678901234567890"', n: "12345678901234567890" });
  });
});
