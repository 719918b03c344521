// The latency-deviation alert in the real promtool (issue 18): it fires on a regression (slow today,
// normal yesterday and last week) and stays quiet on a weekly rhythm (slow every seventh day), at
// the evaluation instants the formula in lib/promql/rules-deviation.ts predicts.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { formatDuration } from "@/lib/promql/duration";
import { TEMPO } from "@/lib/promql/profiles";
import { sloRuleGroup, type AlertingRule, type RuleSlo } from "@/lib/promql/rules";
import { DEVIATION_FOR_SECONDS } from "@/lib/promql/rules-deviation";
import { sloLabels } from "@/lib/promql/rules-names";
import { prometheusRuleFile } from "@/lib/promql/rules-yaml";
import { AlertSettings } from "@/lib/schemas/rules";
import { firingIntervals } from "@/lib/slo/tier-firing";
import { PUBLIC_URL, checkoutTempo, targetFor, withoutOverviewRules } from "@/tests/fixtures/rules-slos";
import { TMP_ROOT, runTool } from "@/tests/helpers/prometheus";
import { counters, inputSeries, renderAnnotation, windowCounts, type Counters, type Phase } from "@/tests/helpers/rule-scenarios";

const STEP = 300;
const DAY = 86_400;
const W = 1800;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(TMP_ROOT, "rules-dev-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** 1,000 requests per 5 minutes, 1 % slow; 10 % slow from 09:00 to 11:00 on the given days. */
function days(n: number, slowDays: readonly number[]): Phase[] {
  const out: Phase[] = [{ minutes: 60, total: 0, bad: 0 }];
  for (let d = 0; d < n; d++) {
    // The first day starts an hour late (after the quiet hour), so day d's 09:00 is at d·24h + 9h.
    out.push({ minutes: d === 0 ? 8 * 60 : 9 * 60, total: 1000, bad: 10 });
    out.push({ minutes: 120, total: 1000, bad: slowDays.includes(d) ? 100 : 10 });
    out.push({ minutes: 13 * 60, total: 1000, bad: 10 });
  }
  return out;
}

/** Share over [t − w, t] ending `ago` earlier; null without traffic or before the data. */
function share(c: Counters, i: number, agoSeconds: number): { share: number; total: number } | null {
  const j = i - agoSeconds / c.stepSeconds;
  if (j < 0) return null;
  const w = windowCounts(c, j, W);
  return w.total > 0 ? { share: (w.total - w.good) / w.total, total: w.total } : null;
}

function predict(slo: RuleSlo, c: Counters) {
  const d = slo.alerting.deviation;
  const moments = [];
  for (let i = 0; i < c.total.length; i++) {
    const now = share(c, i, 0);
    const a = share(c, i, DAY);
    const b = share(c, i, 7 * DAY);
    const firing =
      now !== null && a !== null && b !== null &&
      now.share > d.factor * a.share && now.share > d.factor * b.share &&
      now.share - a.share >= d.minDifference && now.share - b.share >= d.minDifference &&
      now.total >= d.minEvents;
    moments.push({ t: i * STEP, verdict: { firing, longBurn: null, shortBurn: null, quiet: firing ? null : ("below_threshold" as const) } });
  }
  return firingIntervals(moments, DEVIATION_FOR_SECONDS);
}

describe("promtool test rules: latency deviation", () => {
  it("fires on a regression, not on the weekly rhythm", async () => {
    const slo: RuleSlo = { ...checkoutTempo(), alerting: AlertSettings.parse({ deviation: { enabled: true } }) };
    const c = counters(days(10, [0, 7, 9]), STEP);
    const intervals = predict(slo, c);
    // Day 7 is slow like day 0 (its week-ago baseline): quiet. Day 9 is slow after a normal day 8 and day 2: one alert.
    expect(intervals).toHaveLength(1);
    const [iv] = intervals;
    expect(iv.startSeconds).toBeGreaterThan(9 * DAY + 9 * 3600);
    expect(iv.endSeconds!).toBeLessThanOrEqual(9 * DAY + 12 * 3600);

    // The overview's series are left out: the deviation alert does not read them (the helper checks).
    const g = withoutOverviewRules(sloRuleGroup(slo, targetFor(slo, TEMPO), { publicUrl: PUBLIC_URL, intervalSeconds: STEP })!, slo);
    const rule = g.rules.find((r): r is AlertingRule => "alert" in r && r.alert === "SightlineLatencyDeviation")!;
    const at = (t: number) => {
      const firing = t >= iv.startSeconds && t < iv.endSeconds!;
      const now = share(c, t / STEP, 0)!;
      return {
        eval_time: formatDuration(t),
        alertname: rule.alert,
        exp_alerts: firing
          ? [{ exp_labels: { ...rule.labels, ...sloLabels(slo) }, exp_annotations: Object.fromEntries(Object.entries(rule.annotations).map(([k, v]) => [k, renderAnnotation(v, t, now.share)])) }]
          : [],
      };
    };
    const times = [
      7 * DAY + 9.5 * 3600, 7 * DAY + 10.5 * 3600, // the weekly rhythm
      iv.pendingSinceSeconds, iv.startSeconds - STEP, iv.startSeconds, 9 * DAY + 10 * 3600, iv.endSeconds! - STEP, iv.endSeconds!,
    ];
    const rules = path.join(dir, "deviation.rules.yml");
    const test = path.join(dir, "deviation.test.yml");
    await writeFile(rules, prometheusRuleFile([g]));
    await writeFile(
      test,
      stringify({ rule_files: [path.basename(rules)], evaluation_interval: "5m", tests: [{ interval: "5m", input_series: inputSeries(slo, targetFor(slo, TEMPO), c), alert_rule_test: times.map(at) }] }, { lineWidth: 0 }),
    );
    const out = await runTool("/usr/bin/promtool", ["test", "rules", test]);
    expect(out).toContain("SUCCESS");
  }, 240_000);
});
