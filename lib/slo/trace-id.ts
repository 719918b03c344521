// Trace ids as one spelling: 32 lowercase hex digits. Exemplars from Tempo strip leading zeros and
// 64-bit ids arrive as 16 digits, so shorter hex is left-padded; anything else is refused rather than
// guessed at. All-zero is the invalid trace id of W3C Trace Context. Pure, no I/O.
// (Local to the exemplar path until lib/traces/ids.ts, which normalises the same way, is shared.)

const HEX = /^[0-9a-f]{1,32}$/;

export function normalizeTraceId(raw: string): string | null {
  let s = raw.trim().toLowerCase();
  if (s.startsWith("0x")) s = s.slice(2);
  if (!HEX.test(s)) return null;
  const id = s.padStart(32, "0");
  return /^0+$/.test(id) ? null : id;
}
