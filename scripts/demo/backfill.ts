// Writes the demo world's span-metric history into a Prometheus data directory with
// `promtool tsdb create-blocks-from openmetrics`, one OpenMetrics file per chunk of time so
// promtool's memory stays bounded (it holds a whole block in memory) and files stay small.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { once } from "node:events";
import type { Aggregator } from "@/lib/demo/aggregate";
import { historyFamilies, sampleInstants, type ResolutionPlan, type SeriesBank } from "@/lib/demo/history";
import { renderOpenMetricsBackfill } from "@/lib/spanmetrics/render";

export interface BackfillOptions {
  agg: Aggregator;
  bank: SeriesBank;
  toMs: number;
  plan: ResolutionPlan;
  /** Prometheus --storage.tsdb.path. */
  dataDir: string;
  /** Scratch space for the OpenMetrics files (deleted after each chunk). */
  workDir: string;
  /** Write the bank's current values at its start instant too (a fresh history starts at zero). */
  includeStart: boolean;
  promtool?: string;
  /** Time covered by one promtool run. */
  chunkMs?: number;
  log?: (msg: string) => void;
}

export interface BackfillResult {
  samples: number;
  points: number;
  bytes: number;
  /** promtool runs overlap generation, so the two can add up to more than the wall time. */
  seconds: { generate: number; promtool: number };
}

/** promtool re-reads its input once per block: blocks as long as a chunk keep that to one pass. */
const maxBlockHours = (chunkMs: number) => Math.ceil((2 * chunkMs) / 3_600_000);

export async function backfill(opts: BackfillOptions): Promise<BackfillResult> {
  const chunkMs = opts.chunkMs ?? 8 * 86_400_000;
  const instants = sampleInstants(opts.bank.atMs, opts.toMs, opts.plan);
  if (opts.includeStart) instants.unshift(opts.bank.atMs);
  const result: BackfillResult = { samples: 0, points: 0, bytes: 0, seconds: { generate: 0, promtool: 0 } };
  await mkdir(opts.workDir, { recursive: true });
  await mkdir(opts.dataDir, { recursive: true });
  const linesPerPoint = opts.bank.profile.defaultBuckets.length + 4; // buckets + +Inf + count + sum + calls

  // promtool ingests one chunk while the next is generated: two cores, one each.
  let ingesting: Promise<void> = Promise.resolve();
  for (let i = 0; i < instants.length; ) {
    const chunkStart = instants[i];
    let j = i;
    while (j < instants.length && instants[j] < chunkStart + chunkMs) j++;
    const slice = instants.slice(i, j);
    i = j;

    const file = path.join(opts.workDir, `history-${chunkStart}.om`);
    const t0 = performance.now();
    await writeChunk(file, opts, slice);
    result.seconds.generate += (performance.now() - t0) / 1000;
    const size = (await stat(file)).size;
    result.bytes += size;
    const points = slice.length * opts.bank.keys.length;
    result.points += points;
    result.samples += points * linesPerPoint;

    await ingesting;
    ingesting = ingest(file, opts, chunkMs, result).then(() =>
      opts.log?.(
        `  history ${new Date(slice[0]).toISOString()} … ${new Date(slice[slice.length - 1]).toISOString()}: ` +
          `${slice.length} instants, ${(size / 1e6).toFixed(0)} MB`,
      ),
    );
    // Marked handled here (a failure surfaces at the next await), so Node does not abort on it meanwhile.
    ingesting.catch(() => {});
  }
  await ingesting;
  return result;
}

async function ingest(file: string, opts: BackfillOptions, chunkMs: number, result: BackfillResult): Promise<void> {
  const t0 = performance.now();
  await runPromtool(opts.promtool ?? "promtool", [
    "tsdb",
    "create-blocks-from",
    "openmetrics",
    `--max-block-duration=${maxBlockHours(chunkMs)}h`,
    file,
    opts.dataDir,
  ]);
  result.seconds.promtool += (performance.now() - t0) / 1000;
  await rm(file, { force: true });
}

async function writeChunk(file: string, opts: BackfillOptions, instants: number[]): Promise<void> {
  const families = historyFamilies(opts.agg, opts.bank, instants);
  const out = createWriteStream(file);
  // Batching the writer's per-series chunks into ~1 MB writes keeps the stream overhead negligible.
  let buf: string[] = [];
  let len = 0;
  for (const chunk of renderOpenMetricsBackfill(families)) {
    buf.push(chunk);
    len += chunk.length;
    if (len > 1 << 20) {
      if (!out.write(buf.join(""))) await once(out, "drain");
      buf = [];
      len = 0;
    }
  }
  out.end(buf.join(""));
  await once(out, "finish");
}

function runPromtool(bin: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`promtool ${args.slice(0, 3).join(" ")} exited ${code}: ${err.trim()}`)),
    );
  });
}
