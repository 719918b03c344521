// Generated rules against the real promtool (issue 18): every file passes `promtool check rules`,
// and generated `promtool test rules` cases prove that each burn tier fires and resolves exactly
// when lib/slo/tier-firing.ts predicts, stays quiet on a healthy series and under the traffic
// floor, and that the data-absent alert fires when the series stop. Deviation: rules-deviation.test.ts.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { formatDuration } from "@/lib/promql/duration";
import { TEMPO } from "@/lib/promql/profiles";
import { sloRuleGroup, type AlertingRule, type RuleGroup, type RuleSlo } from "@/lib/promql/rules";
import { ABSENT_FOR_SECONDS, BURN_FOR_SECONDS } from "@/lib/promql/rules-alerts";
import { sloLabels } from "@/lib/promql/rules-names";
import { prometheusRuleFile } from "@/lib/promql/rules-yaml";
import { AlertSettings } from "@/lib/schemas/rules";
import { PUBLIC_URL, RULE_CASES, checkoutTempo, targetFor, withoutOverviewRules } from "@/tests/fixtures/rules-slos";
import { TMP_ROOT, runTool } from "@/tests/helpers/prometheus";
import { BURN_PHASES, counters, firingAt, inputSeries, predictTiers, renderAnnotation, windowCounts, type Counters } from "@/tests/helpers/rule-scenarios";
import { burnRates } from "@/lib/slo/burn-rates";
import { burnRateTiers } from "@/lib/slo/burn-tiers";
import { worstBurnRate } from "@/lib/slo/overview-state";
import { allowedBadFraction } from "@/lib/slo/ratio";
import { BURN_WINDOWS, BURN_WINDOW_SECONDS } from "@/lib/slo/types";

const PROMTOOL = "/usr/bin/promtool";
const H = 60;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(TMP_ROOT, "rules-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function promtool(args: string[]): Promise<{ ok: boolean; out: string }> {
  try {
    return { ok: true, out: await runTool(PROMTOOL, args) };
  } catch (e) {
    return { ok: false, out: String(e) };
  }
}

const burnSlo = (over: Partial<RuleSlo> = {}): RuleSlo => ({ ...checkoutTempo(), alerting: AlertSettings.parse({ runbookUrl: "https://runbooks.example.com/checkout" }), ...over });
const groupFor = (slo: RuleSlo) => sloRuleGroup(slo, targetFor(slo, TEMPO), { publicUrl: PUBLIC_URL })!;
/** For the alert-timing cases: the group without the overview's series, which no alert reads. */
const alertGroupFor = (slo: RuleSlo) => withoutOverviewRules(groupFor(slo), slo);
const alertRules = (g: RuleGroup, name: string) => g.rules.filter((r): r is AlertingRule => "alert" in r && r.alert === name);

/** Expected firing burn alerts at step i, from the prediction. */
function expectedBurn(slo: RuleSlo, g: RuleGroup, c: Counters, i: number) {
  const t = i * c.stepSeconds;
  const rules = alertRules(g, "SightlineErrorBudgetBurn");
  return predictTiers(slo, c, 60, BURN_FOR_SECONDS)
    .filter((p) => firingAt(p, t))
    .map((p) => {
      const rule = rules.find((r) => r.labels.sightline_tier === p.id)!;
      return {
        exp_labels: { ...rule.labels, ...sloLabels(slo) },
        exp_annotations: Object.fromEntries(Object.entries(rule.annotations).map(([k, v]) => [k, renderAnnotation(v, t, p.longRatio(i))])),
      };
    });
}

async function runRuleTest(name: string, groups: RuleGroup[], tests: object[], evalSeconds = 60) {
  const rules = path.join(dir, `${name}.rules.yml`);
  const test = path.join(dir, `${name}.test.yml`);
  await writeFile(rules, prometheusRuleFile(groups));
  await writeFile(test, stringify({ rule_files: [path.basename(rules)], evaluation_interval: formatDuration(evalSeconds), tests }, { lineWidth: 0 }));
  return promtool(["test", "rules", test]);
}

describe("promtool check rules", () => {
  it.each(RULE_CASES)("$name", async (c) => {
    const file = path.join(dir, `check-${c.name}.yml`);
    await writeFile(file, prometheusRuleFile([sloRuleGroup(c.slo(), targetFor(c.slo(), c.profile), { publicUrl: PUBLIC_URL })!]));
    const r = await promtool(["check", "rules", file]);
    expect(r.out).toMatch(/SUCCESS: \d+ rules found/);
    expect(r.ok).toBe(true);
  });

  it("the check can fail (a broken expression is caught)", async () => {
    const file = path.join(dir, "broken.yml");
    await writeFile(file, "groups:\n  - name: x\n    rules:\n      - record: a:b\n        expr: sum(rate(x[5m])\n");
    expect((await promtool(["check", "rules", file])).ok).toBe(false);
  });
});

describe("promtool test rules: burn tiers fire and resolve when tier-firing.ts predicts", () => {
  // BURN_PHASES: a fast and a slow burn on a 28-day 99.9 % SLO; every tier fires and resolves.
  const phases = BURN_PHASES;
  const slo = burnSlo();
  const c = counters(phases);
  const g = alertGroupFor(slo);

  it("every tier fires and resolves in the scenario (else the test would prove little)", () => {
    const p = predictTiers(slo, c, 60, BURN_FOR_SECONDS);
    for (const tier of p) {
      expect(tier.intervals.length, tier.id).toBeGreaterThan(0);
      expect(tier.intervals.every((iv) => iv.endSeconds !== null), tier.id).toBe(true);
    }
  });

  it("promtool agrees at every start and end, one evaluation either side", async () => {
    const p = predictTiers(slo, c, 60, BURN_FOR_SECONDS);
    const moments = new Set<number>([6 * 3600, 7 * 3600]);
    for (const tier of p)
      for (const iv of tier.intervals) for (const t of [iv.pendingSinceSeconds, iv.startSeconds - 60, iv.startSeconds, iv.endSeconds! - 60, iv.endSeconds!]) moments.add(t);
    const cases = [...moments].sort((a, b) => a - b).map((t) => ({ eval_time: formatDuration(t), alertname: "SightlineErrorBudgetBurn", exp_alerts: expectedBurn(slo, g, c, t / 60) }));
    expect(cases.some((x) => x.exp_alerts.length === 0)).toBe(true);
    const r = await runRuleTest("burn", [g], [{ interval: "1m", input_series: inputSeries(slo, targetFor(slo, TEMPO), c), alert_rule_test: cases }]);
    expect(r.out).toContain("SUCCESS");
    expect(r.ok).toBe(true);
  }, 120_000);

  it("a wrong expectation fails (the harness can fail)", async () => {
    const r = await runRuleTest("burn-wrong", [g], [
      { interval: "1m", input_series: inputSeries(slo, targetFor(slo, TEMPO), c), alert_rule_test: [{ eval_time: "2h", alertname: "SightlineErrorBudgetBurn", exp_alerts: [{ exp_labels: { severity: "page" } }] }] },
    ]);
    expect(r.ok).toBe(false);
  }, 60_000);
});

describe("promtool test rules: the overview's worst burn rate is lib/slo/overview-state.ts' worstBurnRate", () => {
  // The burn scenario exceeds every tier at its own moments, and between them no tier: both branches
  // of the rule (most severe exceeded tier; else the highest rate of any window) are exercised.
  const slo = burnSlo();
  const c = counters(BURN_PHASES);
  const g = groupFor(slo);
  const tiers = burnRateTiers(slo.window);
  const allowed = allowedBadFraction(slo.objective);
  // Rounded to 1e-3 on both sides: Prometheus' round(v, 0.001) is floor(v·1000 + 0.5) / 1000, and the
  // two are bit-equal doubles whenever the unrounded rates agree to well under 5e-4.
  const round = (v: number) => Math.floor(v * 1000 + 0.5) / 1000;
  const expected = (i: number) => {
    const windows = Object.fromEntries(BURN_WINDOWS.map((w) => [w, windowCounts(c, i, BURN_WINDOW_SECONDS[w])]));
    const worst = worstBurnRate(burnRates(windows, allowed, []), tiers);
    return worst ? [{ labels: `{burn_window="${worst.window}"${worst.severity ? `, burn_severity="${worst.severity}"` : ""}}`, value: round(worst.rate) }] : [];
  };

  it("at every 10 minutes of the day, with each tier and no tier exceeded", async () => {
    const steps = Array.from({ length: Math.floor((c.total.length - 1) / 10) + 1 }, (_, k) => k * 10);
    const seen = new Set(steps.map((i) => expected(i)[0]?.labels ?? "none"));
    // page (1h, 6h), ticket (1d, 3d), an unexceeded window, and nothing before the first request.
    for (const want of ['burn_window="1h", burn_severity="page"', 'burn_window="6h", burn_severity="page"', 'burn_severity="ticket"', "none"])
      expect([...seen].some((l) => l.includes(want)), `${want} in ${[...seen].join(" ")}`).toBe(true);
    expect([...seen].some((l) => l.startsWith("{") && !l.includes("burn_severity"))).toBe(true);
    const cases = steps.map((i) => ({
      eval_time: i === 0 ? "0s" : formatDuration(i * 60),
      expr: "max by (burn_window, burn_severity) (round(sightline_slo:burn_rate:worst, 0.001))",
      exp_samples: expected(i),
    }));
    const r = await runRuleTest("worst", [g], [{ interval: "1m", input_series: inputSeries(slo, targetFor(slo, TEMPO), c), promql_expr_test: cases }]);
    expect(r.out).toContain("SUCCESS");
    expect(r.ok).toBe(true);
  }, 120_000);
});

describe("promtool test rules: quiet when healthy and under the traffic floor; data absent", () => {
  it("a healthy series, a burn under the floor, and the same burn without a floor", async () => {
    const healthy = burnSlo({ slug: "healthy", service: "healthy" });
    const floored = burnSlo({ slug: "floored", service: "floored", minEvents: 100_000 });
    const unfloored = burnSlo({ slug: "unfloored", service: "unfloored", minEvents: 0 });
    // 0.05 % bad is a burn rate of 0.5: under every tier. 10 requests a minute, all bad: 4,800 in 8 hours < 100,000.
    const healthyC = counters([{ minutes: 60, total: 0, bad: 0 }, { minutes: 12 * H, total: 10_000, bad: 5 }]);
    const lowC = counters([{ minutes: 60, total: 0, bad: 0 }, { minutes: 8 * H, total: 10, bad: 10 }]);
    expect(predictTiers(healthy, healthyC, 60, BURN_FOR_SECONDS).every((p) => p.intervals.length === 0)).toBe(true);
    expect(predictTiers(floored, lowC, 60, BURN_FOR_SECONDS).every((p) => p.intervals.length === 0)).toBe(true);
    expect(predictTiers(unfloored, lowC, 60, BURN_FOR_SECONDS).every((p) => p.intervals.length === 1)).toBe(true);

    const check = (slo: RuleSlo, c: Counters, g: RuleGroup, hours: number[]) =>
      hours.map((h) => ({ eval_time: `${h}h`, alertname: "SightlineErrorBudgetBurn", exp_alerts: expectedBurn(slo, g, c, h * 60) }));
    const groups = [healthy, floored, unfloored].map(alertGroupFor);
    const series = [
      ...inputSeries(healthy, targetFor(healthy, TEMPO), healthyC),
      ...inputSeries(floored, targetFor(floored, TEMPO), lowC),
      ...inputSeries(unfloored, targetFor(unfloored, TEMPO), lowC),
    ];
    // Expectations are per alert name across all groups: the quiet two add nothing to what the third fires.
    const r = await runRuleTest("quiet", groups, [{ interval: "1m", input_series: series, alert_rule_test: check(unfloored, lowC, groups[2], [2, 5, 9]) }]);
    expect(r.out).toContain("SUCCESS");
    expect(r.ok).toBe(true);
    expect(check(unfloored, lowC, groups[2], [9])[0].exp_alerts.length).toBe(4);
  }, 120_000);

  it("the data-absent alert fires 15 minutes after the last sample, not before", async () => {
    const slo = burnSlo({ slug: "gone", service: "gone" });
    const g = alertGroupFor(slo);
    const c = counters([{ minutes: 60, total: 0, bad: 0 }, { minutes: 60, total: 100, bad: 0 }]);
    const last = (c.total.length - 1) * 60;
    const rule = alertRules(g, "SightlineSloDataAbsent")[0];
    const firesAt = last + 300 + ABSENT_FOR_SECONDS;
    const expected = (t: number) => [{ exp_labels: rule.labels, exp_annotations: Object.fromEntries(Object.entries(rule.annotations).map(([k, v]) => [k, renderAnnotation(v, t, 0)])) }];
    const r = await runRuleTest("absent", [g], [
      {
        interval: "1m",
        input_series: inputSeries(slo, targetFor(slo, TEMPO), c),
        alert_rule_test: [
          { eval_time: formatDuration(last), alertname: "SightlineSloDataAbsent", exp_alerts: [] },
          { eval_time: formatDuration(firesAt - 60), alertname: "SightlineSloDataAbsent", exp_alerts: [] },
          { eval_time: formatDuration(firesAt), alertname: "SightlineSloDataAbsent", exp_alerts: expected(firesAt) },
        ],
      },
    ]);
    expect(r.out).toContain("SUCCESS");
    expect(r.ok).toBe(true);
  }, 60_000);
});
