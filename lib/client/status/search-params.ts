// URL state of the status views, shared by the server pages that parse it and the client parts
// that write it, so "the checkout SLO as of Tuesday 14:00, last 7 days" is a link anyone can open:
//   ?at=<unix seconds>   evaluate as of that moment (absent = now)
//   ?range=24h|7d|window the SLI chart's span
//   ?team=<team>         the dashboard's team filter
// Malformed values are dropped rather than failing the page. Pure, no I/O.

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

const first = (raw: RawParams, k: string): string => {
  const v = raw instanceof URLSearchParams ? raw.get(k) : raw[k];
  return (Array.isArray(v) ? v[0] : (v ?? "")).trim();
};

// The API accepts 0..4_102_444_800 (year 2100).
const MAX_AT = 4_102_444_800;

/** `?at=` as unix seconds (digits, optionally an ISO-8601 time), or undefined for "now". */
export function parseAt(raw: RawParams): number | undefined {
  const v = first(raw, "at");
  if (v === "") return undefined;
  const n = /^\d+(\.\d+)?$/.test(v)
    ? Number(v)
    : /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v)
      ? Date.parse(v.endsWith("Z") || /[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`) / 1000
      : Number.NaN;
  return Number.isFinite(n) && n > 0 && n <= MAX_AT ? Math.floor(n) : undefined;
}

export const CHART_RANGES = ["24h", "7d", "window"] as const;
export type ChartRange = (typeof CHART_RANGES)[number];
export const chartRangeLabel: Record<ChartRange, string> = { "24h": "Last 24 hours", "7d": "Last 7 days", window: "Whole SLO window" };

export function parseRange(raw: RawParams): ChartRange {
  const v = first(raw, "range");
  return (CHART_RANGES as readonly string[]).includes(v) ? (v as ChartRange) : "24h";
}

export const parseTeam = (raw: RawParams): string => first(raw, "team").slice(0, 63);

/** Seconds the chart spans; the window span comes from the SLO (its resolved length). */
export function rangeSeconds(range: ChartRange, windowSeconds: number): number {
  if (range === "24h") return 86_400;
  if (range === "7d") return 7 * 86_400;
  // The timeseries API allows at most 93 days.
  return Math.min(windowSeconds, 93 * 86_400);
}

/** Returns `current` with `changes` applied; undefined or "" removes a key. Keeps unrelated keys. */
export function withParams(current: string, changes: Record<string, string | number | undefined>): string {
  const sp = new URLSearchParams(current);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === "") sp.delete(k);
    else sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
}

/** A `<input type="datetime-local">` value read as UTC ("2026-11-03T00:00" → unix seconds). */
export function utcInputToSeconds(value: string): number | undefined {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(value)) return undefined;
  const ms = Date.parse(`${value}Z`);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

/** Unix seconds as a `datetime-local` value in UTC. */
export const secondsToUtcInput = (s: number): string => new Date(s * 1000).toISOString().slice(0, 16);

