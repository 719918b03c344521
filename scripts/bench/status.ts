// Benchmark: how long GET /api/slos/:id/status takes for 1, 100 and 1,000 SLOs against a real
// Prometheus loaded with the 36-day ground-truth history, and how long Prometheus alone takes to
// answer the very same HTTP requests (same PromQL, same order, same concurrency) in the same run.
// The ratio is Sightline's overhead (database reads, validation, math).
//
//   npm run bench:status            # or: BENCH_SIZES=1,100 BENCH_CONCURRENCY=4 npm run bench:status
import { systemAuth } from "@/lib/server/auth/context";
import path from "node:path";
import { rm } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { TEMPO } from "@/lib/promql/profiles";
import type { CreateSloInput } from "@/lib/schemas/slo";
import { startTestPostgres } from "@/tests/helpers/postgres";
import { startPrometheus, TMP_ROOT } from "@/tests/helpers/prometheus";
import { generateTruthHistory } from "@/tests/fixtures/truth-history";
import { SERIES } from "@/tests/fixtures/truth-scenario";
import { writeTruthFile } from "@/tests/fixtures/write-fixture";

const sizes = (process.env.BENCH_SIZES ?? "1,100,1000").split(",").map(Number);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);

async function pool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function main() {
  const h = generateTruthHistory({ profile: TEMPO, days: 36 });
  const at = h.ticks[h.ticks.length - 1];
  const file = path.join(TMP_ROOT, `bench-${process.pid}.om.txt`);
  let t0 = performance.now();
  await writeTruthFile(file, [h], "openmetrics");
  const prom = await startPrometheus({ openMetricsFile: file, maxBlockDuration: "2000h" });
  await rm(file, { force: true });
  console.log(`history: 36 days, ${h.series.length} span series, backfilled and started in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const pg = await startTestPostgres();
  process.env.DATABASE_URL = pg.url;
  process.env.SIGHTLINE_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64");

  const { createDatasource } = await import("@/lib/server/catalogue/datasources");
  const { createSlo } = await import("@/lib/server/catalogue/slo-create");
  const { sloStatus } = await import("@/lib/server/slo/status");
  const { disconnectDb } = await import("@/lib/server/db");
  const { getSloWithDatasource } = await import("@/lib/server/catalogue/slo-queries");

  const ds = await createDatasource({ slug: "bench", name: "bench", prometheusUrl: prom.url, pathPrefix: "", tenant: "", authKind: "none", producerProfile: "tempo", traceBackend: "none", traceUrl: "", traceAuthKind: "none", grafanaUrl: "", grafanaTempoUid: "" });
  const windows: CreateSloInput["window"][] = [{ kind: "rolling", days: 28 }, { kind: "rolling", days: 7 }, { kind: "rolling", days: 30 }, { kind: "calendar", unit: "month" }];
  const ids: string[] = [];
  const max = Math.max(...sizes);
  t0 = performance.now();
  for (let i = 0; i < max; i++) {
    const s = SERIES[i % SERIES.length];
    const slo = await createSlo({
      slug: `bench-${i}`, name: `bench ${i}`, description: "", team: "bench", owner: "", service: s.service, operation: s.spanName, operationMatch: "exact",
      spanKind: null, extraMatchers: [], thresholdSeconds: h.boundsSeconds[5 + (i % 6)], objective: 0.99, window: windows[i % windows.length],
      countErrorsAsBad: i % 3 === 0, minEvents: 0, datasourceId: ds.id, status: "active",
    }, systemAuth("bench"));
    ids.push(slo.id);
  }
  console.log(`catalogue: ${max} SLOs created in ${((performance.now() - t0) / 1000).toFixed(1)} s; concurrency ${concurrency}\n`);

  // Warm-up: Prometheus's page cache and the Prisma pool, so neither side pays first-use costs.
  const queriesOf = new Map<string, { layout: string; instant: string }>();
  await pool(ids, concurrency, async (id) => void (await sloStatus(id, { atSeconds: at })));

  console.log("Each figure is the median of 3 rounds; status and Prometheus-alone alternate within a round so neither gets warmer caches.");
  console.log("SLOs   status total   status p50/p99 per SLO   Prometheus alone total   ratio   (catalogue reads alone)");
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const n of sizes) {
    const batch = ids.slice(0, n);
    const statusRuns: number[] = [];
    const promRuns: number[] = [];
    const dbRuns: number[] = [];
    let perSlo: number[] = [];
    for (let round = 0; round < 3; round++) {
      const latencies: number[] = [];
      t0 = performance.now();
      await pool(batch, concurrency, async (id) => {
        const s = performance.now();
        const r = await sloStatus(id, { atSeconds: at });
        latencies.push(performance.now() - s);
        // The layout read is a bare selector; with the read-context cache warm it is not sent at all.
        queriesOf.set(id, { layout: r.source.queries.find((q) => !q.includes("(")) ?? "", instant: r.source.queries.find((q) => q.startsWith("label_replace("))! });
      });
      statusRuns.push(performance.now() - t0);
      if (round === 1) perSlo = latencies;

      // The same HTTP requests status makes (series for the layout unless cached, then the batched instant query).
      t0 = performance.now();
      await pool(batch, concurrency, async (id) => {
        const q = queriesOf.get(id)!;
        const series = new URLSearchParams({ "match[]": q.layout, start: String(at - 31 * 86400), end: String(at) });
        // String bodies: the leanest way to send them from node (the client does the same).
        const form = { "content-type": "application/x-www-form-urlencoded" };
        if (q.layout) await (await fetch(`${prom.url}/api/v1/series`, { method: "POST", headers: form, body: series.toString() })).json();
        await (await fetch(`${prom.url}/api/v1/query`, { method: "POST", headers: form, body: new URLSearchParams({ query: q.instant, time: String(at) }).toString() })).json();
      });
      promRuns.push(performance.now() - t0);

      t0 = performance.now();
      await pool(batch, concurrency, async (id) => void (await getSloWithDatasource(id)));
      dbRuns.push(performance.now() - t0);
    }
    const statusMs = median(statusRuns);
    const promMs = median(promRuns);
    console.log(
      `${String(n).padStart(5)}   ${(statusMs / 1000).toFixed(2).padStart(9)} s   ${pct(perSlo, 0.5).toFixed(0).padStart(8)} / ${pct(perSlo, 0.99).toFixed(0)} ms        ${(promMs / 1000).toFixed(2).padStart(9)} s           ${(statusMs / promMs).toFixed(2)}x   (${(median(dbRuns) / 1000).toFixed(2)} s)`,
    );
  }
  await disconnectDb();
  await pg.stop();
  await prom.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
