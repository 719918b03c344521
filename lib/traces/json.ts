// JSON.parse that keeps integers beyond 2^53 exact. Pure, no I/O.
//
// int64 attribute values reach us as JSON numbers in some bodies: OTLP/JSON writers that do not
// follow the spec's "int64 as string" rule, and Jaeger int64 tags from writers other than Jaeger's
// own UI converter (internal/uimodel/converter/v1/json/from_domain.go turns values beyond
// ±(2^53−1) into strings, jsMaxSafeInteger; nothing else promises that). JSON.parse rounds such a
// number before any code sees it, and node 20 has no reviver `context.source`. So, only when the
// text may hold one (right after ":", "," or "[", a run of 17+ digits, or 16 starting with 9: at
// least 9·10^15, near 2^53 ≈ 9.007·10^15), integer literals above 2^53 outside strings are
// rewritten as strings before parsing; the attribute readers accept a decimal string wherever they
// accept an integer. Other bodies take JSON.parse's fast path: Jaeger's µs timestamps (16 digits
// starting with 1 until the year 2255) and Tempo's quoted nanoseconds never trigger the rewrite.

const CANDIDATE = /[:,[]\s*-?(?:\d{17}|9\d{15})/;
// A string literal (skipped as is) or an integer literal of 16+ digits that is not part of a
// fraction or exponent. Strings are matched first from left to right, so digits inside a string
// are never visited.
const TOKENS = /"(?:[^"\\]|\\.)*"|(?<![\w.+-])-?\d{16,}(?![\w.])/g;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function parseJsonLossless(text: string): unknown {
  if (!CANDIDATE.test(text)) return JSON.parse(text);
  const rewritten = text.replace(TOKENS, (token) => {
    if (token.startsWith('"')) return token;
    const n = BigInt(token);
    return n > MAX_SAFE || n < -MAX_SAFE ? `"${token}"` : token;
  });
  return JSON.parse(rewritten);
}
