// Test support for generated `promtool test rules` cases: synthetic span-metric counters described
// as phases, written as promtool input_series, and the firing times lib/slo/tier-firing.ts predicts
// for them. The expected alerts are derived from the arithmetic, never from running the rules.
//
// Every scenario starts with an hour of zero traffic: the counters exist but do not move, so
// Prometheus' increase() of any window reaching before the first sample is exactly 0 (there is
// nothing to extrapolate), and "the counts before the data started" are truly zero on both sides.
import type { ProducerProfile } from "@/lib/promql/profiles";
import type { RuleSlo, RuleTarget } from "@/lib/promql/rules";
import { bucketMetric, countMetric } from "@/lib/promql/profiles";
import { burnRateTiers, type BurnRateTier } from "@/lib/slo/burn-tiers";
import { firingIntervals, tierFiring, tierId, type FiringInterval } from "@/lib/slo/tier-firing";

export interface Phase {
  minutes: number;
  /** Requests and bad (slow) requests per step. */
  total: number;
  bad: number;
}

/**
 * A day of a 28-day 99.9 % SLO (thresholds 1.344 % for 1h/5m, 0.56 % for 6h/30m, 0.28 % for 1d/2h,
 * 0.0933 % for 3d/6h) where every tier fires and resolves at its own moments: a quiet hour, a
 * 30-minute fast burn at 5 %, a 4-hour slow burn at 1 %, healthy (0.03 %) in between.
 */
export const BURN_PHASES: readonly Phase[] = [
  { minutes: 60, total: 0, bad: 0 },
  { minutes: 6 * 60, total: 10_000, bad: 3 },
  { minutes: 30, total: 10_000, bad: 500 },
  { minutes: 6.5 * 60, total: 10_000, bad: 3 },
  { minutes: 4 * 60, total: 10_000, bad: 100 },
  { minutes: 8 * 60, total: 10_000, bad: 3 },
];

/** Cumulative good and total at every step (index = step number, 0 = first sample). */
export interface Counters {
  stepSeconds: number;
  good: number[];
  total: number[];
}

export function counters(phases: readonly Phase[], stepSeconds = 60): Counters {
  const good = [0];
  const total = [0];
  for (const p of phases) {
    const steps = (p.minutes * 60) / stepSeconds;
    if (!Number.isInteger(steps)) throw new Error(`phase of ${p.minutes} min is not whole steps`);
    for (let i = 0; i < steps; i++) {
      total.push(total[total.length - 1] + p.total);
      good.push(good[good.length - 1] + p.total - p.bad);
    }
  }
  return { stepSeconds, good, total };
}

/** promtool's expanding notation: runs of a constant increment as `start+incxN`. */
export function expandingNotation(values: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < values.length) {
    if (i === values.length - 1) {
      parts.push(String(values[i]));
      break;
    }
    const d = values[i + 1] - values[i];
    let j = i + 1;
    while (j + 1 < values.length && values[j + 1] - values[j] === d) j++;
    parts.push(`${values[i]}+${d}x${j - i}`);
    i = j + 1;
  }
  return parts.join(" ");
}

/** The series one SLO selects: a `_count` and the bucket at its threshold, labelled as the producer does. */
export function inputSeries(slo: RuleSlo, target: RuleTarget, c: Counters, extra: Record<string, string> = {}): { series: string; values: string }[] {
  const p: ProducerProfile = target.profile;
  const labels: Record<string, string> = {
    [p.labels.service]: slo.service,
    [p.labels.spanName]: slo.operation,
    [p.labels.spanKind]: slo.spanKind ?? "SPAN_KIND_SERVER",
    [p.labels.statusCode]: "STATUS_CODE_OK",
    ...extra,
  };
  const text = (name: string, l: Record<string, string>) =>
    `${name}{${Object.entries(l)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(", ")}}`;
  return [
    { series: text(countMetric(p), labels), values: expandingNotation(c.total) },
    { series: text(bucketMetric(p), { ...labels, le: target.le![0] }), values: expandingNotation(c.good) },
  ];
}

/** Counts over [t − w, t] at step index i; before the first sample the counters are 0. */
export function windowCounts(c: Counters, i: number, windowSeconds: number) {
  const j = Math.max(0, i - windowSeconds / c.stepSeconds);
  return { good: c.good[i] - c.good[j], total: c.total[i] - c.total[j] };
}

export interface PredictedTier {
  tier: BurnRateTier;
  id: string;
  intervals: FiringInterval[];
  /** Long-window error ratio at step i ($value of the alert). */
  longRatio(i: number): number;
}

/** What each enabled tier does at every evaluation instant (every `evalSeconds`), per tierFiring + firingIntervals. */
export function predictTiers(slo: RuleSlo, c: Counters, evalSeconds: number, forSeconds: number): PredictedTier[] {
  const every = evalSeconds / c.stepSeconds;
  return burnRateTiers(slo.window)
    .filter((t) => !(slo.alerting.disabledTiers as string[]).includes(tierId(t)))
    .map((tier) => {
      const moments = [];
      for (let i = 0; i < c.total.length; i += every) {
        const verdict = tierFiring(
          tier,
          { long: windowCounts(c, i, tier.longWindowSeconds), short: windowCounts(c, i, tier.shortWindowSeconds) },
          { objective: slo.objective, minEvents: slo.minEvents },
        );
        moments.push({ t: i * c.stepSeconds, verdict });
      }
      return {
        tier,
        id: tierId(tier),
        intervals: firingIntervals(moments, forSeconds),
        longRatio: (i: number) => {
          const w = windowCounts(c, i, tier.longWindowSeconds);
          return (w.total - w.good) / w.total;
        },
      };
    });
}

export const firingAt = (p: PredictedTier, t: number): boolean => p.intervals.some((iv) => iv.startSeconds <= t && (iv.endSeconds === null || t < iv.endSeconds));

/** Go's `%.4g` as Prometheus' humanizePercentage prints it (for the ranges these tests use). */
export function goG4(x: number): string {
  const exp = Math.floor(Math.log10(Math.abs(x)));
  if (x === 0) return "0";
  if (exp < -4 || exp >= 4) throw new Error(`goG4: ${x} needs exponent form; keep test values in range`);
  return String(Number(x.toPrecision(4)));
}

/** Renders the annotation templates the generator writes, at evaluation time t with $value v. */
export function renderAnnotation(template: string, t: number, value: number): string {
  return template
    .replaceAll("{{ $value | humanizePercentage }}", `${goG4(value * 100)}%`)
    .replace(/\{\{ with query "time\(\)(?: - (\d+))?" \}\}\{\{ \. \| first \| value \| printf "%\.0f" \}\}\{\{ end \}\}/g, (_, d) => String(t - Number(d ?? 0)))
    .replaceAll('{{ "{{" }}', "{{");
}
