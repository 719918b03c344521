// The overview's recorded path against its raw path (issue 19): the generated recording rules of
// three SLOs really evaluated by Prometheus over the ground-truth history (each rule's expression
// at every 60 s instant, backfilled with promtool, layer by layer because the long windows are sums of recorded shorter
// ones: 5m/1h from the histogram, then 30m/2h/6h/1d, then 3d and the SLO window), the blocks moved
// into the running Prometheus, and GET /api/overview read from the `sightline_slo:*` series compared
// with the same SLOs read raw. Window edges sit on samples (Prometheus 2.x, no extrapolation), so
// every recorded sum equals the raw increase exactly; compared within 1e-12 relative for float order.
import { readdir, rename, rm, writeFile, mkdtemp } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matcher, render, selector } from "@/lib/promql/ast";
import { leSpellings } from "@/lib/promql/buckets";
import { TEMPO } from "@/lib/promql/profiles";
import { increaseName, SLO_LABEL, TREND_STEP_SECONDS, trendSliName, WORST_BURN } from "@/lib/promql/rules-names";
import { sloRuleGroup, type RecordingRule, type RuleGroup } from "@/lib/promql/rules";
import { OverviewResponse } from "@/lib/schemas/overview";
import type { CreateSloInput, SloDto } from "@/lib/schemas/slo";
import { call, setupCatalogueDatabase } from "@/tests/helpers/catalogue";
import { runTool, TMP_ROOT, type TestPrometheus } from "@/tests/helpers/prometheus";
import { startTruthPrometheus } from "@/tests/helpers/truth-prometheus";
import { generateTruthHistory } from "@/tests/fixtures/truth-history";
import { DAY, HOUR, ODD_SPAN_NAME } from "@/tests/fixtures/truth-scenario";
import { GET as getOverview } from "@/app/api/overview/route";
import { POST as postSlo } from "@/app/api/slos/route";
import { POST as postDatasource } from "@/app/api/datasources/route";

const h = generateTruthHistory({ profile: TEMPO, days: 9 });
const AT = h.ticks[h.ticks.length - 1];
let prom: TestPrometheus;
let work: string;
setupCatalogueDatabase();

beforeAll(async () => {
  prom = await startTruthPrometheus("overview-recorded", [h]);
  work = await mkdtemp(path.join(TMP_ROOT, "overview-rec-"));
}, 600_000);

afterAll(async () => {
  await prom?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

const base = (over: Partial<CreateSloInput>): Omit<CreateSloInput, "datasourceId"> => ({
  slug: "x", name: "x", description: "", team: "t", owner: "", service: "checkout", operation: "POST /checkout", operationMatch: "exact",
  spanKind: null, extraMatchers: [], thresholdSeconds: h.boundsSeconds[7], objective: 0.99, window: { kind: "rolling", days: 7 },
  countErrorsAsBad: false, minEvents: 0, status: "active", ...over,
});
const SLOS = [
  base({ slug: "rec-checkout" }),
  base({ slug: "rec-cart", service: "cart", operation: ODD_SPAN_NAME, countErrorsAsBad: true, window: { kind: "rolling", days: 1 }, thresholdSeconds: h.boundsSeconds[5], objective: 0.995 }),
  // Between boundaries: the rules count at the boundary below, as status' headline SLI does.
  base({ slug: "rec-between", operation: "POST /.*", operationMatch: "regex", thresholdSeconds: (h.boundsSeconds[6] + h.boundsSeconds[7]) / 2, objective: 0.95 }),
];

/** Which evaluation layer a recorded series belongs to: each reads only the layers before it. */
type Layer = 0 | 1 | 2 | 3 | 4 | 5;
function layerOf(r: RecordingRule): Layer {
  const counts = (secs: number[]) => secs.some((s) => r.record === increaseName("good", s) || r.record === increaseName("total", s));
  if (counts([300, HOUR])) return 0;
  if (counts([1800, 2 * HOUR, 6 * HOUR, DAY])) return 1;
  if (r.record === trendSliName(TREND_STEP_SECONDS)) return 3; // reads the 6 h counts over the trend's 7 days
  if (r.record.startsWith("sightline_slo:burn_rate:ratio")) return 4; // reads every burn window's counts, 3d included
  if (r.record === WORST_BURN) return 5;
  return 2;
}

/**
 * Evaluates one layer's recording rules with Prometheus' own engine at every 60 s evaluation instant
 * of [start, AT] (a range query is the rule's instant evaluation at each step), writes the results
 * as OpenMetrics, backfills them as one block and moves it into the running Prometheus. (promtool's
 * `create-blocks-from rules` does the same but writes one block per 2 h: thousands of blocks.)
 */
async function backfillLayer(groups: RuleGroup[], layer: Layer, startSeconds: number) {
  const rules = groups.flatMap((g) => g.rules.filter((r): r is RecordingRule => "record" in r && layerOf(r) === layer));
  const start = startSeconds - (startSeconds % 60);
  const byName = new Map<string, string[]>();
  for (const r of rules) {
    const res = await fetch(`${prom.url}/api/v1/query_range`, { method: "POST", body: new URLSearchParams({ query: r.expr, start: String(start), end: String(AT), step: "60" }) });
    const body = (await res.json()) as { status: string; data: { result: { metric: Record<string, string>; values: [number, string][] }[] } };
    expect(body.status, r.expr).toBe("success");
    const lines = byName.get(r.record) ?? byName.set(r.record, []).get(r.record)!;
    for (const series of body.data.result) {
      const labels = { ...series.metric, ...r.labels };
      delete labels.__name__;
      const text = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",");
      for (const [t, v] of series.values) lines.push(`${r.record}{${text}} ${v} ${t}`);
    }
  }
  const file = path.join(work, `layer-${layer}.om.txt`);
  const out = path.join(work, `blocks-${layer}`);
  await writeFile(file, [...byName].filter(([, lines]) => lines.length > 0).map(([name, lines]) => `# TYPE ${name} gauge\n${lines.join("\n")}\n`).join("") + "# EOF\n");
  await runTool("/usr/bin/promtool", ["tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=2000h", file, out]);
  for (const block of await readdir(out)) if (/^[0-9A-Z]{26}$/.test(block)) await rename(path.join(out, block), path.join(prom.dataDir, block));
  // A running Prometheus picks up new blocks on its next reload (about once a minute); a restart
  // opens them at once. The layer must then read.
  await prom.restart();
  const probe = rules[0].record;
  const q = render(selector(probe, [matcher(SLO_LABEL, "=", SLOS[0].slug!)]));
  const r = await (await fetch(`${prom.url}/api/v1/query?${new URLSearchParams({ query: q, time: String(AT) })}`)).json();
  expect(r.data?.result?.length, `layer ${layer} (${probe}) readable after the restart`).toBeGreaterThan(0);
}

function close(a: number | null | undefined, b: number | null | undefined, what: string) {
  if (a === null || a === undefined || b === null || b === undefined) return expect(a ?? null, what).toBe(b ?? null);
  expect(Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)), `${what}: recorded ${a} vs raw ${b}`).toBe(true);
}

describe("overview: recorded path equals raw path (rules evaluated by promtool)", () => {
  it("three SLOs read from sightline_slo:* series give the raw path's numbers and trend", async () => {
    const ds = await call(postDatasource, { json: { slug: "truth", name: "Truth", prometheusUrl: prom.url, producerProfile: "tempo" } });
    expect(ds.status).toBe(201);
    const dtos: SloDto[] = [];
    for (const s of SLOS) {
      const res = await call(postSlo, { json: { ...s, datasourceId: ds.body.id } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      dtos.push(res.body);
    }
    // Before the rules exist: every SLO raw, firing unknown.
    const before = OverviewResponse.parse((await call(getOverview, { query: { at: String(AT) } })).body);
    expect(before.slos.map((s) => [s.path, s.firing])).toEqual(dtos.map(() => ["raw", null]));

    const boundaryBelow = (t: number) => [...h.boundsSeconds].reverse().find((b) => b <= t + 1e-12)!;
    const groups = dtos.map((slo) => sloRuleGroup(slo, { profile: TEMPO, le: leSpellings(boundaryBelow(slo.thresholdSeconds)) }, { intervalSeconds: 60 })!);
    // Layer 0 covers the oldest 1h term the 7-day window and the trend reach; later layers need less.
    await backfillLayer(groups, 0, AT - 7 * DAY - 2 * HOUR);
    await backfillLayer(groups, 1, AT - 7 * DAY - HOUR);
    await backfillLayer(groups, 2, AT - HOUR);
    await backfillLayer(groups, 3, AT - 7 * DAY - HOUR);
    await backfillLayer(groups, 4, AT - HOUR);
    await backfillLayer(groups, 5, AT - HOUR);

    const rec = OverviewResponse.parse((await call(getOverview, { query: { at: String(AT) } })).body);
    const { overview } = await import("@/lib/server/slo/overview");
    const raw = OverviewResponse.parse(await overview({}, { atSeconds: AT, forcePath: "raw" }));
    expect(rec.slos.map((s) => s.path)).toEqual(["recorded", "recorded", "recorded"]);
    expect(raw.slos.map((s) => s.path)).toEqual(["raw", "raw", "raw"]);
    expect(rec.groups.map((g) => g.path)).toEqual(["recorded"]);
    for (const [r, w] of rec.slos.map((s, i) => [s, raw.slos[i]] as const)) {
      expect(r.slug).toBe(w.slug);
      expect(w.total!).toBeGreaterThan(0);
      close(r.good, w.good, `${r.slug} good`);
      close(r.total, w.total, `${r.slug} total`);
      close(r.sli, w.sli, `${r.slug} sli`);
      close(r.budgetRemaining, w.budgetRemaining, `${r.slug} budget`);
      expect(r.worstBurnRate?.window, r.slug).toBe(w.worstBurnRate?.window);
      close(r.worstBurnRate?.rate, w.worstBurnRate?.rate, `${r.slug} worst burn`);
      expect(r.state).toBe(w.state);
      expect(r.measurement).toBe(w.measurement);
      expect(r.trend7d).toHaveLength(w.trend7d.length);
      expect(r.trend7d.filter((v) => v !== null).length, `${r.slug}: trend steps with traffic`).toBeGreaterThan(20);
      r.trend7d.forEach((v, k) => close(v, w.trend7d[k], `${r.slug} trend step ${k}`));
      // Rules are deployed: firing is known (no alert rules were backfilled, so none fire).
      expect(r.firing).toEqual([]);
      expect(w.firing).toEqual([]);
    }
  }, 600_000);
});
