// Canonical PromQL durations. Pure, no I/O.
// Whole seconds render as compound units largest first (`28d`, `1h30m`, `14d6h56m7s`); `y` and `w`
// are avoided because a reader (and Prometheus: 1y = 365d) may not agree on them. Sub-second
// durations render in milliseconds. Compound durations parse in Prometheus >= 2.x and MetricsQL.

const UNITS: readonly [string, number][] = [
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1_000],
  ["ms", 1],
];

export class InvalidDurationError extends Error {}

/** Renders a positive duration given in seconds. Throws on values PromQL cannot express (programming error). */
export function formatDuration(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  if (!Number.isFinite(seconds) || ms <= 0 || Math.abs(ms - seconds * 1000) > 1e-6)
    throw new InvalidDurationError(`duration ${seconds}s is not a positive whole number of milliseconds`);
  let rest = ms;
  let out = "";
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

/** Parses what formatDuration writes (and other compound d/h/m/s/ms durations) back to seconds; null when invalid. */
export function parseDuration(text: string): number | null {
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(text);
  if (!m || text === "") return null;
  const [d, h, min, s, ms] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  return d * 86_400 + h * 3_600 + min * 60 + s + ms / 1000;
}
