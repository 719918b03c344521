// Benchmark: POST /api/suggest's verb over a 28-day baseline and POST /api/backtest's over 90 days
// at 1 h steps, against a real Prometheus holding 30 days of ground-truth history (11 span series,
// one sample a minute), and the very same HTTP requests sent to Prometheus alone (recorded from the
// verb's own fetch calls, replayed in the same order and overlap, each one timed). The ratio is Sightline's overhead (catalogue read,
// validation, the engines' math). Issue 16 targets: suggestion < 0.5 s, backtest < 2 s.
//
//   npm run bench:suggest            # or: BENCH_ROUNDS=9 npm run bench:suggest
import { systemAuth } from "@/lib/server/auth/context";
import path from "node:path";
import { rm } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { TEMPO } from "@/lib/promql/profiles";
import { startTestPostgres } from "@/tests/helpers/postgres";
import { startPrometheus, TMP_ROOT } from "@/tests/helpers/prometheus";
import { generateTruthHistory } from "@/tests/fixtures/truth-history";
import { writeTruthFile } from "@/tests/fixtures/write-fixture";

const DAY = 86_400;
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Recorded {
  url: string;
  init: RequestInit;
  /** When the request was sent and when its answer had been read, ms since the run started. */
  sentMs: number;
  doneMs: number;
}

/** Records every HTTP request a run makes (URL, method, body, timing) by wrapping the global fetch. */
async function recording<T>(run: () => Promise<T>): Promise<{ value: T; requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const real = globalThis.fetch;
  const t0 = performance.now();
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const r: Recorded = { url: String(input), init: { method: init?.method, headers: init?.headers, body: init?.body }, sentMs: performance.now() - t0, doneMs: 0 };
    requests.push(r);
    const res = await real(input, init);
    // Read here so the answer's end is known; the verb reads the same text from the copy.
    const text = await res.text();
    r.doneMs = performance.now() - t0;
    return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
  }) as typeof fetch;
  try {
    return { value: await run(), requests };
  } finally {
    globalThis.fetch = real;
  }
}

/**
 * The recorded requests in the verb's own order and overlap: a request sent before every earlier one
 * had been answered joins their group; groups go out one after another, a group's requests at once.
 * Each request's own time is kept for the breakdown.
 */
async function replay(requests: readonly Recorded[]): Promise<{ totalMs: number; eachMs: number[] }> {
  const groups: Recorded[][] = [];
  for (const r of requests) {
    const g = groups[groups.length - 1];
    if (g && r.sentMs < Math.max(...g.map((x) => x.doneMs))) g.push(r);
    else groups.push([r]);
  }
  const eachMs = new Map<Recorded, number>();
  const t0 = performance.now();
  for (const g of groups)
    await Promise.all(
      g.map(async (r) => {
        const s = performance.now();
        await (await fetch(r.url, r.init)).text();
        eachMs.set(r, performance.now() - s);
      }),
    );
  return { totalMs: performance.now() - t0, eachMs: requests.map((r) => eachMs.get(r)!) };
}

/** A request, short: endpoint and the start of its PromQL (or match[]). */
function describeRequest(r: Recorded): string {
  const u = new URL(r.url);
  const params = new URLSearchParams(typeof r.init.body === "string" ? r.init.body : u.search);
  const what = params.get("query") ?? params.getAll("match[]").join(" or ");
  return `${u.pathname.replace(/.*\/api\/v1\//, "")} ${what.length > 90 ? `${what.slice(0, 90)}…` : what}`;
}

async function main() {
  const h = generateTruthHistory({ profile: TEMPO, days: 30, coarseStepSeconds: 60, fineTailSeconds: 0 });
  const end = h.ticks[h.ticks.length - 1];
  const file = path.join(TMP_ROOT, `bench-suggest-${process.pid}.om.txt`);
  let t0 = performance.now();
  await writeTruthFile(file, [h], "openmetrics");
  const prom = await startPrometheus({ openMetricsFile: file, maxBlockDuration: "2000h" });
  await rm(file, { force: true });
  console.log(`history: 30 days at 60 s, ${h.series.length} span series, backfilled and started in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const pg = await startTestPostgres();
  process.env.DATABASE_URL = pg.url;
  process.env.SIGHTLINE_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64");

  const { createDatasource } = await import("@/lib/server/catalogue/datasources");
  const { createSlo } = await import("@/lib/server/catalogue/slo-create");
  const { suggestForSelection } = await import("@/lib/server/slo/suggest");
  const { backtestSlo } = await import("@/lib/server/slo/backtest");
  const { clearReadContextCache } = await import("@/lib/server/sli-data/read-context");
  const { SuggestRequest } = await import("@/lib/schemas/suggest");
  const { BacktestRequest } = await import("@/lib/schemas/backtest");
  const { disconnectDb } = await import("@/lib/server/db");

  // auto: profile detection runs (and is listed), as for a datasource nobody pinned.
  const ds = await createDatasource({ slug: "bench", name: "bench", prometheusUrl: prom.url, pathPrefix: "", tenant: "", authKind: "none", producerProfile: "auto", traceBackend: "none", traceUrl: "", traceAuthKind: "none", grafanaUrl: "", grafanaTempoUid: "" });
  const slo = await createSlo(
    { slug: "bench", name: "bench", description: "", team: "bench", owner: "", service: "checkout", operation: "POST /checkout", operationMatch: "exact", spanKind: null, extraMatchers: [], thresholdSeconds: h.boundsSeconds[8], objective: 0.99, window: { kind: "rolling", days: 28 }, countErrorsAsBad: false, minEvents: 0, datasourceId: ds.id, status: "active" },
    systemAuth("bench"),
  );
  const suggestReq = SuggestRequest.parse({
    selection: { datasourceId: ds.id, service: "checkout", operation: "POST /checkout" },
    baseline: { startSeconds: end - 28 * DAY, endSeconds: end },
  });
  const backtestReq = BacktestRequest.parse({ sloId: slo.id, range: { startSeconds: end - 90 * DAY, endSeconds: end }, stepSeconds: 3600 });

  const cases: { name: string; target: number; run: () => Promise<unknown> }[] = [
    { name: "suggestion, 28-day baseline", target: 500, run: () => suggestForSelection(suggestReq) },
    { name: "backtest, 90 days at 1 h", target: 2000, run: () => backtestSlo(backtestReq) },
  ];
  console.log(`Median of ${rounds} rounds; each round runs the verb cold (read-context cache cleared) and warm, then its recorded requests alone (same order and overlap), each timed.`);
  console.log("case                            verb cold    verb warm    Prometheus alone    ratio cold / warm    target");
  for (const c of cases) {
    clearReadContextCache();
    await c.run(); // warm-up: Prometheus page cache, Prisma pool, JIT
    const cold: number[] = [];
    const warm: number[] = [];
    const alone: number[] = [];
    const each: number[][] = [];
    let requests: Recorded[] = [];
    for (let r = 0; r < rounds; r++) {
      clearReadContextCache();
      t0 = performance.now();
      const rec = await recording(c.run);
      cold.push(performance.now() - t0);
      requests = rec.requests;
      t0 = performance.now();
      await c.run();
      warm.push(performance.now() - t0);
      const a = await replay(requests);
      alone.push(a.totalMs);
      a.eachMs.forEach((ms, i) => (each[i] ??= []).push(ms));
    }
    const [mc, mw, ma] = [median(cold), median(warm), median(alone)];
    console.log(
      `${c.name.padEnd(30)} ${mc.toFixed(0).padStart(7)} ms   ${mw.toFixed(0).padStart(7)} ms   ${ma.toFixed(0).padStart(9)} ms (${requests.length} req)   ${(mc / ma).toFixed(2)}x / ${(mw / ma).toFixed(2)}x        < ${c.target} ms ${mc < c.target ? "ok" : "MISSED"}`,
    );
    requests.forEach((r, i) => console.log(`    ${median(each[i] ?? [0]).toFixed(0).padStart(6)} ms  ${describeRequest(r)}`));
  }
  await disconnectDb();
  await pg.stop();
  await prom.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
