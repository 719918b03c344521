// Backtest, "had this SLO existed": at every step of a past range, the SLI and error budget the
// status page would have shown (through evaluateSli itself, not a re-derivation), and every interval
// in which each burn-rate tier would have fired (through tierFiring, the arithmetic the generated
// alert rules use). Pure, no I/O. Docs: docs/suggestion-and-backtest.md.
import { BacktestEngineInput, type BacktestResult, type BacktestWarning } from "@/lib/schemas/backtest";
import type { TimeRange } from "@/lib/schemas/suggest";
import { rollingWindow, sinceWindow, stepSeries, type StepSeries, type WindowCounts } from "./backtest-windows";
import { burnRateTiers } from "./burn-tiers";
import { evaluateSli } from "./evaluate";
import { allowedBadFraction } from "./ratio";
import { errorRatioThreshold, firingIntervals, tierFiring, tierId, type TierMoment } from "./tier-firing";
import { BURN_WINDOWS, BURN_WINDOW_SECONDS, type BurnWindow, type CountPair } from "./types";
import { resolveWindow } from "./window";

type Point = BacktestResult["points"][number];

export function backtest(raw: BacktestEngineInput): BacktestResult {
  const input = BacktestEngineInput.parse(raw);
  const { target, stepSeconds: step, range } = input;
  const s = stepSeries(input.firstStepEndSeconds, step, input.good, input.total);
  const warnings: BacktestWarning[] = [];
  const allowedBad = allowedBadFraction(target.objective);

  // Moments: every step end inside [range.start, range.end].
  const first = Math.max(0, Math.ceil((range.startSeconds - s.t0) / step));
  const last = Math.min(s.n - 1, Math.floor((range.endSeconds - s.t0) / step));
  const moments: number[] = [];
  for (let i = first; i <= last; i++) moments.push(i);

  // A burn window is measured from the steps when it is a whole number of them, else it must come from the backend.
  const supplied = (w: BurnWindow) => {
    const arr = input.windows[w];
    if (!arr) return null;
    if (arr.good.length !== s.n || arr.total.length !== s.n) throw new RangeError(`windows.${w} must have one entry per step`);
    return arr;
  };
  const burnAt = (w: BurnWindow, i: number): WindowCounts | undefined => {
    const arr = supplied(w);
    if (arr) {
      const g = arr.good[i];
      const t = arr.total[i];
      return { counts: g === null || t === null ? null : { good: g, total: t }, uncoveredSeconds: 0 };
    }
    const r = rollingWindow(s, i, BURN_WINDOW_SECONDS[w]);
    return r ?? undefined; // undefined: not measurable at this step
  };
  const measurable = (w: BurnWindow) => supplied(w) !== null || BURN_WINDOW_SECONDS[w] % step === 0;

  const tiers = burnRateTiers(target.window).map((tier) => {
    const id = tierId(tier);
    const enabled = !target.disabledTiers.includes(id);
    const evaluable = measurable(tier.longWindow) && measurable(tier.shortWindow);
    if (enabled && !evaluable)
      for (const w of [tier.shortWindow, tier.longWindow].filter((x) => !measurable(x)))
        warnings.push({ code: "tier_not_evaluable", tier: id, window: w, stepSeconds: step });
    return { tier, id, enabled, evaluable, moments: [] as TierMoment[] };
  });

  let historyShort = 0;
  const points: Point[] = moments.map((i) => {
    const t = s.t0 + i * step;
    const resolved = resolveWindow(target.window, t);
    const win = target.window.kind === "rolling" ? rollingWindow(s, i, resolved.durationSeconds)! : sinceWindow(s, i, resolved.startSeconds);
    if (t - resolved.durationSeconds < s.t0 - step) historyShort++;

    const burnWindows: Partial<Record<BurnWindow, CountPair>> = {};
    const burnRates: Point["burnRates"] = {};
    for (const w of BURN_WINDOWS) {
      const b = burnAt(w, i);
      if (b === undefined) continue;
      if (b.counts) burnWindows[w] = b.counts;
      burnRates[w] = b.counts && b.counts.total > 0 ? (b.counts.total - Math.min(b.counts.good, b.counts.total)) / b.counts.total / allowedBad : null;
    }
    const lastIdx = s.lastSample[i];
    const status = evaluateSli(
      {
        evaluatedAt: t,
        window: resolved,
        objective: target.objective,
        minEvents: target.minEvents,
        thresholdFit: { kind: "exact", boundarySeconds: target.thresholdSeconds },
        counts: win.counts ?? { good: 0, total: 0 },
        countsUpper: null,
        burnWindows,
        steps: null,
        lastSampleAt: lastIdx >= 0 ? s.t0 + lastIdx * step : null,
      },
      target,
    );

    const firing: string[] = [];
    for (const tr of tiers) {
      if (!tr.enabled || !tr.evaluable) continue;
      const long = burnAt(tr.tier.longWindow, i)!;
      const short = burnAt(tr.tier.shortWindow, i)!;
      const verdict = tierFiring(tr.tier, { long: long.counts, short: short.counts }, target);
      tr.moments.push({ t, verdict });
      if (verdict.firing) firing.push(tr.id);
    }
    return {
      t,
      state: win.counts === null && resolved.durationSeconds > 0 ? "no_samples" : status.state,
      good: status.good,
      total: status.total,
      sli: status.sli,
      budgetRemaining: status.budget?.remaining ?? null,
      uncoveredSeconds: win.uncoveredSeconds,
      outOfObjective: status.sli !== null && status.sli < target.objective,
      burnRates,
      firing,
    };
  });

  const lastT = points.length ? points[points.length - 1].t : range.endSeconds;
  const tierResults = tiers.map(({ tier, id, enabled, evaluable, moments: ms }) => {
    // Firing in the past depends on the rule's `for`, exactly as Prometheus evaluates it.
    const intervals = firingIntervals(ms, target.forSeconds);
    return {
      ...tier,
      id,
      errorRatioThreshold: errorRatioThreshold(tier, target.objective),
      enabled,
      evaluable,
      intervals,
      firingCount: intervals.length,
      firingSeconds: intervals.reduce((a, iv) => a + (iv.endSeconds ?? lastT) - iv.startSeconds, 0),
    };
  });

  const exhausted = conditionIntervals(points, (p) => p.budgetRemaining !== null && p.budgetRemaining <= 0);
  const gaps = gapRanges(s, last);
  if (gaps.length) warnings.push({ code: "gaps", seconds: gaps.reduce((a, r) => a + r.endSeconds - r.startSeconds, 0), ranges: gaps });
  if (input.resetsAtSeconds.length) warnings.push({ code: "counter_resets", atSeconds: [...input.resetsAtSeconds].sort((a, b) => a - b) });
  if (historyShort > 0) warnings.push({ code: "history_short", moments: historyShort });
  if (s.clampedSteps > 0) warnings.push({ code: "good_exceeds_total", steps: s.clampedSteps, excess: s.clampedExcess });

  return {
    range,
    stepSeconds: step,
    target,
    points,
    tiers: tierResults,
    budget: { firstExhaustedAtSeconds: exhausted[0]?.startSeconds ?? null, exhausted },
    outOfObjective: conditionIntervals(points, (p) => p.outOfObjective),
    warnings,
  };
}

/** From the first moment a condition holds to the first moment it does not (null: still holds at the last moment). */
export function conditionIntervals<P extends { t: number }>(points: readonly P[], holds: (p: P) => boolean): { startSeconds: number; endSeconds: number | null }[] {
  const out: { startSeconds: number; endSeconds: number | null }[] = [];
  let open: { startSeconds: number; endSeconds: number | null } | null = null;
  for (const p of points) {
    if (holds(p)) {
      if (!open) out.push((open = { startSeconds: p.t, endSeconds: null }));
    } else if (open) {
      open.endSeconds = p.t;
      open = null;
    }
  }
  return out;
}

/** Gap steps among those the range's windows read (all steps up to the last moment), as (start, end] time ranges. */
function gapRanges(s: StepSeries, last: number): TimeRange[] {
  const out: TimeRange[] = [];
  for (let i = 0; i <= last && i < s.n; i++) {
    if (!s.gap[i]) continue;
    const end = s.t0 + i * s.step;
    const prev = out[out.length - 1];
    if (prev && prev.endSeconds === end - s.step) prev.endSeconds = end;
    else out.push({ startSeconds: end - s.step, endSeconds: end });
  }
  return out;
}

