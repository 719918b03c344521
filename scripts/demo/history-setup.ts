// Makes sure the Prometheus data directory holds the demo history up to about now, and returns the
// counters the live producer continues from. Three cases:
//   - nothing usable (first run, other world/format, gap too long): build 30 days from scratch;
//   - same history, stopped for a while: backfill only the gap, continuing the saved counters;
//   - same history, stopped moments ago: nothing to write, the live producer fills the seconds.
import { rm } from "node:fs/promises";
import { createAggregator, type Aggregator } from "@/lib/demo/aggregate";
import { boundsInMs, DEFAULT_RESOLUTION, newSeriesBank, type SeriesBank } from "@/lib/demo/history";
import type { World } from "@/lib/demo/types";
import type { ProducerProfile } from "@/lib/promql/profiles";
import { backfill, type BackfillResult } from "./backfill";
import { hasBlocks } from "./prometheus";
import { HISTORY_FORMAT, readBank, readManifest, writeBank, writeManifest, type DemoPaths, type Manifest } from "./state";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export interface HistoryOptions {
  world: World;
  seed: string;
  profile: ProducerProfile;
  paths: DemoPaths;
  promtool: string;
  historyDays: number;
  /** Force a rebuild even when the data directory holds the same history. */
  rebuild?: boolean;
  now?: () => number;
  log: (m: string) => void;
}

export interface HistoryOutcome {
  bank: SeriesBank;
  manifest: Manifest;
  action: "built" | "caught-up" | "reused";
  backfill?: BackfillResult;
  /** Seconds spent building the latency model (Monte Carlo over request trees). */
  modelSeconds?: number;
}

/** Gaps longer than this are cheaper to rebuild than to bridge, and the events would be stale. */
const MAX_GAP_MS = 14 * DAY_MS;
/** Shorter gaps are simulated span by span by the live producer (its catch-up limit). */
const LIVE_CATCH_UP_MS = 10 * MINUTE_MS;

export async function ensureHistory(opts: HistoryOptions): Promise<HistoryOutcome> {
  const now = opts.now ?? Date.now;
  const { paths, profile } = opts;
  const manifest = await readManifest(paths.manifest);
  const bank = await readBank(paths.state, profile);
  const same =
    !opts.rebuild &&
    manifest !== undefined &&
    manifest.format === HISTORY_FORMAT &&
    manifest.seed === opts.seed &&
    manifest.profile === profile.id &&
    manifest.anchorMs - manifest.historyStartMs === opts.historyDays * DAY_MS &&
    bank !== undefined &&
    hasBlocks(paths.prometheusData);

  if (same && now() - bank.atMs <= LIVE_CATCH_UP_MS) return { bank, manifest, action: "reused" };

  if (same && now() - bank.atMs <= MAX_GAP_MS) {
    opts.log(`history is ${Math.round((now() - bank.atMs) / MINUTE_MS)} min behind: backfilling the gap`);
    const { agg, seconds } = aggregator(opts, manifest.anchorMs);
    const result = await bridge(opts, agg, bank, false, now);
    return { bank, manifest, action: "caught-up", backfill: result, modelSeconds: seconds };
  }

  // A fresh world: its anchor ("now" of its history) places the regression and incident in the past.
  await rm(paths.root, { recursive: true, force: true });
  const anchorMs = Math.floor(now() / MINUTE_MS) * MINUTE_MS;
  const historyStartMs = anchorMs - opts.historyDays * DAY_MS;
  const fresh: Manifest = { format: HISTORY_FORMAT, seed: opts.seed, profile: profile.id, anchorMs, historyStartMs, resolution: DEFAULT_RESOLUTION };
  const { agg, seconds } = aggregator(opts, anchorMs);
  const newBank = newSeriesBank(profile, agg.keys, historyStartMs);
  const result = await bridge(opts, agg, newBank, true, now);
  // The manifest goes last: an interrupted build is rebuilt, never mistaken for a complete one.
  await writeManifest(paths.manifest, fresh);
  return { bank: newBank, manifest: fresh, action: "built", backfill: result, modelSeconds: seconds };
}

function aggregator(opts: HistoryOptions, anchorMs: number): { agg: Aggregator; seconds: number } {
  const t0 = performance.now();
  const agg = createAggregator(opts.world, { seed: opts.seed, anchorMs, boundsMs: boundsInMs(opts.profile) });
  return { agg, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Backfills from the bank's instant to the last whole minute, then again for the minutes that
 * took (a month takes a while), and saves the counters for the live producer.
 */
async function bridge(opts: HistoryOptions, agg: Aggregator, bank: SeriesBank, includeStart: boolean, now: () => number): Promise<BackfillResult> {
  const total: BackfillResult = { samples: 0, points: 0, bytes: 0, seconds: { generate: 0, promtool: 0 } };
  for (let round = 0; round < 3; round++) {
    const toMs = Math.floor(now() / MINUTE_MS) * MINUTE_MS;
    if (toMs - bank.atMs < 2 * MINUTE_MS && round > 0) break;
    if (toMs <= bank.atMs) break;
    const r = await backfill({
      agg,
      bank,
      toMs,
      plan: DEFAULT_RESOLUTION,
      dataDir: opts.paths.prometheusData,
      workDir: opts.paths.work,
      includeStart: includeStart && round === 0,
      promtool: opts.promtool,
      log: opts.log,
    });
    total.samples += r.samples;
    total.points += r.points;
    total.bytes += r.bytes;
    total.seconds.generate += r.seconds.generate;
    total.seconds.promtool += r.seconds.promtool;
  }
  await writeBank(opts.paths.state, bank);
  await rm(opts.paths.work, { recursive: true, force: true });
  return total;
}
