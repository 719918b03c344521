// Attribute values from the two wire formats into the model's Attribute (lib/schemas/trace.ts).
// Pure, no I/O; never throws: a value it cannot read becomes { type: "empty" }.
//
// OTLP AnyValue as JSON (opentelemetry-proto common.proto; Tempo via gogo jsonpb):
//   {stringValue} {boolValue} {intValue: "123" | 123} {doubleValue: 1.5 | "NaN" | "Infinity"}
//   {bytesValue: base64} {arrayValue: {values: [AnyValue]}} {kvlistValue: {values: [{key, value}]}}
//   and {} for an empty value. jsonpb writes int64 as a string; other writers send a number.
// Jaeger tags (internal/uimodel/converter/v1/json): {key, type, value} with type string | bool |
//   int64 | float64 | binary; int64 beyond 2^53 arrives as a string, bool sometimes as "true"
//   (cmd/anonymizer fixtures), binary as base64.
import type { Attribute, AttributeValue } from "@/lib/schemas/trace";

const EMPTY: AttributeValue = { type: "empty" };
/** Nested arrays/kvlists deeper than this are cut (hostile or broken input, not real traces). */
const MAX_NESTING = 16;
const INT = /^-?\d+$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** An integer as an exact decimal string ("007" → "7", "-0" → "0"), or null. */
export function intString(v: unknown): string | null {
  if (typeof v === "string" && INT.test(v)) return BigInt(v).toString();
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v).toString();
  if (typeof v === "bigint") return v.toString();
  return null;
}

function doubleOf(v: unknown): AttributeValue {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  // NaN and ±Infinity are legal doubles JSON cannot carry: the model shows them as empty.
  return Number.isFinite(n) ? { type: "double", value: n } : EMPTY;
}

export function fromOtlpValue(v: unknown, depth = 0): AttributeValue {
  if (!isObj(v) || depth > MAX_NESTING) return EMPTY;
  if ("stringValue" in v) return typeof v.stringValue === "string" ? { type: "string", value: v.stringValue } : { type: "string", value: String(v.stringValue ?? "") };
  if ("boolValue" in v) return { type: "bool", value: v.boolValue === true || v.boolValue === "true" };
  if ("intValue" in v) {
    const s = intString(v.intValue);
    return s === null ? EMPTY : { type: "int", value: s };
  }
  if ("doubleValue" in v) return doubleOf(v.doubleValue);
  if ("bytesValue" in v) return typeof v.bytesValue === "string" ? { type: "bytes", value: v.bytesValue } : EMPTY;
  if ("arrayValue" in v) {
    const values = isObj(v.arrayValue) && Array.isArray(v.arrayValue.values) ? v.arrayValue.values : [];
    return { type: "array", values: values.map((x) => fromOtlpValue(x, depth + 1)) };
  }
  if ("kvlistValue" in v) {
    const values = isObj(v.kvlistValue) && Array.isArray(v.kvlistValue.values) ? v.kvlistValue.values : [];
    return { type: "kvlist", values: fromOtlpAttributes(values, depth + 1) };
  }
  return EMPTY;
}

/** OTLP `attributes: [{key, value}]`; entries without a string key are dropped. */
export function fromOtlpAttributes(list: unknown, depth = 0): Attribute[] {
  if (!Array.isArray(list)) return [];
  const out: Attribute[] = [];
  for (const kv of list) if (isObj(kv) && typeof kv.key === "string") out.push({ key: kv.key, value: fromOtlpValue(kv.value, depth) });
  return out;
}

function jaegerValue(type: unknown, value: unknown): AttributeValue {
  switch (typeof type === "string" ? type.toLowerCase() : "") {
    case "string":
      return { type: "string", value: typeof value === "string" ? value : value === undefined || value === null ? "" : String(value) };
    case "bool":
      return { type: "bool", value: value === true || value === "true" };
    case "int64": {
      const s = intString(value);
      return s === null ? EMPTY : { type: "int", value: s };
    }
    case "float64":
      return doubleOf(value);
    case "binary":
      return typeof value === "string" ? { type: "bytes", value } : EMPTY;
  }
  // No or unknown type: go by the JSON value.
  if (typeof value === "string") return { type: "string", value };
  if (typeof value === "boolean") return { type: "bool", value };
  if (typeof value === "number") return Number.isInteger(value) ? { type: "int", value: String(value) } : doubleOf(value);
  return EMPTY;
}

/** Jaeger `tags: [{key, type, value}]`. */
export function fromJaegerTags(list: unknown): Attribute[] {
  if (!Array.isArray(list)) return [];
  const out: Attribute[] = [];
  for (const t of list) if (isObj(t) && typeof t.key === "string") out.push({ key: t.key, value: jaegerValue(t.type, t.value) });
  return out;
}

/** The string value of `key`, when present and a string. */
export function stringAttribute(attrs: readonly Attribute[], key: string): string | undefined {
  const a = attrs.find((x) => x.key === key);
  return a?.value.type === "string" ? a.value.value : undefined;
}
