// Display helpers: every number the UI shows carries its unit (ARCHITECTURE.md §6).
// Pure, no I/O.
import type { SloStatus } from "@/lib/schemas/slo";

/** Rounds away binary noise (0.1 + 0.2) without hiding real precision the user typed. */
export const tidy = (n: number, digits = 9) => Number(n.toFixed(digits));

// One millisecond and objective formatter for the whole app (lib/slo/format.ts, which the engine's
// sentences use too): a threshold reads the same in a suggestion and in the catalogue.
/** 0.3 → "300 ms"; 0.0005 → "0.5 ms"; 12 → "12,000 ms". */
export { formatMs as formatThresholdMs, formatObjective } from "@/lib/slo/format";

/** The share of requests the objective allows to be slow, e.g. 0.995 over 28 days. */
export function formatErrorBudget(objective: number): string {
  return `${tidy((1 - objective) * 100, 6).toLocaleString("en-US", { maximumFractionDigits: 4 })} %`;
}

export const statusLabel: Record<SloStatus, string> = { active: "Active", draft: "Draft", archived: "Archived" };

const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 hours ago"; under a minute reads "just now". `now` is injectable for tests. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const diffS = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, s] of units) if (Math.abs(diffS) >= s) return rtf.format(Math.round(diffS / s), unit);
  return "just now";
}

/** Absolute time in UTC so two people reading the same revision agree on it. */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
