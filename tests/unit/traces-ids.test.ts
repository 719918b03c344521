// Trace and span IDs to one spelling (lib/traces/ids.ts): hex of any case and shorter lengths
// padded, Tempo's base64, Jaeger's 64-bit IDs, zero-stripped exemplar IDs; garbage refused.
import { describe, expect, it } from "vitest";
import { normaliseSpanId, normaliseTraceId, parentSpanIdOf } from "@/lib/traces/ids";

const hexOf = (r: ReturnType<typeof normaliseTraceId>) => (r.ok ? r.hex : `refused: ${r.reason}`);

describe("normaliseTraceId", () => {
  it.each([
    ["4bf92f3577b34da6a3ce929d0e0e4736", "4bf92f3577b34da6a3ce929d0e0e4736", "32 hex digits"],
    ["4BF92F3577B34DA6A3CE929D0E0E4736", "4bf92f3577b34da6a3ce929d0e0e4736", "upper case"],
    ["2be38093ead7a083", "00000000000000002be38093ead7a083", "a 64-bit Jaeger ID"],
    ["bf92f3577b34da6a3ce929d0e0e4736", "0bf92f3577b34da6a3ce929d0e0e4736", "a Tempo exemplar ID with its leading zero stripped"],
    ["1", "00000000000000000000000000000001", "one digit"],
    ["S/kvNXezTaajzpKdDg5HNg==", "4bf92f3577b34da6a3ce929d0e0e4736", "Tempo's base64 (16 bytes)"],
    ["S_kvNXezTaajzpKdDg5HNg", "4bf92f3577b34da6a3ce929d0e0e4736", "base64url without padding"],
    ["AAAAAAAAAABguiq7RPE+rg==", "000000000000000060ba2abb44f13eae", "a 64-bit ID padded to 16 bytes by Tempo 1.x"],
    ["YLoqu0TxPq4=", "000000000000000060ba2abb44f13eae", "base64 of 8 bytes"],
    ["ABCDEF", "00000000000000000000000000abcdef", "all hex digits: read as hex, not as base64"],
  ])("%s → %s (%s)", (raw, hex) => {
    expect(hexOf(normaliseTraceId(raw))).toBe(hex);
  });

  it.each([
    ["", "empty"],
    ["00000000000000000000000000000000", "all zeros"],
    ["0", "zero"],
    ["AAAAAAAAAAAAAAAAAAAAAA==", "base64 of zeros"],
    ["4bf92f3577b34da6a3ce929d0e0e47361", "33 hex digits"],
    ["xyz", "not hex nor base64 of 8/16 bytes"],
    ["4bf92f35-77b3-4da6-a3ce-929d0e0e4736", "a UUID spelling"],
    [" 4bf92f3577b34da6", "whitespace"],
    ["S/kvNXezTaajzpKdDg5HNg=", "broken padding"],
    ["ZZZZ", "base64 of 3 bytes"],
  ])("refuses %j (%s)", (raw) => {
    const r = normaliseTraceId(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/trace ID/);
  });

  it("refuses non-strings", () => {
    expect(normaliseTraceId(42).ok).toBe(false);
    expect(normaliseTraceId(null).ok).toBe(false);
  });
});

describe("normaliseSpanId", () => {
  it.each([
    ["00f067aa0ba902b7", "00f067aa0ba902b7"],
    ["F067AA0BA902B7", "00f067aa0ba902b7"],
    ["APBnqgupArc=", "00f067aa0ba902b7"],
  ])("%s → %s", (raw, hex) => {
    const r = normaliseSpanId(raw);
    expect(r.ok && r.hex).toBe(hex);
  });

  it("refuses a 16-byte value, 17 digits and zeros", () => {
    expect(normaliseSpanId("S/kvNXezTaajzpKdDg5HNg==").ok).toBe(false);
    expect(normaliseSpanId("00f067aa0ba902b71").ok).toBe(false);
    expect(normaliseSpanId("0000000000000000").ok).toBe(false);
  });
});

describe("parentSpanIdOf", () => {
  it.each([undefined, null, "", "0000000000000000", "0", "AAAAAAAAAAA="])("%j is a root", (raw) => {
    expect(parentSpanIdOf(raw)).toEqual({ kind: "root" });
  });
  it("reads a parent in base64 or hex", () => {
    expect(parentSpanIdOf("APBnqgupArc=")).toEqual({ kind: "id", hex: "00f067aa0ba902b7" });
    expect(parentSpanIdOf("00F067AA0BA902B7")).toEqual({ kind: "id", hex: "00f067aa0ba902b7" });
  });
  it("says when a parent is unreadable", () => {
    expect(parentSpanIdOf("not-an-id!").kind).toBe("invalid");
    expect(parentSpanIdOf(7).kind).toBe("invalid");
  });
});
