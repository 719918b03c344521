// Trace and span IDs in one spelling: lowercase hex, left-padded to 32 digits (trace) or 16 (span).
// Pure, no I/O.
//
// What arrives, and where it was learned:
// - Tempo's JSON (gogo jsonpb of the OTLP proto, grafana/tempo pkg/tempopb) sends IDs as base64 of
//   the raw bytes: 24 characters ending "==" for 16 bytes, 12 ending "=" for 8.
// - OTLP/JSON as the spec writes it (and Grafana's test data) sends hex.
// - Jaeger (internal/uimodel/converter/v1/json) sends hex; a 64-bit trace ID is 16 digits, and
//   its trace IDs drop leading zeros (TraceID.String prints the low half with %x when high is 0).
// - Tempo's metrics-generator writes exemplar trace IDs as hex with leading zeros stripped.
// So hex of any length up to the width is left-padded; a string that is all hex digits is read as
// hex (padded base64 always holds "=", and unpadded base64 of random bytes is all hex digits with
// probability (22/64)^22); otherwise base64 (standard or URL alphabet, padded or not) that decodes
// to exactly 8 or 16 bytes. Anything else is refused, never guessed at. All zeros is the invalid
// ID of W3C Trace Context: refused as an ID, read as "no parent" where a parent is expected.

export type IdResult = { ok: true; hex: string } | { ok: false; reason: string };

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const ZEROS = /^0+$/;

const B64_VALUE = new Int8Array(128).fill(-1);
for (const [i, c] of [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].entries()) B64_VALUE[c.charCodeAt(0)] = i;
B64_VALUE["-".charCodeAt(0)] = 62;
B64_VALUE["_".charCodeAt(0)] = 63;
const HEX_PAIR = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/**
 * The bytes of a base64 string (standard or URL alphabet, padded or not) as lowercase hex, or
 * null when it is not base64 of a whole number of bytes. Hand-rolled: Buffer.from(…, "base64")
 * costs ~6 µs per ID, and a 5,000-span trace carries ~15,000 of them.
 */
function base64Hex(raw: string): { hex: string; bytes: number } | null {
  if (!BASE64.test(raw)) return null;
  let end = raw.length;
  while (end > 0 && raw.charCodeAt(end - 1) === 61 /* = */) end--;
  // A padded string has a length that is a multiple of 4; an unpadded one never leaves 1 spare character.
  if ((end !== raw.length && raw.length % 4 !== 0) || end % 4 === 1) return null;
  let hex = "";
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const v = B64_VALUE[raw.charCodeAt(i)];
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      hex += HEX_PAIR[(acc >> bits) & 0xff];
    }
  }
  return { hex, bytes: hex.length / 2 };
}

function normalise(raw: unknown, digits: 16 | 32, what: "trace" | "span"): IdResult {
  if (typeof raw !== "string") return { ok: false, reason: `a ${what} ID must be a string, not ${raw === null ? "null" : typeof raw}` };
  if (raw === "") return { ok: false, reason: `the ${what} ID is empty` };
  let hex: string | null = null;
  if (HEX.test(raw)) {
    if (raw.length > digits) return { ok: false, reason: `a ${what} ID has at most ${digits} hex digits (${raw.length} sent)` };
    hex = raw.toLowerCase().padStart(digits, "0");
  } else {
    const decoded = base64Hex(raw);
    const widths = what === "trace" ? [8, 16] : [8];
    if (!decoded || !widths.includes(decoded.bytes))
      return { ok: false, reason: `a ${what} ID is hex (up to ${digits} digits) or base64 of ${widths.join(" or ")} bytes; "${raw.slice(0, 40)}" is neither` };
    hex = decoded.hex.padStart(digits, "0");
  }
  if (ZEROS.test(hex)) return { ok: false, reason: `an all-zero ${what} ID is the invalid ID` };
  return { ok: true, hex };
}

/** A trace ID as 32 lowercase hex digits (64-bit and zero-stripped IDs are left-padded). */
export const normaliseTraceId = (raw: unknown): IdResult => normalise(raw, 32, "trace");

/** A span ID as 16 lowercase hex digits. */
export const normaliseSpanId = (raw: unknown): IdResult => normalise(raw, 16, "span");

export type ParentId = { kind: "root" } | { kind: "id"; hex: string } | { kind: "invalid"; reason: string };

/** A parent span ID: absent, null, empty or all-zero (hex or base64 of zero bytes) means root. */
export function parentSpanIdOf(raw: unknown): ParentId {
  if (raw === undefined || raw === null || raw === "") return { kind: "root" };
  if (typeof raw === "string") {
    const decoded = HEX.test(raw) ? null : base64Hex(raw);
    if (ZEROS.test(raw) || (decoded && ZEROS.test(decoded.hex))) return { kind: "root" };
  }
  const r = normaliseSpanId(raw);
  return r.ok ? { kind: "id", hex: r.hex } : { kind: "invalid", reason: r.reason };
}
