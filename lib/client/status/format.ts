// Number formatting for SLO status: durations, percentages, counts and rates, each with its unit.
// Percentages never round a value below 1 up to "100 %" nor one above 0 down to "0 %", and
// nothing here ever prints NaN: a missing number reads "—". Pure, no I/O.

export const DASH = "—";

const num = (n: number, maxDigits = 0, minDigits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: maxDigits, minimumFractionDigits: minDigits });

const finite = (n: number | null | undefined): n is number => typeof n === "number" && Number.isFinite(n);

const DURATION_UNITS: [string, number][] = [
  ["d", 86_400],
  ["h", 3_600],
  ["min", 60],
  ["s", 1],
];

/** Two most significant units, rounded down: 187_200 → "2 d 4 h", 11_400 → "3 h 10 min", 20 → "20 s". */
export function formatDuration(seconds: number | null | undefined): string {
  if (!finite(seconds) || seconds < 0) return DASH;
  let rest = Math.floor(seconds);
  if (rest === 0) return "0 s";
  const parts: string[] = [];
  for (const [unit, size] of DURATION_UNITS) {
    if (parts.length === 2) break;
    const n = Math.floor(rest / size);
    // Once a larger unit is shown, the next one is shown only when non-zero ("2 d", not "2 d 0 h").
    if (n > 0) parts.push(`${num(n)} ${unit}`);
    else if (parts.length === 1) break;
    rest -= n * size;
  }
  return parts.join(" ");
}

/**
 * A 0..1 ratio as a percentage with `digits` decimals (default 2): 0.99623 → "99.62 %".
 * More decimals are used when rounding would claim a perfect or a zero score that is not one:
 * 0.99996 → "99.996 %", 0.999999999 → "> 99.9999 %". Exactly 1 reads "100 %", exactly 0 "0 %".
 */
export function formatPercent(ratio: number | null | undefined, digits = 2): string {
  if (!finite(ratio)) return DASH;
  const r = Math.min(1, Math.max(0, ratio));
  if (r === 1) return "100 %";
  if (r === 0) return "0 %";
  const MAX = 4;
  for (let d = digits; d <= MAX; d++) {
    const s = (r * 100).toFixed(d);
    if (Number(s) < 100 && Number(s) > 0) return `${num(Number(s), d, d)} %`;
  }
  return r > 0.5 ? `> ${num(100 - 10 ** -MAX, MAX)} %` : `< ${num(10 ** -MAX, MAX)} %`;
}

/** 1234 → "1,234"; fractions (from extrapolated increases) rounded to whole requests. */
export function formatCount(n: number | null | undefined): string {
  if (!finite(n)) return DASH;
  return num(Math.round(n));
}

/** A burn rate as a multiple of the sustainable pace: 0 → "0×", 3.364 → "3.36×", 14.4 → "14.4×", 152.3 → "152×". */
export function formatBurnRate(rate: number | null | undefined): string {
  if (!finite(rate)) return DASH;
  const digits = rate >= 100 ? 0 : rate >= 10 ? 1 : 2;
  return `${num(rate, digits)}×`;
}

/** Requests per second with three significant digits at most: 0.0333 → "0.0333 req/s", 1234.5 → "1,235 req/s". */
export function formatRps(rps: number | null | undefined): string {
  if (!finite(rps)) return DASH;
  if (rps === 0) return "0 req/s";
  const digits = rps >= 100 ? 0 : Math.min(6, Math.max(0, 2 - Math.floor(Math.log10(rps))));
  return `${num(rps, digits)} req/s`;
}

/** Unix seconds → "2026-11-03 00:00 UTC" (everyone reading a shared link sees the same moment). */
export function formatUtcSeconds(unixSeconds: number | null | undefined, withSeconds = false): string {
  if (!finite(unixSeconds)) return DASH;
  const iso = new Date(unixSeconds * 1000).toISOString();
  return `${iso.slice(0, withSeconds ? 19 : 16).replace("T", " ")} UTC`;
}

/** "20 s ago", "3 h 10 min ago"; a moment in the future (clock skew) reads "just now". */
export function formatAgo(seconds: number | null | undefined): string {
  if (!finite(seconds)) return DASH;
  return seconds < 1 ? "just now" : `${formatDuration(seconds)} ago`;
}

/** A threshold in seconds as milliseconds: 0.512 → "512 ms", 0.0025 → "2.5 ms", 10 → "10,000 ms". */
export function formatMs(seconds: number): string {
  return `${num(Number((seconds * 1000).toFixed(6)), 3)} ms`;
}
