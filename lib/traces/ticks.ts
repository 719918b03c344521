// Time-axis ticks for the waterfall: round steps (1, 2, 5 × 10^k ns) and labels in the unit that
// reads best for the step (ns, µs, ms, s). Pure, no I/O.

export interface Tick {
  /** Nanoseconds since the trace start. */
  ns: number;
  /** Position as a fraction of the duration (0..1). */
  fraction: number;
  label: string;
}

const UNITS: [string, number][] = [
  ["s", 1e9],
  ["ms", 1e6],
  ["µs", 1e3],
  ["ns", 1],
];

/** The 1/2/5 step that gives at most `maxTicks` intervals over `durationNs`. */
export function tickStepNs(durationNs: number, maxTicks = 6): number {
  if (!(durationNs > 0)) return 1;
  const raw = durationNs / Math.max(1, maxTicks);
  let pow = 10 ** Math.floor(Math.log10(raw));
  // Floating log10 can land one decade low (log10(1000) = 2.9999…): correct it.
  if (pow * 10 <= raw) pow *= 10;
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return Math.max(1, m * pow);
  return Math.max(1, 10 * pow);
}

/** Ticks from 0 to the duration (inclusive when it falls on a step). */
export function timeTicks(durationNs: number, maxTicks = 6): Tick[] {
  if (!(durationNs > 0)) return [{ ns: 0, fraction: 0, label: "0 ns" }];
  const step = tickStepNs(durationNs, maxTicks);
  const [unit, size] = UNITS.find(([, s]) => step >= s) ?? UNITS[3];
  // Decimals needed to tell two steps apart in this unit (a 500 µs step in ms needs one).
  const decimals = Math.max(0, -Math.floor(Math.log10(step / size) + 1e-9));
  const out: Tick[] = [];
  for (let i = 0; i * step <= durationNs * (1 + 1e-12); i++) {
    const ns = i * step;
    out.push({ ns, fraction: ns / durationNs, label: i === 0 ? "0" : `${(ns / size).toFixed(decimals)} ${unit}` });
  }
  return out;
}
