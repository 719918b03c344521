// Strict parsers for numbers and times in query strings, shared by every query schema. A query
// value is text, and `z.coerce.number()` reads too much into it: "" is 0 (`?at=` meant 1970),
// "0x10" is 16, "1e3" is 1000, " 5 " is 5. These accept plain decimals only and name the rule
// they broke, so a typo is a 400 naming the parameter instead of a silently different answer.
import { z } from "./zod";

/** The latest moment Sightline accepts (2100-01-01T00:00:00Z), in unix seconds. */
export const MAX_UNIX_SECONDS = 4_102_444_800;

const DECIMAL_INTEGER = /^-?\d{1,16}$/;
const DECIMAL_NUMBER = /^-?\d{1,16}(\.\d{1,9})?$/;
// RFC 3339 date-time (section 5.6): full date, "T" (or space, or lower-case t), full time with
// optional fraction, and an offset that is Z or ±hh:mm.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** A whole number written in decimal digits (optional leading minus), within [min, max]. */
export function queryInt(min: number, max: number) {
  return z
    .string()
    .regex(DECIMAL_INTEGER, { message: "must be a whole number in decimal digits" })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/**
 * A moment as unix seconds (decimal, optional fraction: `1767225600`, `1767225600.5`) or an
 * RFC 3339 time (`2026-01-01T00:00:00Z`, `2026-01-01T01:00:00%2B01:00`: a literal `+` in a query
 * string reads as a space). Parsed to unix seconds between 1970 and 2100.
 */
export const queryTime = z
  .string()
  .transform((text, ctx) => {
    const seconds = parseTime(text);
    if (seconds === undefined) {
      ctx.addIssue({ code: "custom", message: "must be unix seconds (e.g. 1767225600) or an RFC 3339 time (e.g. 2026-01-01T00:00:00Z)" });
      return z.NEVER;
    }
    return seconds;
  })
  .pipe(z.number().min(0, { message: "must not be before 1970" }).max(MAX_UNIX_SECONDS, { message: "must be before 2100" }));

/** Unix seconds for a decimal or RFC 3339 text; undefined when it is neither (or not a real date). */
export function parseTime(text: string): number | undefined {
  if (DECIMAL_NUMBER.test(text)) return Number(text);
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, offset, oh, om] = m;
  const fields = [y, mo, d, h, mi, s].map(Number);
  const [year, month, day, hour, minute, second] = fields;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (oh !== undefined && (Number(oh) > 23 || Number(om) > 59)) return undefined;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0..99 as 1900..1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  // Dates roll 2026-02-30 over into March: a day that does not exist is refused instead.
  if (date.getUTCDate() !== day) return undefined;
  const ms = date.getTime();
  const sign = offset[0] === "-" ? -1 : 1;
  const offsetSeconds = oh === undefined ? 0 : sign * (Number(oh) * 3600 + Number(om) * 60);
  return ms / 1000 + (frac ? Number(frac) : 0) - offsetSeconds;
}
