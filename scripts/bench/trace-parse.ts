// Benchmark: parse + normalise of a generated 5,000-span trace (tests/fixtures/traces/generate.ts)
// in each wire format, fetch-free: the answer text through the adapters' own readers
// (lossless JSON parse, OTLP/Jaeger reading, normaliseTrace), median of N runs after warm-up.
// Also prints the zod check of the API's answer (Trace.parse), which the route adds on top, and a
// bare JSON.parse of the same text: a yardstick for how loaded the machine was during the run.
// Wall time and CPU time (process.cpuUsage, user + system) are both printed: on a machine shared
// with other work the wall time includes waiting for a core, the CPU time much less so.
// Target (issue 17): < 200 ms per format.
//
//   npm run bench:trace-parse        # or: BENCH_RUNS=31 BENCH_SPANS=20000 npm run bench:trace-parse
import os from "node:os";
import { performance } from "node:perf_hooks";
import { Trace } from "@/lib/schemas/trace";
import { readJaegerAnswer } from "@/lib/server/traces/jaeger";
import { readTempoAnswer } from "@/lib/server/traces/tempo";
import { generateTrace, jaegerBody, tempoV1Body, tempoV2Body } from "@/tests/fixtures/traces/generate";

const runs = Number(process.env.BENCH_RUNS ?? 15);
const spans = Number(process.env.BENCH_SPANS ?? 5000);
const TARGET_MS = 200;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function main() {
  const g = generateTrace(spans);
  const cfg = { baseUrl: "http://bench:3200", displayName: "bench" };
  const answer = (body: unknown) => ({ status: 200, text: JSON.stringify(body), contentType: "application/json" });
  const formats = [
    ["tempo-v2", answer(tempoV2Body(g)), (a: ReturnType<typeof answer>) => readTempoAnswer(cfg, "tempo-v2", g.traceId, a)],
    ["tempo-v1", answer(tempoV1Body(g)), (a: ReturnType<typeof answer>) => readTempoAnswer(cfg, "tempo-v1", g.traceId, a)],
    ["jaeger", answer(jaegerBody(g)), (a: ReturnType<typeof answer>) => readJaegerAnswer(cfg, g.traceId, a)],
  ] as const;
  console.log(`trace-parse: ${spans} spans, median of ${runs} runs (after 3 warm-up runs), node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  let failed = false;
  for (const [name, a, read] of formats) {
    const parseMs: number[] = [];
    const cpuMs: number[] = [];
    const zodMs: number[] = [];
    const bareMs: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = read(a);
      const t1 = performance.now();
      const c1 = process.cpuUsage(c0);
      if (!r.ok || "fallback" in r) throw new Error(`${name}: no trace read`);
      if (r.value.summary.spanCount !== spans) throw new Error(`${name}: ${r.value.summary.spanCount} spans`);
      Trace.parse(r.value);
      const t2 = performance.now();
      JSON.parse(a.text);
      const t3 = performance.now();
      if (i >= 3) {
        parseMs.push(t1 - t0);
        cpuMs.push((c1.user + c1.system) / 1000);
        zodMs.push(t2 - t1);
        bareMs.push(t3 - t2);
      }
    }
    const m = median(parseMs);
    const cpu = median(cpuMs);
    // Judged on CPU time: the wall time of a run on a shared machine is mostly other work's.
    failed ||= cpu >= TARGET_MS;
    const mib = (Buffer.byteLength(a.text) / 1024 / 1024).toFixed(1);
    console.log(`  ${name.padEnd(9)} ${mib} MiB  parse+normalise ${m.toFixed(1)} ms wall (min ${Math.min(...parseMs).toFixed(1)}), ${cpu.toFixed(1)} ms CPU  + Trace.parse ${median(zodMs).toFixed(1)} ms  (bare JSON.parse ${median(bareMs).toFixed(1)} ms)  ${cpu < TARGET_MS ? "ok" : `OVER ${TARGET_MS} ms`}`);
  }
  if (failed) process.exitCode = 1;
}

main();
