// The demo's persistent facts under .data/demo/<profile>/: which history the Prometheus data
// directory holds (manifest) and where the span-metric counters stand (state), so a re-run reuses
// the history and the live producer continues the counters instead of resetting them.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { KNOWN_PROFILES, type ProducerProfile } from "@/lib/promql/profiles";
import { newHistogramState } from "@/lib/spanmetrics/state";
import type { SeriesBank } from "@/lib/demo/history";

/** Bump when the world model or history layout changes: older data is then rebuilt. */
export const HISTORY_FORMAT = 4;

export const Manifest = z.object({
  format: z.number().int(),
  seed: z.string(),
  profile: z.string(),
  anchorMs: z.number(),
  historyStartMs: z.number(),
  resolution: z.object({ fineStepMs: z.number(), coarseStepMs: z.number(), fineSpanMs: z.number() }),
});
export type Manifest = z.infer<typeof Manifest>;

const SeriesKeySchema = z.object({
  service: z.string(),
  spanName: z.string(),
  spanKind: z.enum(["SPAN_KIND_SERVER", "SPAN_KIND_CLIENT", "SPAN_KIND_INTERNAL"]),
  statusCode: z.enum(["STATUS_CODE_UNSET", "STATUS_CODE_ERROR"]),
});

const BankFile = z.object({
  profile: z.string(),
  atMs: z.number(),
  series: z.array(z.object({ key: SeriesKeySchema, perBucket: z.array(z.number().int().nonnegative()), sum: z.number() })),
});

export interface DemoPaths {
  root: string;
  prometheusData: string;
  work: string;
  manifest: string;
  state: string;
}

export function demoPaths(dataRoot: string, profile: ProducerProfile): DemoPaths {
  const root = path.join(dataRoot, profile.id);
  return {
    root,
    prometheusData: path.join(root, "prometheus"),
    work: path.join(root, "work"),
    manifest: path.join(root, "manifest.json"),
    state: path.join(root, "counters.json"),
  };
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** Write-then-rename, so a crash mid-write never leaves half a file behind. */
async function writeAtomic(file: string, body: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, body);
  await rename(tmp, file);
}

export async function readManifest(file: string): Promise<Manifest | undefined> {
  const r = Manifest.safeParse(await readJson(file));
  return r.success ? r.data : undefined;
}

export const writeManifest = (file: string, m: Manifest) => writeAtomic(file, JSON.stringify(m, null, 2));

export function serializeBank(bank: SeriesBank): string {
  return JSON.stringify({
    profile: bank.profile.id,
    atMs: bank.atMs,
    series: bank.keys.map((key, i) => ({ key, perBucket: bank.states[i].perBucket, sum: bank.states[i].sum })),
  });
}

export const writeBank = (file: string, bank: SeriesBank) => writeAtomic(file, serializeBank(bank));

export function writeBankSync(file: string, bank: SeriesBank): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, serializeBank(bank));
  renameSync(tmp, file);
}

/** The saved counters, or undefined when missing, corrupt or for another bucket layout. */
export async function readBank(file: string, profile: ProducerProfile): Promise<SeriesBank | undefined> {
  const r = BankFile.safeParse(await readJson(file));
  if (!r.success || r.data.profile !== profile.id) return undefined;
  const width = profile.defaultBuckets.length + 1;
  if (r.data.series.some((s) => s.perBucket.length !== width)) return undefined;
  return {
    profile,
    atMs: r.data.atMs,
    keys: r.data.series.map((s) => s.key),
    states: r.data.series.map((s) => {
      const st = newHistogramState(profile.defaultBuckets);
      s.perBucket.forEach((n, i) => (st.perBucket[i] = n));
      st.sum = s.sum;
      return st;
    }),
  };
}

export function profileById(id: string): ProducerProfile {
  const p = KNOWN_PROFILES.find((x) => x.id === id);
  if (!p) throw new Error(`unknown profile ${id} (tempo or otel)`);
  return p;
}
