// Traffic shape and event timeline of the demo world. Pure functions of wall-clock time, so the
// backfilled history and the live server agree on the rate at any instant.
import type { EntrySpec, World, WorldEvent } from "./types";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * Share of the daily peak at a UTC hour: shoppers (mostly US/EU evening) peak around 19:00 UTC and
 * bottom out around 07:00 UTC at a fifth of the peak. A smooth cosine keeps minute-to-minute
 * changes small, as real traffic is.
 */
export function diurnalFactor(tMs: number): number {
  const hour = (((tMs % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000;
  return 0.2 + 0.8 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 7)) / 24));
}

/** Weekday factor (UTC): weekends are quieter, Monday and Tuesday the busiest. Index 0 = Sunday. */
const WEEKDAY = [0.62, 1.0, 1.0, 0.95, 0.93, 0.88, 0.68] as const;

export function weeklyFactor(tMs: number): number {
  return WEEKDAY[new Date(tMs).getUTCDay()];
}

/** Requests per second into one entry point at an instant. */
export function entryRate(entry: EntrySpec, tMs: number): number {
  if (entry.shape.kind === "batch") {
    const minute = Math.floor((((tMs % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
    const { startMinuteUtc, durationMinutes } = entry.shape;
    const inside = (minute - startMinuteUtc + 1440) % 1440 < durationMinutes;
    return inside ? entry.peakRps : 0;
  }
  return entry.peakRps * diurnalFactor(tMs) * weeklyFactor(tMs);
}

/** Mean entry rate over [fromMs, toMs), by the midpoint rule on minute slices (the rate is smooth within a minute). */
export function meanEntryRate(entry: EntrySpec, fromMs: number, toMs: number): number {
  const slices = Math.max(1, Math.round((toMs - fromMs) / MINUTE_MS));
  const width = (toMs - fromMs) / slices;
  let sum = 0;
  for (let i = 0; i < slices; i++) sum += entryRate(entry, fromMs + (i + 0.5) * width);
  return sum / slices;
}

/**
 * Busy systems are a little slower: durations are scaled by this factor (1.0 at the quietest
 * hour, about 1.12 at the peak of a weekday).
 */
export function latencyScale(tMs: number): number {
  return 1 + 0.12 * ((diurnalFactor(tMs) - 0.2) / 0.8) * weeklyFactor(tMs);
}

/** Unix ms at which an event starts, given the world's anchor (when its history was made). */
export function eventStart(e: WorldEvent, anchorMs: number): number {
  return Math.floor(anchorMs / DAY_MS) * DAY_MS - e.daysAgo * DAY_MS + e.startMinuteUtc * MINUTE_MS;
}

/** Events active at an instant. */
export function activeEvents(world: World, anchorMs: number, tMs: number): WorldEvent[] {
  return world.events.filter((e) => {
    const start = eventStart(e, anchorMs);
    return tMs >= start && tMs < start + e.durationMs;
  });
}

/** The regime key (sorted event ids, "" in normal times) used to cache latency models. */
export function regimeAt(world: World, anchorMs: number, tMs: number): string {
  return activeEvents(world, anchorMs, tMs)
    .map((e) => e.id)
    .sort()
    .join("+");
}

export function eventWindows(world: World, anchorMs: number): { id: string; title: string; startMs: number; endMs: number }[] {
  return world.events.map((e) => ({ id: e.id, title: e.title, startMs: eventStart(e, anchorMs), endMs: eventStart(e, anchorMs) + e.durationMs }));
}
