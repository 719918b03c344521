// Recording rules of one SLO: event-weighted good and total increases over every burn window and the
// SLO window, and the budget left over the SLO window. Pure, no I/O. Scheme: docs/alerting.md.
//
// Only the 5m and 1h increases read the raw histogram. Every longer window is a sum of shorter
// recorded increases taken at exact offsets, so a 28-day window reads 28 recorded samples instead
// of 28 days of bucket series (pyrra#1440):
//
//   30m = Σ_{k<6} 5m offset 5k·m     2h = Σ_{k<2} 1h offset k·h     6h = Σ_{k<6} 1h offset k·h
//   1d  = Σ_{k<24} 1h offset k·h     3d = Σ_{k<3} 1d offset k·d     N days = Σ_{k<N} 1d offset k·d
//
// Each term covers [t − (k+1)·b, t − k·b], so the sum covers [t − n·b, t] exactly, the same window
// increase(x[n·b]) reads and lib/slo/tier-firing.ts counts (docs/suggestion-and-backtest.md, edge
// semantics). That holds because the group's interval divides 5m: t − k·b is then itself an
// evaluation instant with a recorded sample. A term older than the rule's first evaluation counts as
// 0 (`x offset d or x * 0`), so the long windows exist from the first evaluation and grow into
// their length instead of staying empty for 28 days. Sums of counts never hold a NaN; the budget
// ratio, the one division here, is recorded only while the window has traffic (sloth#231).
import { binary, num, offset, rangeFn, sum, type Expr, render } from "./ast";
import { allowedBadFraction } from "@/lib/slo/ratio";
import { tierWindowSeconds } from "@/lib/slo/burn-tiers";
import { BURN_WINDOW_SECONDS } from "@/lib/slo/types";
import { budgetRemainingName, increaseName, recorded, sloLabels, type CountKind } from "./rules-names";
import type { RecordingRule, RuleSlo, RuleTarget } from "./rules-types";
import { bucketSelector, countSelector } from "./slo-queries";

const MIN = 60;
const HOUR = 3600;
const DAY = 86_400;

/** How each recorded window is made: raw from the histogram, or n terms of a shorter recorded one. */
export type WindowRecipe = { seconds: number; raw: true } | { seconds: number; raw: false; baseSeconds: number; terms: number };

/** The fixed ladder of burn windows (lib/slo/types BURN_WINDOW_SECONDS), shortest first. */
export const BURN_RECIPES: readonly WindowRecipe[] = [
  { seconds: 5 * MIN, raw: true },
  { seconds: HOUR, raw: true },
  { seconds: 30 * MIN, raw: false, baseSeconds: 5 * MIN, terms: 6 },
  { seconds: 2 * HOUR, raw: false, baseSeconds: HOUR, terms: 2 },
  { seconds: 6 * HOUR, raw: false, baseSeconds: HOUR, terms: 6 },
  { seconds: DAY, raw: false, baseSeconds: HOUR, terms: 24 },
  { seconds: 3 * DAY, raw: false, baseSeconds: DAY, terms: 3 },
];
// Kept in step with the windows the status page reports.
if (BURN_RECIPES.map((r) => r.seconds).sort((a, b) => a - b).join() !== Object.values(BURN_WINDOW_SECONDS).sort((a, b) => a - b).join())
  throw new Error("BURN_RECIPES must cover exactly the burn windows");

/** The SLO window the rules record: the rolling days, or the nominal 30-day month (burn-tiers.ts). */
export const recordedWindowSeconds = (slo: Pick<RuleSlo, "window">): number => tierWindowSeconds(slo.window);

/** Every window recorded for an SLO, in an order where each window's base comes before it. */
export function windowRecipes(slo: Pick<RuleSlo, "window">): WindowRecipe[] {
  const w = recordedWindowSeconds(slo);
  const ladder = [...BURN_RECIPES];
  if (!ladder.some((r) => r.seconds === w)) ladder.push({ seconds: w, raw: false, baseSeconds: DAY, terms: w / DAY });
  return ladder;
}

function rawIncrease(slo: RuleSlo, target: RuleTarget, kind: CountKind, seconds: number): Expr {
  const total = sum(rangeFn("increase", countSelector(slo, target.profile), seconds));
  if (kind === "total") return total;
  // A threshold below every boundary: nothing can be good.
  if (!target.le) return binary("*", num(0), total);
  const good = sum(rangeFn("increase", bucketSelector(slo, target.profile, target.le), seconds));
  // With errors counted as bad the bucket selection can be empty while requests exist (all errors):
  // good is then 0, not absent, or every ratio built on it would vanish with the traffic it judges.
  return binary("or", good, binary("*", num(0), total));
}

function offsetSum(slug: string, kind: CountKind, baseSeconds: number, terms: number): Expr {
  const base = recorded(increaseName(kind, baseSeconds), slug);
  let acc: Expr = base;
  for (let k = 1; k < terms; k++) acc = binary("+", acc, binary("or", offset(base, k * baseSeconds), binary("*", base, num(0))));
  return acc;
}

export function recordingRules(slo: RuleSlo, target: RuleTarget): RecordingRule[] {
  const labels = sloLabels(slo);
  const rules: RecordingRule[] = [];
  for (const r of windowRecipes(slo))
    for (const kind of ["good", "total"] as const)
      rules.push({
        record: increaseName(kind, r.seconds),
        expr: render(r.raw ? rawIncrease(slo, target, kind, r.seconds) : offsetSum(slo.slug, kind, r.baseSeconds, r.terms)),
        labels,
      });
  rules.push({ record: budgetRemainingName(recordedWindowSeconds(slo)), expr: render(budgetRemaining(slo)), labels });
  return rules;
}

/** 1 − (bad ÷ total) ÷ (1 − objective) over the SLO window, only while it has traffic (else absent, never NaN). */
function budgetRemaining(slo: RuleSlo): Expr {
  const w = recordedWindowSeconds(slo);
  const total = recorded(increaseName("total", w), slo.slug);
  const good = recorded(increaseName("good", w), slo.slug);
  const errorRatio = binary("/", binary("-", total, good), total);
  return binary("and", binary("-", num(1), binary("/", errorRatio, num(allowedBadFraction(slo.objective)))), binary(">", total, num(0)));
}

/** The recorded error ratio of one window for alert expressions: (total − good) ÷ total. */
export function errorRatioOf(slug: string, seconds: number): Expr {
  const total = recorded(increaseName("total", seconds), slug);
  return binary("/", binary("-", total, recorded(increaseName("good", seconds), slug)), total);
}
