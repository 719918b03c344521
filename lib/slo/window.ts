// Resolves an SLO window to concrete [start, end] unix seconds at an evaluation moment. Pure, no I/O.
// Calendar months are UTC: the window runs from the first instant of the month to the evaluation time.
import type { SloWindow } from "@/lib/schemas/slo";
import type { ResolvedWindow } from "./types";

const DAY = 86_400;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function resolveWindow(window: SloWindow, atSeconds: number): ResolvedWindow {
  if (window.kind === "rolling") {
    const durationSeconds = window.days * DAY;
    return { startSeconds: atSeconds - durationSeconds, endSeconds: atSeconds, durationSeconds, label: `${window.days} days rolling` };
  }
  const d = new Date(atSeconds * 1000);
  const startSeconds = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
  return {
    startSeconds,
    endSeconds: atSeconds,
    durationSeconds: atSeconds - startSeconds,
    label: `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} (month to date)`,
  };
}

/** Full length of the window the objective is promised over (a calendar month's full length, not the elapsed part). */
export function nominalWindowSeconds(window: SloWindow, atSeconds: number): number {
  if (window.kind === "rolling") return window.days * DAY;
  const d = new Date(atSeconds * 1000);
  return (Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)) / 1000;
}
