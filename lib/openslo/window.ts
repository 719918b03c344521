// SloWindow ↔ OpenSLO timeWindow. Rolling windows are whole days (`28d`; `4w` and `48h` read as
// days too); the calendar window is Sightline's UTC calendar month, written as OpenSLO's
// calendar-aligned `1M` starting on the first of a month at midnight UTC. Pure.
import type { SloWindow } from "@/lib/schemas/slo";
import type { OpenSloNote, TimeWindow } from "@/lib/schemas/openslo";

/** A fixed first-of-month start: OpenSLO needs one for a calendar window; any month start says the same. */
export const CALENDAR_START = "2020-01-01 00:00:00";

export function toTimeWindow(w: SloWindow): TimeWindow {
  return w.kind === "rolling"
    ? { duration: `${w.days}d`, isRolling: true }
    : { duration: "1M", isRolling: false, calendar: { startTime: CALENDAR_START, timeZone: "UTC" } };
}

const UTC_ZONES = new Set(["UTC", "Etc/UTC", "Etc/GMT", "GMT", "Z"]);

/** The Sightline window of one OpenSLO time window, or notes saying why there is none. */
export function fromTimeWindow(tw: TimeWindow, path: string): { window: SloWindow } | { notes: OpenSloNote[] } {
  const m = /^(\d+)([mhdwMQY])$/.exec(tw.duration)!;
  const n = Number(m[1]);
  const unit = m[2];
  const calendar = tw.isRolling === false || (tw.isRolling === undefined && tw.calendar !== undefined);
  if (calendar) {
    const notes: OpenSloNote[] = [];
    if (tw.duration !== "1M")
      notes.push({ path: `${path}.duration`, message: `Sightline's calendar window is one month (1M), not ${tw.duration}` });
    const zone = tw.calendar?.timeZone;
    if (zone !== undefined && !UTC_ZONES.has(zone))
      notes.push({ path: `${path}.calendar.timeZone`, message: `Sightline's calendar months are in UTC, not ${zone}` });
    const start = tw.calendar?.startTime;
    if (start !== undefined && !/^\d{4}-\d{2}-01([ T]00:00(:00)?)?$/.test(start.trim()))
      notes.push({ path: `${path}.calendar.startTime`, message: `Sightline's calendar months start on the 1st at 00:00, not at ${start}` });
    return notes.length ? { notes } : { window: { kind: "calendar", unit: "month" } };
  }
  const days = unit === "d" ? n : unit === "w" ? n * 7 : unit === "h" && n % 24 === 0 ? n / 24 : null;
  if (days === null)
    return { notes: [{ path: `${path}.duration`, message: `a rolling window in Sightline is whole days (e.g. 28d or 4w), not ${tw.duration}` }] };
  if (days < 1 || days > 90)
    return { notes: [{ path: `${path}.duration`, message: `a rolling window in Sightline is 1 to 90 days, not ${days}` }] };
  return { window: { kind: "rolling", days } };
}
