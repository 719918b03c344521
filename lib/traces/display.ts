// Words and numbers for the trace view: attribute values as text, durations with readable units.
// Pure, no I/O.
import type { Attribute, AttributeValue } from "@/lib/schemas/trace";

/** An attribute value as one line of text; ints stay exact (they arrive as decimal strings). */
export function attributeText(v: AttributeValue): string {
  switch (v.type) {
    case "string":
    case "int":
    case "bytes":
      return v.value;
    case "bool":
      return String(v.value);
    case "double":
      return String(v.value);
    case "array":
      return `[${v.values.map(attributeText).join(", ")}]`;
    case "kvlist":
      return `{${v.values.map((a) => `${a.key}=${attributeText(a.value)}`).join(", ")}}`;
    case "empty":
      return "";
  }
}

export const findAttribute = (attrs: Attribute[], key: string) => attrs.find((a) => a.key === key);

const UNITS: [string, number][] = [
  ["s", 1e9],
  ["ms", 1e6],
  ["µs", 1e3],
  ["ns", 1],
];

/** 1_234_567 → "1.23 ms"; 0 → "0 ns"; three significant digits, the largest unit below the value. */
export function formatDurationNs(ns: number): string {
  if (!Number.isFinite(ns) || ns <= 0) return "0 ns";
  const [unit, size] = UNITS.find(([, s]) => ns >= s) ?? UNITS[UNITS.length - 1];
  const v = ns / size;
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${Number(v.toFixed(digits)).toLocaleString("en-US", { maximumFractionDigits: digits })} ${unit}`;
}

/** Unix nanoseconds (decimal string) → "2026-12-02 05:50:24.123 UTC"; exact to the millisecond. */
export function formatUnixNanoUtc(unixNano: string): string {
  const ms = Number(BigInt(unixNano) / 1_000_000n);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return unixNano;
  return `${d.toISOString().slice(0, 23).replace("T", " ")} UTC`;
}
