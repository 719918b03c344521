// Sightline as a user meets it, for e2e tests: `next start` on 127.0.0.1 and a free port,
// backed by a throwaway migrated PostgreSQL (tests/helpers/postgres.ts).
//
//   const app = await startAppServer();   // { baseUrl, databaseUrl, logs(), stop() }
//   ...                                   // drive app.baseUrl with Chromium or fetch
//   await app.stop();                     // in afterAll: stops next, then postgres
//
// The production build is made once when .next/BUILD_ID is missing, or older than the newest
// source file under app/, components/, lib/ or proxy.ts (a stale build would test yesterday's pages).
// E2E_SKIP_BUILD=1 never builds; E2E_FORCE_BUILD=1 always does. Processes side by side build once
// (a lock beside the build directory).
// SIGHTLINE_NEXT_DIST_DIR=.next-<name> builds and serves from its own directory (parallel runs).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { freePort, startTestPostgres, type TestPostgres } from "./postgres";

export interface AppServer {
  baseUrl: string;
  /** next start's process (the leader of its process group). */
  pid: number;
  databaseUrl: string;
  /** Stops only PostgreSQL, leaving next running (outage tests); stop() still cleans up. */
  stopDatabase(): Promise<void>;
  /** The last few KB of next's stdout/stderr, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const NEXT_BIN = path.join(REPO_ROOT, "node_modules", "next", "dist", "bin", "next");
const SOURCE_DIRS = ["app", "components", "lib"];
// Files at the root that change what `next build` makes (proxy.ts runs before every /api route).
const SOURCE_FILES = ["proxy.ts", "next.config.ts"];

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name === "generated" || e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function buildIsCurrent(): boolean {
  const id = path.join(REPO_ROOT, process.env.SIGHTLINE_NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (!existsSync(id)) return false;
  const built = statSync(id).mtimeMs;
  const fileMtime = (f: string) => (existsSync(path.join(REPO_ROOT, f)) ? statSync(path.join(REPO_ROOT, f)).mtimeMs : 0);
  return SOURCE_DIRS.every((d) => newestMtime(path.join(REPO_ROOT, d)) <= built) && SOURCE_FILES.every((f) => fileMtime(f) <= built);
}

function runNext(args: string[], env: NodeJS.ProcessEnv, onOutput?: (chunk: string) => void): ChildProcess {
  const child = spawn(process.execPath, [NEXT_BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Own process group, so stop() reaches any worker next spawns.
    detached: true,
  });
  child.stdout!.on("data", (c) => onOutput?.(String(c)));
  child.stderr!.on("data", (c) => onOutput?.(String(c)));
  return child;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Holds a directory lock next to the build while `fn` runs, so that two test processes started
 * side by side (scripts/test.sh runs two vitest lanes) never run `next build` into the same
 * directory at once: the second waits, then finds the build current. A lock left by a process
 * that died is taken over.
 */
async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = path.join(REPO_ROOT, `${process.env.SIGHTLINE_NEXT_DIST_DIR || ".next"}-build-lock`);
  const owner = path.join(lock, "pid");
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(owner, String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(await readFile(owner, "utf8").catch(() => ""));
      // No pid yet: the holder is between mkdir and writeFile, or died there (then stat is old).
      const stale = pid > 0 ? !pidAlive(pid) : Date.now() - (await stat(lock).catch(() => ({ mtimeMs: 0 }))).mtimeMs > 10_000;
      if (stale) await rm(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

export async function ensureBuild(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD === "1") return;
  if (process.env.E2E_FORCE_BUILD !== "1" && buildIsCurrent()) return;
  await withBuildLock(async () => {
    // Another process may have built while this one waited for the lock.
    if (process.env.E2E_FORCE_BUILD !== "1" && buildIsCurrent()) return;
    let out = "";
    const child = runNext(["build"], { NODE_ENV: "production" }, (c) => (out = (out + c).slice(-8000)));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    if (code !== 0) throw new Error(`next build exited ${code}:\n${out}`);
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

async function waitReady(baseUrl: string, child: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  let last = "";
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited ${child.exitCode}:\n${logs()}`);
    try {
      // The list endpoint touches the database: ready means ready for the test, not just listening.
      const res = await fetch(`${baseUrl}/api/slos?limit=1`, { signal: AbortSignal.timeout(5000) });
      // 401: a signed-in mode (local, oidc) answering; the first signed-in request reaches the database.
      if (res.ok || res.status === 401) return;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 500)}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Sightline did not become ready within 90 s (last answer: ${last}):\n${logs()}`);
}

export interface AppServerOptions {
  /** Extra environment for `next start` (e.g. SIGHTLINE_PUBLIC_URL). */
  env?: Record<string, string>;
  /** Keep all of next's output for logs() instead of the last 8 KB (tests that scan every log line). */
  keepAllLogs?: boolean;
  /** Listen on this port (from freePort()) when the URL must be known first, e.g. an OIDC redirect URI. */
  port?: number;
  /** Serve this migrated database (left running by stop()) instead of a throwaway one (benchmarks). */
  databaseUrl?: string;
}

export async function startAppServer(opts: AppServerOptions = {}): Promise<AppServer> {
  await ensureBuild();
  const own = opts.databaseUrl === undefined;
  const pg: Pick<TestPostgres, "url" | "stop"> = own ? await startTestPostgres() : { url: opts.databaseUrl!, stop: async () => {} };
  const tmpRoot = path.join(REPO_ROOT, "tests", ".tmp");
  await mkdir(tmpRoot, { recursive: true });
  const dataDir = await mkdtemp(path.join(tmpRoot, "app-"));
  let log = "";
  let child: ChildProcess | undefined;
  const stopAll = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child!, "SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (own) await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const port = opts.port ?? (await freePort());
    const baseUrl = `http://127.0.0.1:${port}`;
    child = runNext(
      ["start", "-H", "127.0.0.1", "-p", String(port)],
      {
        NODE_ENV: "production",
        DATABASE_URL: pg.url,
        SIGHTLINE_DATA_DIR: dataDir,
        SIGHTLINE_SECRET_KEY: randomBytes(32).toString("base64"),
        ...opts.env,
      },
      (c) => (log = opts.keepAllLogs ? log + c : (log + c).slice(-8000)),
    );
    const killOnExit = () => killGroup(child!, "SIGKILL");
    process.once("exit", killOnExit);
    await waitReady(baseUrl, child, () => log);
    let stopped: Promise<void> | undefined;
    return {
      baseUrl,
      pid: child.pid!,
      databaseUrl: pg.url,
      stopDatabase: () => pg.stop(),
      logs: () => log,
      stop: () =>
        (stopped ??= (async () => {
          process.off("exit", killOnExit);
          await stopAll();
        })()),
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
