// Backtest (issue 16) and the generated alert rules (issue 18) agree on firing intervals for the
// same series: the backtest engine run on the scenario whose firing instants the real promtool
// confirms (tests/integration/rules-promtool.test.ts) reports exactly those intervals per tier,
// with the rules' `for`.
import { describe, expect, it } from "vitest";
import { BURN_FOR_SECONDS } from "@/lib/promql/rules-alerts";
import { backtest } from "@/lib/slo/backtest";
import { checkoutTempo } from "@/tests/fixtures/rules-slos";
import { BURN_PHASES, counters, predictTiers } from "@/tests/helpers/rule-scenarios";

describe("backtest ⇔ generated rules", () => {
  it("same intervals per tier on the promtool-checked scenario", () => {
    const slo = checkoutTempo();
    const c = counters(BURN_PHASES);
    const steps = c.total.length - 1;
    const diff = (a: number[]) => a.slice(1).map((v, i) => v - a[i]);
    const result = backtest({
      range: { startSeconds: 60, endSeconds: steps * 60 },
      stepSeconds: 60,
      firstStepEndSeconds: 60,
      good: diff(c.good),
      total: diff(c.total),
      target: { thresholdSeconds: slo.thresholdSeconds, objective: slo.objective, window: slo.window, minEvents: slo.minEvents, forSeconds: BURN_FOR_SECONDS },
    });
    const predicted = predictTiers(slo, c, 60, BURN_FOR_SECONDS);
    expect(result.tiers.map((t) => t.id)).toEqual(predicted.map((p) => p.id));
    for (const p of predicted) {
      const got = result.tiers.find((t) => t.id === p.id)!.intervals.map(({ startSeconds, endSeconds, pendingSinceSeconds }) => ({ startSeconds, endSeconds, pendingSinceSeconds }));
      const want = p.intervals.map(({ startSeconds, endSeconds, pendingSinceSeconds }) => ({ startSeconds, endSeconds, pendingSinceSeconds }));
      expect(want.length, p.id).toBeGreaterThan(0);
      expect(got, p.id).toEqual(want);
    }
  });
});
