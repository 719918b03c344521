// Benchmark of GET /api/overview (issue 19, item 2), four figures:
//  1. raw path: 1,000 SLOs over 30 days of ground-truth history (the bench:status catalogue) in one
//     overview, and Prometheus alone answering the very same HTTP requests (recorded from the run,
//     replayed with the same concurrency): the ratio is Sightline's overhead;
//  2. recorded path: 10,000 SLOs whose `sightline_slo:*` series (only those the overview reads) are
//     backfilled with promtool;
//  3. memory: peak RSS of a child process that serves the 10,000-SLO overview repeatedly, several
//     at once (the verb as the route calls it, without Next's own footprint);
//  4. the same through the real server: `next start` of the production build on the bench's
//     database, GET /api/overview 1 and 4 at a time, RSS of its process group sampled.
//
//   npm run bench:overview        # BENCH_RAW_SLOS=1000 BENCH_RECORDED_SLOS=10000 BENCH_ROUNDS=5
import { spawn } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { performance } from "node:perf_hooks";
import { TEMPO } from "@/lib/promql/profiles";
import { increaseName, TREND_STEP_SECONDS, trendSliName, WORST_BURN } from "@/lib/promql/rules-names";
import type { CreateSloInput } from "@/lib/schemas/slo";
import { startTestPostgres } from "@/tests/helpers/postgres";
import { startPrometheus, TMP_ROOT } from "@/tests/helpers/prometheus";
import { generateTruthHistory } from "@/tests/fixtures/truth-history";
import { SERIES } from "@/tests/fixtures/truth-scenario";
import { writeTruthFile } from "@/tests/fixtures/write-fixture";

const RAW_SLOS = Number(process.env.BENCH_RAW_SLOS ?? 1000);
const RECORDED_SLOS = Number(process.env.BENCH_RECORDED_SLOS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Which figures to take (BENCH_PARTS=recorded,memory to skip the raw path while working on another). */
const PARTS = new Set((process.env.BENCH_PARTS ?? "raw,recorded,memory,server").split(","));
const DAY = 86_400;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const secs = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

if (process.env.BENCH_OVERVIEW_CHILD)
  child().catch((e) => {
    console.error(e);
    process.exit(1);
  });
else
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });

/** Child mode: serve the overview `n` times, `c` at once, and print the peak RSS. */
async function child() {
  const { overview } = await import("@/lib/server/slo/overview");
  const at = Number(process.env.BENCH_AT);
  const n = Number(process.env.BENCH_N ?? 20);
  const c = Number(process.env.BENCH_C ?? 4);
  let count = 0;
  let slos = 0;
  // Peaks of the parts of the footprint, sampled every 5 ms (where the RSS goes). The sampling
  // timer also keeps the loop alive: a pending promise with no open handle lets node exit 0 in
  // the middle (the crash seen before, an empty stdout); an early exit says so.
  const peak = { heapUsedMb: 0, heapTotalMb: 0, externalMb: 0, arrayBuffersMb: 0 };
  const before = process.memoryUsage();
  const baseline = { rssMb: before.rss / 1048576, heapUsedMb: before.heapUsed / 1048576 };
  const alive = setInterval(() => {
    const m = process.memoryUsage();
    peak.heapUsedMb = Math.max(peak.heapUsedMb, m.heapUsed / 1048576);
    peak.heapTotalMb = Math.max(peak.heapTotalMb, m.heapTotal / 1048576);
    peak.externalMb = Math.max(peak.externalMb, m.external / 1048576);
    peak.arrayBuffersMb = Math.max(peak.arrayBuffersMb, m.arrayBuffers / 1048576);
  }, 5);
  let finished = false;
  process.on("exit", () => {
    if (!finished) console.error(`child: exited after ${count} of ${n} overviews without finishing`);
  });
  // BENCH_HEAP_PROFILE=<file>: bytes allocated per call site over the whole run (collected
  // objects included), as a sampling heap profile (Chrome DevTools, Memory tab).
  const heapSession = process.env.BENCH_HEAP_PROFILE ? new (await import("node:inspector/promises")).Session() : null;
  if (heapSession) {
    heapSession.connect();
    await heapSession.post("HeapProfiler.startSampling", { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as object);
  }
  const t0 = performance.now();
  await Promise.all(Array.from({ length: c }, async () => {
    while (count < n) {
      count++;
      slos = (await overview({}, { atSeconds: at })).slos.length;
    }
  }));
  const wall = performance.now() - t0;
  if (heapSession) {
    const { profile } = await heapSession.post("HeapProfiler.stopSampling");
    await (await import("node:fs/promises")).writeFile(process.env.BENCH_HEAP_PROFILE!, JSON.stringify(profile));
    heapSession.disconnect();
  }
  console.log(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024, rssMb: process.memoryUsage().rss / 1024 / 1024, slos, n, c, wallMs: wall, peak, baseline }));
  finished = true;
  clearInterval(alive);
  const { disconnectDb } = await import("@/lib/server/db");
  await disconnectDb();
}

const windows: CreateSloInput["window"][] = [{ kind: "rolling", days: 28 }, { kind: "rolling", days: 7 }, { kind: "rolling", days: 30 }, { kind: "calendar", unit: "month" }];

async function main() {
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  const h = generateTruthHistory({ profile: TEMPO, days: 30 });
  const at = h.ticks[h.ticks.length - 1];
  let t0 = performance.now();
  // Two Prometheus servers, as two datasources: the raw path's 30 days of span metrics, and the
  // recorded path's `sightline_slo:*` series of RECORDED_SLOS SLOs. Kept apart so that neither
  // path pays for series that belong to the other (recorded series of SLOs not in the catalogue).
  const file = path.join(TMP_ROOT, `bench-overview-${process.pid}.om.txt`);
  await writeTruthFile(file, [h], "openmetrics");
  const recFile = path.join(TMP_ROOT, `bench-overview-rec-${process.pid}.om.txt`);
  const recSeries = await writeRecorded(recFile, RECORDED_SLOS, at);
  const [prom, promRec] = await Promise.all([
    startPrometheus({ openMetricsFile: file, maxBlockDuration: "2000h" }),
    startPrometheus({ openMetricsFile: recFile, maxBlockDuration: "2000h" }),
  ]);
  await rm(file, { force: true });
  await rm(recFile, { force: true });
  console.log(`history: 30 days, ${h.series.length} span series (${h.series.length * (h.bounds.length + 2)} bucket and count series); ${recSeries} recorded series for ${RECORDED_SLOS} SLOs; backfilled and started in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const pg = await startTestPostgres();
  process.env.DATABASE_URL = pg.url;
  process.env.SIGHTLINE_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64");
  const { createDatasource } = await import("@/lib/server/catalogue/datasources");
  const { sloColumns } = await import("@/lib/server/catalogue/slo-mapping");
  const { getDb, disconnectDb } = await import("@/lib/server/db");
  const { overview } = await import("@/lib/server/slo/overview");
  const db = await getDb();
  const dsOf = (slug: string, url: string) => createDatasource({ slug, name: slug, prometheusUrl: url, pathPrefix: "", tenant: "", authKind: "none", producerProfile: "tempo", traceBackend: "none", traceUrl: "", traceAuthKind: "none", grafanaUrl: "", grafanaTempoUid: "" });
  const ds = await dsOf("bench-raw", prom.url);
  const dsRec = await dsOf("bench-recorded", promRec.url);

  // The bench:status catalogue: series round-robin, six boundaries, four windows, a third errors-as-bad.
  const input = (i: number, prefix: string, window: CreateSloInput["window"]): CreateSloInput => {
    const s = SERIES[i % SERIES.length];
    return {
      slug: `${prefix}-${i}`, name: `${prefix} ${i}`, description: "", team: `team-${i % 20}`, owner: "", service: s.service, operation: s.spanName, operationMatch: "exact",
      spanKind: null, extraMatchers: [], thresholdSeconds: h.boundsSeconds[5 + (i % 6)], objective: 0.99, window,
      countErrorsAsBad: i % 3 === 0, minEvents: 0, datasourceId: prefix === "rec" ? dsRec.id : ds.id, status: "active",
    };
  };
  t0 = performance.now();
  await db.slo.createMany({ data: Array.from({ length: RAW_SLOS }, (_, i) => sloColumns(input(i, "raw", windows[i % windows.length]))) });
  console.log(`catalogue: ${RAW_SLOS} SLOs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // --- 1. Raw path: overview vs Prometheus alone on the same requests. ---
  const recorded: { url: string; init: RequestInit }[] = [];
  const realFetch = globalThis.fetch;
  let recording = false;
  // The most requests the recorded overview had in flight at once (until each answer's body was
  // read): the replay sends the same requests at that concurrency.
  let inFlight = 0;
  let mostInFlight = 0;
  // BENCH_TIMELINE=1: when each request of one overview was sent and answered (ms from its start).
  const timeline: { label: string; from: number; to: number }[] = [];
  let timelineStart = 0;
  globalThis.fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    if (!recording) return realFetch(url, init);
    const entry = { url: String(url), init: { method: init?.method, headers: init?.headers, body: init?.body } };
    recorded.push(entry);
    const from = performance.now() - timelineStart;
    mostInFlight = Math.max(mostInFlight, ++inFlight);
    let res: Response;
    try {
      res = await realFetch(url, init);
    } catch (e) {
      inFlight--;
      throw e;
    }
    const body = await res.arrayBuffer().finally(() => inFlight--);
    timeline.push({ label: requestLabel(entry), from, to: performance.now() - timelineStart });
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  }) as typeof fetch;
  const printTimeline = (total: number) => {
    console.log(`   timeline of that overview (${total.toFixed(0)} ms), request by request:`);
    for (const t of timeline.sort((a, b) => a.from - b.from)) console.log(`     ${t.from.toFixed(0).padStart(5)} → ${t.to.toFixed(0).padStart(5)} ms  ${t.label.slice(0, 110)}`);
    timeline.length = 0;
  };
  let lastReplay: Awaited<ReturnType<typeof replay>> = [];
  if (PARTS.has("raw")) {
    await overview({}, { atSeconds: at }); // warm-up: page cache, Prisma pool, RE2 compilation
    recording = true;
    mostInFlight = 0;
    timelineStart = performance.now();
    const warm = await overview({}, { atSeconds: at });
    recording = false;
    const rawConcurrency = mostInFlight;
    if (process.env.BENCH_TIMELINE) printTimeline(performance.now() - timelineStart);
    else timeline.length = 0;
    const paths = countBy(warm.slos.map((s) => s.path));
    console.log(`\n1. raw path, ${warm.slos.length} SLOs (${JSON.stringify(paths)}), ${recorded.length} backend requests per overview`);
    const overviewRuns: number[] = [];
    const promRuns: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      t0 = performance.now();
      await overview({}, { atSeconds: at });
      overviewRuns.push(performance.now() - t0);
      t0 = performance.now();
      lastReplay = await replay(realFetch, recorded, rawConcurrency);
      promRuns.push(performance.now() - t0);
    }
    if (process.env.BENCH_PROFILE) await cpuProfile(`${process.env.BENCH_PROFILE}.raw`, "raw", () => overview({}, { atSeconds: at }));
    const o = median(overviewRuns);
    const p = median(promRuns);
    console.log(`   overview median ${secs(o)} (runs ${overviewRuns.map((x) => x.toFixed(0)).join(", ")} ms); Prometheus alone, same requests, ${rawConcurrency} at a time (the overview's most in flight): ${secs(p)}; ratio ${(o / p).toFixed(2)}x`);
    console.log(`   slowest requests of the last replay:\n${slowest(lastReplay, 5)}`);
  }

  // --- 2. Recorded path: 10,000 SLOs. ---
  await db.slo.deleteMany({});
  t0 = performance.now();
  const recWindows: CreateSloInput["window"][] = [{ kind: "rolling", days: 28 }, { kind: "rolling", days: 7 }, { kind: "rolling", days: 30 }];
  for (let k = 0; k < RECORDED_SLOS; k += 2000)
    await db.slo.createMany({ data: Array.from({ length: Math.min(2000, RECORDED_SLOS - k) }, (_, j) => sloColumns(input(k + j, "rec", recWindows[(k + j) % 3]))) });
  console.log(`\n2. recorded path: catalogue of ${RECORDED_SLOS} SLOs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  recorded.length = 0;
  recording = true;
  mostInFlight = 0;
  timelineStart = performance.now();
  await overview({}, { atSeconds: at });
  recording = false;
  const recConcurrency = mostInFlight;
  if (process.env.BENCH_TIMELINE) printTimeline(performance.now() - timelineStart);
  else timeline.length = 0;
  const recRuns: number[] = [];
  const recPromRuns: number[] = [];
  let last = null as Awaited<ReturnType<typeof overview>> | null;
  for (let r = 0; r < ROUNDS; r++) {
    t0 = performance.now();
    last = await overview({}, { atSeconds: at });
    recRuns.push(performance.now() - t0);
    t0 = performance.now();
    lastReplay = await replay(realFetch, recorded, recConcurrency);
    recPromRuns.push(performance.now() - t0);
  }
  if (process.env.BENCH_TRY) {
    // Alternative spellings of the recorded path's heaviest requests, timed alone (median of 3).
    const plan = { start: at - 27 * TREND_STEP_SECONDS, end: at, step: TREND_STEP_SECONDS };
    const tries: [string, Record<string, string>][] = [
      ["query_range", { query: `max by (sightline_slo) (${trendSliName(TREND_STEP_SECONDS)})`, start: String(plan.start), end: String(plan.end), step: String(plan.step) }],
      ["query_range", { query: trendSliName(TREND_STEP_SECONDS), start: String(plan.start), end: String(plan.end), step: String(plan.step) }],
      ["query", { query: `max by (sightline_slo, burn_window, burn_severity) (${WORST_BURN})`, time: String(at) }],
      ["query", { query: WORST_BURN, time: String(at) }],
      ["query", { query: `max by (sightline_slo) (${increaseName("good", 28 * DAY)})`, time: String(at) }],
      ["query", { query: increaseName("good", 28 * DAY), time: String(at) }],
    ];
    for (const [api, params] of tries) {
      const runs: number[] = [];
      let bytes = 0;
      for (let k = 0; k < 3; k++) {
        t0 = performance.now();
        bytes = (await (await realFetch(`${promRec.url}/api/v1/${api}`, { method: "POST", body: new URLSearchParams(params) })).text()).length;
        runs.push(performance.now() - t0);
      }
      console.log(`   try: ${median(runs).toFixed(0).padStart(5)} ms ${(bytes / 1024).toFixed(0).padStart(6)} kB  ${api} ${params.query}`);
    }
  }
  if (process.env.BENCH_PROFILE) await cpuProfile(process.env.BENCH_PROFILE, "recorded", () => overview({}, { atSeconds: at }));
  const g = last!.groups.find((x) => x.path === "recorded");
  console.log(`   ${last!.slos.length} SLOs (${JSON.stringify(countBy(last!.slos.map((s) => s.path)))}), ${g?.queries.length} requests, backend ${g?.backendMs} ms; overview median ${secs(median(recRuns))} (runs ${recRuns.map((x) => x.toFixed(0)).join(", ")} ms); Prometheus alone, the same ${recorded.length} requests, ${recConcurrency} at a time (the overview's most in flight): ${secs(median(recPromRuns))} (runs ${recPromRuns.map((x) => x.toFixed(0)).join(", ")} ms)`);
  console.log(`   slowest requests of the last replay:\n${slowest(lastReplay, 8)}`);
  for (const x of last!.groups.filter((y) => y.problem)) console.log(`   problem (${x.path}, ${x.sloCount} SLOs): ${x.problem}`);
  for (const w of last!.warnings.slice(0, 3)) console.log(`   warning: ${w}`);
  const { rss, heapUsed } = process.memoryUsage();
  console.log(`   bench process after the runs: RSS ${(rss / 1048576).toFixed(0)} MB (heap ${(heapUsed / 1048576).toFixed(0)} MB; holds the generated history too)`);

  // --- 3. Peak RSS of a process serving the 10,000-SLO overview, 4 at a time. ---
  await disconnectDb();
  console.log("");
  for (const conc of PARTS.has("memory") ? ["1", "4"] : []) {
    const childOut = await runChild({ BENCH_OVERVIEW_CHILD: "1", BENCH_AT: String(at), BENCH_N: conc === "1" ? "5" : "20", BENCH_C: conc, DATABASE_URL: pg.url });
    const lastLine = childOut.trim().split("\n").pop() ?? "";
    if (!lastLine.startsWith("{")) {
      console.log(`3. child process (${conc} at a time) printed no figure: ${JSON.stringify(childOut.slice(-300))}`);
      continue;
    }
    const c = JSON.parse(lastLine);
    const pk = c.peak as Record<string, number>;
    console.log(`3. child process serving ${c.n} overviews of ${c.slos} SLOs, ${c.c} at a time: peak RSS ${c.maxRssMb.toFixed(0)} MB (RSS at the end ${c.rssMb.toFixed(0)} MB), ${(c.wallMs / c.n).toFixed(0)} ms per overview under that load`);
    console.log(`   before the first overview (modules loaded): RSS ${c.baseline.rssMb.toFixed(0)} MB, JS heap used ${c.baseline.heapUsedMb.toFixed(0)} MB`);
    console.log(`   peaks: JS heap used ${pk.heapUsedMb.toFixed(0)} MB of ${pk.heapTotalMb.toFixed(0)} MB, external ${pk.externalMb.toFixed(0)} MB (array buffers ${pk.arrayBuffersMb.toFixed(0)} MB)`);
  }
  // --- 4. The same under the real server: `next start` (production build) on the bench database. ---
  if (PARTS.has("server")) {
    const { ensureBuild, startAppServer } = await import("@/tests/helpers/app-server");
    await ensureBuild();
    // BENCH_SERVER_NODE_OPTIONS: NODE_OPTIONS for the server (e.g. a V8 heap limit to try).
    const nodeOptions: Record<string, string> = process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {};
    const app = await startAppServer({ databaseUrl: pg.url, env: { SIGHTLINE_AUTH: "demo", SIGHTLINE_SECRET_KEY: process.env.SIGHTLINE_SECRET_KEY!, ...nodeOptions } });
    if (process.env.BENCH_SERVER_NODE_OPTIONS) console.log(`4. next start with NODE_OPTIONS=${process.env.BENCH_SERVER_NODE_OPTIONS}`);
    try {
      const get = async () => {
        const res = await realFetch(`${app.baseUrl}/api/overview?at=${at}`);
        const body = await res.text();
        if (res.status !== 200) throw new Error(`GET /api/overview: HTTP ${res.status} ${body.slice(0, 300)}`);
        return (JSON.parse(body) as { slos: unknown[] }).slos.length;
      };
      const idle = groupRssMb(app.pid);
      await get(); // warm-up: route compilation caches, Prisma pool
      for (const conc of [1, 4]) {
        const n = conc === 1 ? 5 : 20;
        let peakMb = 0;
        const sampler = setInterval(() => (peakMb = Math.max(peakMb, groupRssMb(app.pid))), 20);
        let done = 0;
        let slos = 0;
        const t = performance.now();
        await Promise.all(Array.from({ length: conc }, async () => {
          while (done < n) {
            done++;
            slos = await get();
          }
        }));
        clearInterval(sampler);
        console.log(`4. next start serving ${n} overviews of ${slos} SLOs, ${conc} at a time: peak RSS ${peakMb.toFixed(0)} MB (sampled every 20 ms; ${idle.toFixed(0)} MB idle after start), ${((performance.now() - t) / n).toFixed(0)} ms per overview under that load`);
      }
    } finally {
      await app.stop();
    }
  }

  console.log(`\nload average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  await pg.stop();
  await prom.stop();
  await promRec.stop();
}

/** A CPU profile of two runs of `fn` (open the file in Chrome DevTools, Performance tab). */
async function cpuProfile(file: string, what: string, fn: () => Promise<unknown>): Promise<void> {
  const { Session } = await import("node:inspector/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  for (let r = 0; r < 2; r++) await fn();
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  const { writeFile } = await import("node:fs/promises");
  await writeFile(file, JSON.stringify(profile));
  console.log(`   CPU profile of two ${what} overviews written to ${file}`);
}

/** RSS of a process and every process in its process group (next start and any worker), in MB. */
function groupRssMb(pid: number): number {
  let kb = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command (which may hold spaces) start after its closing parenthesis.
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (Number(entry) !== pid && pgrp !== pid) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      // Gone between listing and reading.
    }
  }
  return kb / 1024;
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

/** Replays the requests `n` at a time; returns each one's time and answer size (in request order). */
async function replay(f: typeof fetch, reqs: { url: string; init: RequestInit }[], n: number): Promise<{ label: string; ms: number; bytes: number }[]> {
  let next = 0;
  const out: { label: string; ms: number; bytes: number }[] = [];
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < reqs.length) {
      const i = next++;
      const r = reqs[i];
      const t = performance.now();
      const body = await (await f(r.url, r.init)).text();
      out[i] = { label: requestLabel(r), ms: performance.now() - t, bytes: body.length };
    }
  }));
  return out;
}

/** The request's path and its query (from the URL or the form body), for the slowest-requests list. */
function requestLabel(r: { url: string; init: RequestInit }): string {
  const u = new URL(r.url);
  const params = new URLSearchParams(typeof r.init.body === "string" ? r.init.body : u.search);
  const q = params.get("query") ?? params.getAll("match[]").join(" ") ?? "";
  return `${u.pathname.replace(/^.*\/api\/v1\//, "")} ${q.slice(0, 90)}`;
}

function slowest(runs: { label: string; ms: number; bytes: number }[], k: number): string {
  return [...runs].sort((a, b) => b.ms - a.ms).slice(0, k).map((x) => `     ${x.ms.toFixed(0).padStart(5)} ms ${(x.bytes / 1024).toFixed(0).padStart(6)} kB  ${x.label}`).join("\n");
}

function runChild(env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    // BENCH_CHILD_FLAGS: extra node flags for the serving process (e.g. V8 heap settings to try).
    const flags = (process.env.BENCH_CHILD_FLAGS ?? "").split(" ").filter(Boolean);
    const p = spawn(process.execPath, [...flags, ...process.execArgv, process.argv[1]], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.on("error", reject);
    // A failed child is reported beside the other figures, not a crash of the whole bench.
    p.on("exit", (code, signal) => resolve(code === 0 ? out : `${out}\nchild exited with ${signal ?? `code ${code}`}`));
  });
}

/**
 * The series the recorded path reads (docs/overview.md), for `n` SLOs `rec-<i>` whose windows follow
 * the bench catalogue (28, 7, 30 days round-robin): good and total over the window and the worst
 * burn rate at `at`, and the 6-hour SLI at the trend's 28 steps. Plausible values, not evaluated
 * rules: this measures reading, the truth test (overview-recorded.test.ts) proves the numbers.
 */
async function writeRecorded(file: string, n: number, at: number): Promise<number> {
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, "drain");
  };
  let series = 0;
  const recWindow = (i: number) => [28, 7, 30][i % 3] * DAY;
  const labelsOf = (i: number, extra = "") => `{sightline_slo="rec-${i}",service="${SERIES[i % SERIES.length].service}",team="team-${i % 20}"${extra}}`;
  const family = async (name: string, line: (i: number) => string | null) => {
    await write(`# TYPE ${name} gauge\n`);
    for (let i = 0; i < n; i++) {
      const l = line(i);
      if (l === null) continue;
      await write(l);
      series++;
    }
  };
  for (const sec of [7, 28, 30].map((d) => d * DAY))
    for (const kind of ["good", "total"] as const) {
      const name = increaseName(kind, sec);
      await family(name, (i) => {
        if (recWindow(i) !== sec) return null;
        const total = Math.round(sec * (1 + (i % 7)));
        return `${name}${labelsOf(i)} ${kind === "total" ? total : Math.round(total * (0.985 + (i % 10) / 1000))} ${at}\n`;
      });
    }
  const windows = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"];
  await family(WORST_BURN, (i) => {
    const sev = i % 50 === 0 ? ',burn_severity="page"' : i % 17 === 0 ? ',burn_severity="ticket"' : "";
    return `${WORST_BURN}${labelsOf(i, `,burn_window="${windows[i % 7]}"${sev}`)} ${((i % 40) / 4).toFixed(2)} ${at}\n`;
  });
  const trendName = trendSliName(TREND_STEP_SECONDS);
  await family(trendName, (i) => {
    let line = "";
    for (let k = 0; k < 28; k++) line += `${trendName}${labelsOf(i)} ${(0.98 + ((i + k) % 20) / 1000).toFixed(3)} ${at - (27 - k) * TREND_STEP_SECONDS}\n`;
    return line;
  });
  await write("# EOF\n");
  out.end();
  await once(out, "finish");
  return series;
}
