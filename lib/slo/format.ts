// The one formatter for numbers the engine writes into sentences (suggestion and intent
// reasoning). Pure, no I/O. lib/slo cannot import lib/client (lint boundary), so the millisecond and
// objective formatters live here and lib/client/format.ts can re-export them (same output).
//
// Ratios are truncated, never rounded up: a reading of 99.946 % must not print as 99.95 % next to a
// 99.95 % objective it missed. With an objective of at most `decimals` percent decimals, the printed
// SLI is ≥ the printed objective exactly when the real SLI is ≥ the objective.

const DAY = 86_400;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Rounds away binary noise (0.1 + 0.2) without hiding real precision. */
const tidy = (n: number, digits = 6) => Number(n.toFixed(digits));

/** 0.3 → "300 ms"; 0.0005 → "0.5 ms"; 16.384 → "16,384 ms". */
export function formatMs(seconds: number): string {
  return `${tidy(seconds * 1000).toLocaleString("en-US", { maximumFractionDigits: 3 })} ms`;
}

/** 0.995 → "99.5 %"; 0.99 → "99 %"; 0.9995 → "99.95 %" (exact: objectives are decimals the user chose). */
export function formatObjective(objective: number): string {
  return `${tidy(objective * 100).toLocaleString("en-US", { maximumFractionDigits: 4 })} %`;
}

/** Decimal places of an objective in percent (0.9995 → 2, 0.99 → 0). */
export const objectiveDecimals = (objective: number): number => {
  const s = String(tidy(objective * 100));
  return s.includes(".") ? s.split(".")[1].length : 0;
};

/** An achieved ratio, truncated to `decimals` (default 2) percent decimals: 0.99627 → "99.62 %". */
export function formatRatio(ratio: number, decimals = 2): string {
  const f = 10 ** decimals;
  const truncated = Math.floor(tidy(ratio * 100 * f, 6)) / f;
  return `${truncated.toFixed(decimals)} %`;
}

/** Budget share as a whole percent, truncated towards −∞ (never overstated): 0.389 → "38 %", −0.12 → "-12 %". */
export function formatBudget(remaining: number): string {
  return `${Math.floor(tidy(remaining * 100, 6))} %`;
}

const dayMonth = (d: Date) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
const hhmm = (d: Date) => d.toISOString().slice(11, 16);
const at = (s: number) => new Date(s * 1000);

/** A baseline [start, end) as dates: "26 Oct – 22 Nov 2026" (the end is exclusive: a midnight end shows the day before). */
export function formatDateRange(startSeconds: number, endSeconds: number): string {
  const a = at(startSeconds);
  const b = at(endSeconds - 1);
  const year = b.getUTCFullYear();
  const left = a.getUTCFullYear() === year ? dayMonth(a) : `${dayMonth(a)} ${a.getUTCFullYear()}`;
  return left === dayMonth(b) ? `${left} ${year}` : `${left} – ${dayMonth(b)} ${year}`;
}

/**
 * An excluded range [start, end) in UTC, as short as it stays exact: whole days "18–24 Nov" or
 * "22 Nov"; within a day "22 Nov 13:30–17:30 UTC"; otherwise "22 Nov 13:30 – 23 Nov 02:00 UTC".
 */
export function formatUtcRange(startSeconds: number, endSeconds: number): string {
  const a = at(startSeconds);
  if (startSeconds % DAY === 0 && endSeconds % DAY === 0) {
    const last = at(endSeconds - DAY);
    if (endSeconds - startSeconds === DAY) return dayMonth(a);
    if (a.getUTCMonth() === last.getUTCMonth()) return `${a.getUTCDate()}–${dayMonth(last)}`;
    return `${dayMonth(a)} – ${dayMonth(last)}`;
  }
  const b = at(endSeconds);
  const sameDay = Math.floor(startSeconds / DAY) === Math.floor((endSeconds - 1) / DAY);
  if (sameDay) return `${dayMonth(a)} ${hhmm(a)}–${endSeconds % DAY === 0 ? "24:00" : hhmm(b)} UTC`;
  return `${dayMonth(a)} ${hhmm(a)} – ${dayMonth(b)} ${hhmm(b)} UTC`;
}

/** "a, b and c". */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
