// Throwaway Prometheus for integration tests.
//
//   const prom = await startPrometheus({ openMetrics: text });   // backfilled history, free port
//   const src = createMetricsSource({ baseUrl: prom.url });
//   await prom.stop();                                            // in afterAll (also on failure)
//
// History goes in with `promtool tsdb create-blocks-from openmetrics` before the server starts
// (the text must end with `# EOF`, seconds timestamps). `scrapeTargets` adds scrape jobs, the only
// way exemplars get in. Data lives in a temp dir under tests/.tmp and is removed by stop().
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, rename, rm, stat, writeFile } from "node:fs/promises";
import { freePort } from "./ports";
import path from "node:path";

export const TMP_ROOT = path.resolve(__dirname, "..", ".tmp");

export interface StartPrometheusOptions {
  /** OpenMetrics text to backfill (a trailing `# EOF` is added when missing). */
  openMetrics?: string;
  /** Or a path to an OpenMetrics file to backfill. */
  openMetricsFile?: string;
  /** promtool's --max-block-duration; large values read the file fewer times (TOOLCHAIN-NOTES.md). */
  maxBlockDuration?: string;
  /** host:port targets scraped every `scrapeIntervalSeconds` (default 1). */
  scrapeTargets?: string[];
  scrapeIntervalSeconds?: number;
  /** `rule_files` globs (absolute paths); reload with POST /-/reload (the lifecycle API is on). */
  ruleFiles?: string[];
  /** host:port of Alertmanagers to send alerts to. */
  alertmanagers?: string[];
  extraFlags?: string[];
}

export interface TestPrometheus {
  url: string;
  dataDir: string;
  /** Stops and starts the server on the same port and data directory: it opens every block in the
   * directory at start, where a running server picks up moved-in blocks only on its next reload
   * (about once a minute). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export { freePort };

export function runTool(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c) => (out = (out + c).slice(-8000)));
    child.stderr.on("data", (c) => (out = (out + c).slice(-8000)));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(cmd)} exited ${code}: ${out.slice(-2000)}`))));
  });
}

export interface ManagedProcess {
  child: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

/** Spawns a server binary, keeps the tail of its output, kills it if the test process exits. */
export function spawnManaged(cmd: string, args: string[]): ManagedProcess {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (c) => (log = (log + c).slice(-6000)));
  child.stderr!.on("data", (c) => (log = (log + c).slice(-6000)));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let stopping: Promise<void> | null = null;
  return {
    child,
    log: () => log,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        process.off("exit", killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const hard = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(hard);
          resolve();
        });
        child.kill("SIGTERM");
      })),
  };
}

/** Polls `url` until it answers 200, failing early when the process dies. */
export async function waitHttpOk(url: string, proc: ManagedProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`process exited ${proc.child.exitCode}: ${proc.log().slice(-2000)}`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms: ${proc.log().slice(-2000)}`);
}

function configYaml(opts: StartPrometheusOptions): string {
  const interval = `${opts.scrapeIntervalSeconds ?? 1}s`;
  const jobs = (opts.scrapeTargets ?? []).map(
    (t, i) => `  - job_name: target${i}\n    scrape_interval: ${interval}\n    static_configs:\n      - targets: ["${t}"]\n`,
  );
  const rules = opts.ruleFiles?.length ? `rule_files:\n${opts.ruleFiles.map((f) => `  - ${JSON.stringify(f)}\n`).join("")}` : "";
  const alerting = opts.alertmanagers?.length
    ? `alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [${opts.alertmanagers.map((a) => JSON.stringify(a)).join(", ")}]\n`
    : "";
  return `global:\n  scrape_interval: ${interval}\n  evaluation_interval: 1m\n${rules}${alerting}scrape_configs:\n${jobs.join("") || "  []\n"}`;
}

// Big histories (the truth tests' ~900 MB file, the same in six files) are backfilled once per
// checkout: the blocks promtool made are kept under tests/.tmp/block-cache, keyed by the file's
// content, the block duration and promtool's build, and copied into each new data directory.
const BLOCK_CACHE = path.join(TMP_ROOT, "block-cache");
const CACHE_MIN_BYTES = 16 << 20;

async function fileKey(file: string, ...extra: string[]): Promise<string> {
  const hash = createHash("sha1");
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 22 })) hash.update(chunk as Buffer);
  for (const e of extra) hash.update(`\0${e}`);
  return hash.digest("hex");
}

async function backfill(file: string, dataDir: string, maxBlockDuration: string): Promise<void> {
  const promtool = "/usr/bin/promtool";
  const run = () => runTool(promtool, ["tsdb", "create-blocks-from", "openmetrics", `--max-block-duration=${maxBlockDuration}`, file, dataDir]);
  if ((await stat(file)).size < CACHE_MIN_BYTES) {
    await run();
    return;
  }
  const tool = await stat(promtool);
  const cached = path.join(BLOCK_CACHE, await fileKey(file, maxBlockDuration, String(tool.size), String(tool.mtimeMs)));
  if (!existsSync(cached)) {
    await run();
    // Made aside and renamed into place: a second process backfilling the same file at the same
    // time keeps its own copy and loses the rename harmlessly.
    await mkdir(BLOCK_CACHE, { recursive: true });
    const tmp = await mkdtemp(path.join(BLOCK_CACHE, "tmp-"));
    await cp(dataDir, tmp, { recursive: true });
    await rename(tmp, cached).catch(() => rm(tmp, { recursive: true, force: true }));
    return;
  }
  await cp(cached, dataDir, { recursive: true });
}

export async function startPrometheus(opts: StartPrometheusOptions = {}): Promise<TestPrometheus> {
  await mkdir(TMP_ROOT, { recursive: true });
  const dir = await mkdtemp(path.join(TMP_ROOT, "prom-"));
  const dataDir = path.join(dir, "data");
  try {
    await mkdir(dataDir);
    let file = opts.openMetricsFile;
    if (opts.openMetrics !== undefined) {
      file = path.join(dir, "history.om.txt");
      const text = opts.openMetrics.trimEnd();
      await writeFile(file, text.endsWith("# EOF") ? `${text}\n` : `${text}\n# EOF\n`);
    }
    if (file) await backfill(file, dataDir, opts.maxBlockDuration ?? "744h");
    const configFile = path.join(dir, "prometheus.yml");
    await writeFile(configFile, configYaml(opts));

    let lastError: unknown;
    // The probed port can be taken before Prometheus binds it: try again with another.
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const spawnServer = () =>
        spawnManaged("/usr/bin/prometheus", [
          `--config.file=${configFile}`,
          `--storage.tsdb.path=${dataDir}`,
          "--storage.tsdb.retention.time=100y",
          `--web.listen-address=127.0.0.1:${port}`,
          "--enable-feature=exemplar-storage",
          "--web.enable-lifecycle",
          ...(opts.extraFlags ?? []),
        ]);
      let proc = spawnServer();
      const url = `http://127.0.0.1:${port}`;
      try {
        await waitHttpOk(`${url}/-/ready`, proc);
        let stopped: Promise<void> | null = null;
        return {
          url,
          dataDir,
          restart: async () => {
            await proc.stop();
            proc = spawnServer();
            await waitHttpOk(`${url}/-/ready`, proc);
          },
          stop: () => (stopped ??= proc.stop().then(() => rm(dir, { recursive: true, force: true }))),
        };
      } catch (e) {
        lastError = e;
        await proc.stop();
      }
    }
    throw lastError;
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
