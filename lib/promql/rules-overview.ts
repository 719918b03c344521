// Recording rules the overview reads at scale (issue 19; docs/overview.md, "Recorded path"). Pure, no I/O.
//
// Reading 10,000 SLOs from the per-window increases means 14 burn-window counts per SLO (140,000
// series per overview; Prometheus spends ~7 µs per series touched whatever the answer's size). These
// rules fold them, per SLO, into what the overview shows, so it reads four series per SLO: good and
// total over the SLO window, the worst burn rate, and the 6-hour SLI of the trend:
//
//   sightline_slo:burn_rate:ratio<w>  ((total − min(good, total)) ÷ total) ÷ (1 − objective), only
//                                     while total > 0: lib/slo/burn-rates.ts' operations in its order,
//                                     so the doubles are the same ones the status engine computes
//   sightline_slo:burn_rate:worst     lib/slo/overview-state.ts `worstBurnRate` written as PromQL: the
//                                     long-window rate of the most severe exceeded tier (page before
//                                     ticket; among equals the one furthest over its factor, the
//                                     earlier on a tie), else the highest rate of any window (the
//                                     earlier on a tie); labelled burn_window and, when a tier is
//                                     exceeded, burn_severity; absent when no window had traffic
//   sightline_slo:sli:ratio6h         good ÷ total over 6 h while total > 0 (the trend's steps)
//
// Exactly one alternative of the worst-burn `or` holds for an SLO at a time (each is the others'
// `unless`), so the rule yields one series or none. Rules of a group run in order and read this
// evaluation's results of the rules before them.
import { aggWithout, binary, num, render, setLabel, type Expr } from "./ast";
import { allowedBadFraction } from "@/lib/slo/ratio";
import { burnRateTiersForSeconds, type BurnRateTier } from "@/lib/slo/burn-tiers";
import { BURN_WINDOWS, BURN_WINDOW_SECONDS, type BurnWindow } from "@/lib/slo/types";
import {
  BURN_SEVERITY_LABEL, BURN_WINDOW_LABEL, TREND_STEP_SECONDS, WORST_BURN, burnRateName, increaseName, recorded, sloLabels, trendSliName,
} from "./rules-names";
import { recordedWindowSeconds } from "./rules-recording";
import type { RecordingRule, RuleSlo } from "./rules-types";

/** `(good <= total) or total`: good clamped to total, as checkCounts clamps it before any ratio. */
function clampedGood(slug: string, seconds: number): { good: Expr; total: Expr; clamped: Expr } {
  const good = recorded(increaseName("good", seconds), slug);
  const total = recorded(increaseName("total", seconds), slug);
  return { good, total, clamped: binary("or", binary("<=", good, total), total) };
}

/** Burn rate over `seconds`, present only with traffic and a usable good count. */
export function burnRateExpr(slug: string, objective: number, seconds: number): Expr {
  const { good, total, clamped } = clampedGood(slug, seconds);
  const rate = binary("/", binary("/", binary("-", total, clamped), total), num(allowedBadFraction(objective)));
  return binary("and", binary("and", rate, binary(">", total, num(0))), binary(">=", good, num(0)));
}

/** The 6-hour SLI of the trend: good ÷ total while total > 0 (the client clamps good above total to 1). */
export function trendSliExpr(slug: string): Expr {
  const good = recorded(increaseName("good", TREND_STEP_SECONDS), slug);
  const total = recorded(increaseName("total", TREND_STEP_SECONDS), slug);
  return binary("and", binary("/", good, total), binary(">", total, num(0)));
}

const rateOf = (slug: string, seconds: number): Expr => recorded(burnRateName(seconds), slug);

/** A tier is exceeded: both its windows burn at or above its factor; the value is the long window's rate. */
const exceeded = (slug: string, t: BurnRateTier): Expr =>
  binary("and", binary(">=", rateOf(slug, t.longWindowSeconds), num(t.factor)), binary(">=", rateOf(slug, t.shortWindowSeconds), num(t.factor)));

/** How far an exceeded tier is over its factor (the sort key of worstBurnRate). */
const score = (slug: string, t: BurnRateTier): Expr => binary("/", exceeded(slug, t), num(t.factor));

const union = (xs: readonly Expr[]): Expr => xs.reduce((acc, x) => binary("or", acc, x));
const unlessAll = (base: Expr, others: readonly Expr[]): Expr => others.reduce((acc, o) => binary("unless", acc, o), base);

export function worstBurnExpr(slug: string, windowSeconds: number): Expr {
  const tiers = burnRateTiersForSeconds(windowSeconds);
  const alternatives: Expr[] = [];
  const moreSevere: Expr[] = [];
  for (const severity of ["page", "ticket"] as const) {
    const same = tiers.filter((t) => t.severity === severity);
    same.forEach((t, i) => {
      // Tier i loses to an earlier tier scoring at least as high, or to a later one scoring higher.
      const beaten = same.flatMap((o, j) => (j === i ? [] : [binary(j < i ? ">=" : ">", score(slug, o), score(slug, t))]));
      const chosen = unlessAll(exceeded(slug, t), [...beaten, ...moreSevere]);
      alternatives.push(setLabel(setLabel(chosen, BURN_WINDOW_LABEL, t.longWindow), BURN_SEVERITY_LABEL, severity));
    });
    moreSevere.push(...same.map((t) => exceeded(slug, t)));
  }
  // Else the first window with the highest rate: window i is chosen unless an earlier window burns
  // at least as fast or a later one faster. Each side is one `max` over the windows, labels kept but
  // burn_window, so it matches the window's own series one to one (a replica label survives too).
  const windowAlternatives = BURN_WINDOWS.map((w, i) => {
    const own = rateOf(slug, BURN_WINDOW_SECONDS[w]);
    const earlier = BURN_WINDOWS.slice(0, i);
    const later = BURN_WINDOWS.slice(i + 1);
    let chosen: Expr = own;
    if (earlier.length) chosen = binary("unless", chosen, binary(">=", highestRate(slug, earlier), own));
    if (later.length) chosen = binary("unless", chosen, binary(">", highestRate(slug, later), own));
    return setLabel(chosen, BURN_WINDOW_LABEL, w);
  });
  let noTier = union(windowAlternatives);
  // ... when no tier is exceeded: one `unless` for all windows, matching past their burn_window label.
  if (moreSevere.length) noTier = binary("unless", noTier, union(moreSevere), { ignoring: [BURN_WINDOW_LABEL] });
  return union([...alternatives, noTier]);
}

/** The highest burn rate of `windows` (those with traffic), every label but burn_window kept. */
function highestRate(slug: string, windows: readonly BurnWindow[]): Expr {
  const each = windows.map((w) => setLabel(rateOf(slug, BURN_WINDOW_SECONDS[w]), BURN_WINDOW_LABEL, w));
  return aggWithout("max", union(each), [BURN_WINDOW_LABEL]);
}

export function overviewRecordingRules(slo: RuleSlo): RecordingRule[] {
  const labels = sloLabels(slo);
  return [
    ...BURN_WINDOWS.map((w) => ({ record: burnRateName(BURN_WINDOW_SECONDS[w]), expr: render(burnRateExpr(slo.slug, slo.objective, BURN_WINDOW_SECONDS[w])), labels })),
    { record: WORST_BURN, expr: render(worstBurnExpr(slo.slug, recordedWindowSeconds(slo))), labels },
    { record: trendSliName(TREND_STEP_SECONDS), expr: render(trendSliExpr(slo.slug)), labels },
  ];
}
