// Benchmark (issue 15, finding 8): what an SLO without recent samples costs. fetchSliInputs for a
// fresh SLO and for stale ones (newest sample 30 min and 2 h before the evaluation), alone and
// with 50 concurrent callers, and whether stale callers slow fresh ones evaluated at the same time.
// Against a real Prometheus holding 8 days of the ground-truth history at a 60 s step.
//
//   npx tsx --conditions=react-server scripts/bench/freshness.ts
import path from "node:path";
import { rm } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { TEMPO } from "@/lib/promql/profiles";
import { startPrometheus, TMP_ROOT } from "@/tests/helpers/prometheus";
import { generateTruthHistory } from "@/tests/fixtures/truth-history";
import { writeTruthFile } from "@/tests/fixtures/write-fixture";
import { createMetricsSource } from "@/lib/server/metrics/client";
import { fetchSliInputs, type SloForSli } from "@/lib/server/sli-data";

const DAY = 86_400;
const USERS = 50;
const ROUNDS = 5;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function main() {
  const h = generateTruthHistory({ profile: TEMPO, days: 8, fineTailSeconds: 8 * DAY });
  const end = h.ticks[h.ticks.length - 1];
  const file = path.join(TMP_ROOT, `bench-freshness-${process.pid}.om.txt`);
  await writeTruthFile(file, [h], "openmetrics");
  const prom = await startPrometheus({ openMetricsFile: file, maxBlockDuration: "2000h" });
  await rm(file, { force: true });
  const src = createMetricsSource({ baseUrl: prom.url });
  const slo: SloForSli = {
    service: "checkout", operation: "POST /checkout", operationMatch: "exact", spanKind: null, extraMatchers: [], countErrorsAsBad: false,
    thresholdSeconds: h.boundsSeconds[8], objective: 0.99, window: { kind: "rolling", days: 7 }, minEvents: 0,
  };
  // The same SLO evaluated at END is fresh; 30 min or 2 h after END it has had no samples for that long.
  const cases = { fresh: 0, "stale 30 min": 1800, "stale 2 h": 7200 } as const;
  let failures = 0;
  const once = async (lagSeconds: number, k: number) => {
    const t = performance.now();
    // Moments one second apart, as a dashboard refreshing "now" would ask.
    const r = await fetchSliInputs(src, slo, { atSeconds: end + lagSeconds + (k % 200), profile: "tempo" });
    // A timed-out call is counted, not fatal: the time it took is the figure.
    if (!r.ok) failures++;
    return { ms: performance.now() - t, queries: r.ok ? r.meta.queries.length : 0 };
  };
  for (let i = 0; i < 20; i++) await once(0, i); // warm-up: page cache, connections

  console.log(`Prometheus ${prom.url}; ${h.series.length} span series, 8 days at 60 s. Figures in ms.`);
  console.log("case            first call (queries)   sequential p50   50 concurrent p50 / p95");
  for (const [name, lag] of Object.entries(cases)) {
    const first = await once(lag, 500);
    const seq: number[] = [];
    for (let i = 0; i < 20; i++) seq.push((await once(lag, i)).ms);
    const conc: number[] = [];
    for (let r = 0; r < ROUNDS; r++) conc.push(...(await Promise.all(Array.from({ length: USERS }, (_, i) => once(lag, r * USERS + i)))).map((x) => x.ms));
    console.log(`${name.padEnd(16)}${first.ms.toFixed(0).padStart(10)} (${first.queries})${pct(seq, 0.5).toFixed(0).padStart(17)}${pct(conc, 0.5).toFixed(0).padStart(19)} / ${pct(conc, 0.95).toFixed(0)}`);
  }
  // A dashboard: 25 fresh and 25 stale (2 h) evaluations at once; how long do the fresh ones take?
  const fresh: number[] = [];
  const stale: number[] = [];
  for (let r = 0; r < ROUNDS; r++)
    await Promise.all(Array.from({ length: USERS }, async (_, i) => (i % 2 ? stale : fresh).push((await once(i % 2 ? 7200 : 0, r * USERS + i)).ms)));
  console.log(`mixed dashboard: fresh p50 ${pct(fresh, 0.5).toFixed(0)} / p95 ${pct(fresh, 0.95).toFixed(0)}; stale p50 ${pct(stale, 0.5).toFixed(0)} / p95 ${pct(stale, 0.95).toFixed(0)}`);
  console.log(`calls that failed (the client's 10 s timeout): ${failures}`);
  await prom.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
