// Rule generation (issue 18): golden YAML per SLO kind and producer, every expression parsed back by
// the official PromQL grammar, the tier table pinned against the status page's, draft/archived
// generate nothing, tiers switch off, template text cannot inject actions.
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { TEMPO } from "@/lib/promql/profiles";
import { ruleGroups, sloRuleGroup, type AlertingRule, type RecordingRule } from "@/lib/promql/rules";
import { BURN_FOR_SECONDS, enabledTiers } from "@/lib/promql/rules-alerts";
import { prometheusRuleFile, prometheusRuleManifest } from "@/lib/promql/rules-yaml";
import { templateText } from "@/lib/promql/rules-templates";
import { AlertSettings } from "@/lib/schemas/rules";
import { burnRateTiers } from "@/lib/slo/burn-tiers";
import { errorRatioThreshold, tierId } from "@/lib/slo/tier-firing";
import { PUBLIC_URL, RULE_CASES, cartDaily, checkoutTempo, searchOtel, targetFor } from "@/tests/fixtures/rules-slos";
import { parsePromql, unquoteGo } from "./promql-lezer";

const groupOf = (c: (typeof RULE_CASES)[number]) => sloRuleGroup(c.slo(), targetFor(c.slo(), c.profile), { publicUrl: PUBLIC_URL })!;
const alerts = (rules: (RecordingRule | AlertingRule)[]) => rules.filter((r): r is AlertingRule => "alert" in r);
const records = (rules: (RecordingRule | AlertingRule)[]) => rules.filter((r): r is RecordingRule => "record" in r);

describe("golden rule files", () => {
  it.each(RULE_CASES)("$name", async (c) => {
    await expect(prometheusRuleFile([groupOf(c)])).toMatchFileSnapshot(`golden/rules-${c.name}.yml`);
  });

  it("PrometheusRule manifest of all SLOs", async () => {
    const groups = ruleGroups([
      { slo: searchOtel(), target: targetFor(searchOtel(), TEMPO) },
      { slo: checkoutTempo(), target: targetFor(checkoutTempo(), TEMPO) },
    ]);
    expect(groups.map((g) => g.name)).toEqual(["sightline-checkout-latency", "sightline-search-api"]);
    const text = prometheusRuleManifest(groups);
    await expect(text).toMatchFileSnapshot("golden/rules-prometheusrule.yml");
    const doc = parseYaml(text);
    expect(doc).toMatchObject({ apiVersion: "monitoring.coreos.com/v1", kind: "PrometheusRule", metadata: { name: "sightline-slos" } });
    expect(doc.spec.groups).toHaveLength(2);
  });
});

describe("every expression parses", () => {
  it.each(RULE_CASES)("$name", (c) => {
    const g = groupOf(c);
    for (const r of g.rules) {
      const parsed = parsePromql(r.expr);
      expect(parsed.errors, `${"record" in r ? r.record : r.alert}: ${r.expr}`).toEqual([]);
      // Every string literal is one Prometheus' lexer accepts.
      for (const s of parsed.strings) expect(() => unquoteGo(s)).not.toThrow();
    }
  });

  it("label values with quotes and backslashes reach the matcher unchanged", () => {
    const g = sloRuleGroup(searchOtel(), targetFor(searchOtel(), TEMPO))!;
    const raw = records(g.rules).find((r) => r.record === "sightline_slo:total:increase5m")!;
    expect(parsePromql(raw.expr).strings.map(unquoteGo)).toEqual(["search", "GET /search.*", 'prod\\eu "west"']);
  });
});

describe("tiers", () => {
  const windows = [
    { kind: "rolling", days: 30 },
    { kind: "rolling", days: 28 },
    { kind: "rolling", days: 7 },
    { kind: "rolling", days: 2 },
    { kind: "calendar", unit: "month" },
  ] as const;

  it.each(windows)("%o: one alert per status-page tier, same thresholds", (window) => {
    const slo = { ...checkoutTempo(), window };
    const burn = alerts(sloRuleGroup(slo, targetFor(slo, TEMPO))!.rules).filter((a) => a.labels.sightline_tier !== "data-absent" && a.labels.sightline_tier !== "latency-deviation");
    const table = burnRateTiers(window); // what GET /api/slos/:id/status sends the status page
    expect(burn.map((a) => a.labels.sightline_tier)).toEqual(table.map(tierId));
    expect(burn.map((a) => a.labels.severity)).toEqual(table.map((t) => t.severity));
    for (const [i, a] of burn.entries()) {
      const t = table[i];
      const thr = String(errorRatioThreshold(t, slo.objective));
      expect(a.expr).toContain(`increase${t.longWindow}{sightline_slo="checkout-latency"}) > ${thr})`);
      expect(a.expr).toContain(`increase${t.shortWindow}{sightline_slo="checkout-latency"}) > ${thr})`);
      expect(a.expr).toContain(`(sightline_slo:total:increase${t.longWindow}{sightline_slo="checkout-latency"} >= 100)`);
      expect(a.forSeconds).toBe(BURN_FOR_SECONDS);
    }
  });

  it("the workbook factors, as the status page shows them", () => {
    const factors = (days: number) => enabledTiers({ window: { kind: "rolling", days }, alerting: AlertSettings.parse({}) }).map((t) => [tierId(t), t.factor]);
    expect(factors(30)).toEqual([["page-1h", 14.4], ["page-6h", 6], ["ticket-1d", 3], ["ticket-3d", 1]]);
    expect(factors(28)).toEqual([["page-1h", 13.44], ["page-6h", 5.6], ["ticket-1d", 2.8], ["ticket-3d", 0.933333333333]]);
    expect(factors(1)).toEqual([["page-1h", 0.48], ["page-6h", 0.2], ["ticket-1d", 0.1]]);
  });

  it("tiers switch off one by one; a zero minEvents guards with one request", () => {
    const slo = { ...checkoutTempo(), minEvents: 0, alerting: AlertSettings.parse({ disabledTiers: ["page-6h", "ticket-1d"] }) };
    const a = alerts(sloRuleGroup(slo, targetFor(slo, TEMPO))!.rules);
    expect(a.map((x) => x.labels.sightline_tier)).toEqual(["page-1h", "ticket-3d", "data-absent"]);
    expect(a[0].expr).toContain(">= 1)");
  });
});

describe("what is generated", () => {
  it("draft and archived SLOs generate nothing", () => {
    for (const status of ["draft", "archived"] as const) expect(sloRuleGroup({ ...checkoutTempo(), status }, targetFor(checkoutTempo(), TEMPO))).toBeNull();
    expect(ruleGroups([{ slo: { ...cartDaily(), status: "draft" }, target: targetFor(cartDaily(), TEMPO) }])).toEqual([]);
  });

  it("every recorded series and alert carries the slug, service and team", () => {
    const g = groupOf(RULE_CASES[0]);
    for (const r of records(g.rules)) expect(r.labels).toEqual({ sightline_slo: "checkout-latency", service: "checkout", team: "payments" });
    // Burn and deviation alerts inherit them from the recorded series; the absent alert states them.
    expect(alerts(g.rules).find((a) => a.labels.sightline_tier === "data-absent")!.labels).toMatchObject({ sightline_slo: "checkout-latency", service: "checkout", team: "payments" });
  });

  it("long windows are sums of shorter recorded increases, never raw reads", () => {
    const g = groupOf(RULE_CASES[0]);
    const raw = records(g.rules).filter((r) => r.expr.includes("traces_spanmetrics_latency"));
    expect(raw.map((r) => r.record)).toEqual([
      "sightline_slo:good:increase5m",
      "sightline_slo:total:increase5m",
      "sightline_slo:good:increase1h",
      "sightline_slo:total:increase1h",
      // The deviation baselines read the raw histogram a day and a week back (history older than the rules).
      "sightline_slo:slow_share_1d_ago:ratio30m",
      "sightline_slo:slow_share_7d_ago:ratio30m",
    ]);
    const w28 = records(g.rules).find((r) => r.record === "sightline_slo:total:increase28d")!;
    expect(w28.expr.match(/offset \d+d/g)).toHaveLength(27);
    expect(records(g.rules).find((r) => r.record === "sightline_slo:budget_remaining:ratio28d")!.expr).toContain("and (sightline_slo:total:increase28d");
  });

  it("deviation is off by default; the 1-day window is not recorded twice", () => {
    const g = sloRuleGroup(cartDaily(), targetFor(cartDaily(), TEMPO))!;
    expect(alerts(g.rules).map((a) => a.alert)).not.toContain("SightlineLatencyDeviation");
    const names = records(g.rules).map((r) => r.record);
    expect(new Set(names).size).toBe(names.length);
  });

  it("links only with a public URL; runbook only when set", () => {
    const without = alerts(sloRuleGroup(cartDaily(), targetFor(cartDaily(), TEMPO))!.rules)[0];
    expect(Object.keys(without.annotations)).toEqual(["summary", "description"]);
    const withAll = alerts(groupOf(RULE_CASES[0]).rules)[0];
    expect(Object.keys(withAll.annotations)).toEqual(["summary", "description", "sightline_url", "slow_requests_url", "runbook_url"]);
  });

  it("user text cannot start a template action", () => {
    expect(templateText('{{ query "up" }}')).toBe('{{ "{{" }} query "up" }}');
    const a = alerts(sloRuleGroup(searchOtel(), targetFor(searchOtel(), TEMPO))!.rules)[0];
    expect(a.annotations.summary).toBe('Search "API" {{ "{{" }} p99 }}: error budget burn rate above 14.4 over 1h and 5m');
  });

  it("refuses an interval the offset sums cannot use", () => {
    expect(() => sloRuleGroup(cartDaily(), targetFor(cartDaily(), TEMPO), { intervalSeconds: 45 })).toThrow(/divide 300/);
  });
});
