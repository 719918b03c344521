// Runs the embedded PostgreSQL cluster: copies the binaries where the placement says, creates the
// cluster with initdb (into a temp directory renamed into place, so a failed or interrupted first
// run leaves nothing half-made under the real name), starts postgres on 127.0.0.1 with its output
// in a log file, and turns any failure into one line naming cause and fix (diagnose.ts).
import "server-only";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, lstatSync, openSync, readFileSync, statSync } from "node:fs";
import { chown, cp, mkdir, readdir, rename, rm, rmdir, symlink, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { describePgFailure, type PgStartFacts } from "./diagnose";
import type { Placement, RunAs } from "./placement";

/** What initdb leaves in a data directory: a directory holding only these is a failed init. */
const PG_ENTRIES = new Set([
  "base", "global", "pg_commit_ts", "pg_dynshmem", "pg_logical", "pg_multixact", "pg_notify", "pg_replslot", "pg_serial",
  "pg_snapshots", "pg_stat", "pg_stat_tmp", "pg_subtrans", "pg_tblspc", "pg_twophase", "pg_wal", "pg_xact",
  "postgresql.conf", "postgresql.auto.conf", "pg_hba.conf", "pg_ident.conf",
]);

export class EmbeddedPgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedPgError";
  }
}

export interface StartOptions {
  placement: Placement;
  port: number;
  /** Superuser password (user `postgres`). */
  password: string;
  /** The file the password came from, for messages. */
  passwordFile?: string;
  /** The password was made just now: a relocated cluster already there belongs to a deleted data dir. */
  freshPassword?: boolean;
  /** Server log (appended); initdb's output goes there too. */
  logFile: string;
  readyTimeoutMs?: number;
}

export interface RunningCluster {
  child: ChildProcess;
  stop(): Promise<void>;
}

const isSymlink = (p: string) => {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
};

const ids = (runAs?: RunAs) => (runAs ? { uid: runAs.uid, gid: runAs.gid } : {});

async function own(p: string, runAs?: RunAs) {
  if (runAs) await chown(p, runAs.uid, runAs.gid);
}

/** Copies the bundled native/ tree once; a half-made copy from an interrupted run is replaced. */
export async function ensureBinaries(placement: Placement): Promise<void> {
  if (!placement.copyFrom) return;
  const target = path.dirname(placement.binDir);
  if (existsSync(path.join(target, ".complete"))) return;
  const tmp = `${target}.tmp-${process.pid}-${randomBytes(3).toString("hex")}`;
  await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
  await cp(placement.copyFrom, tmp, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  await writeFile(path.join(tmp, ".complete"), `copied from ${placement.copyFrom}\n`);
  await rm(target, { recursive: true, force: true });
  await rename(tmp, target).catch(async (err) => {
    // A concurrent starter renamed its own copy first: use that one.
    await rm(tmp, { recursive: true, force: true });
    if (!existsSync(path.join(target, ".complete"))) throw err;
  });
}

/** Removes what a failed first run can leave behind: our temp dirs and an empty or initdb-only pgDir. */
async function clearLeftovers(pgDir: string): Promise<void> {
  const parent = path.dirname(pgDir);
  const base = path.basename(pgDir);
  for (const e of await readdir(parent).catch(() => [] as string[]))
    if (e.startsWith(`${base}.init-`) || e.startsWith(`${base}.pw-`)) await rm(path.join(parent, e), { recursive: true, force: true });
  if (!existsSync(pgDir) || existsSync(path.join(pgDir, "PG_VERSION"))) return;
  const entries = await readdir(pgDir);
  if (entries.every((e) => PG_ENTRIES.has(e))) await rm(pgDir, { recursive: true, force: true });
  else
    throw new EmbeddedPgError(
      `embedded PostgreSQL: ${pgDir} exists and holds other files (${entries.slice(0, 3).join(", ")}) but no cluster. Fix: move it away, or point SIGHTLINE_DATA_DIR elsewhere`,
    );
}

function run(cmd: string, args: string[], runAs: RunAs | undefined): Promise<{ code: number | null; output: string; spawnError?: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...ids(runAs), cwd: "/", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("error", (err: NodeJS.ErrnoException) => resolve({ code: null, output, spawnError: err }));
    child.on("close", (code) => resolve({ code, output }));
  });
}

async function initialise(opts: StartOptions, facts: Omit<PgStartFacts, "logTail" | "step">): Promise<void> {
  const { placement } = opts;
  const { pgDir, runAs } = placement;
  await mkdir(path.dirname(pgDir), { recursive: true, mode: 0o755 });
  if (placement.link && placement.link !== pgDir && !isSymlink(placement.link)) {
    // An empty or initdb-only directory there is what a failed start of an older version left.
    if (existsSync(placement.link)) await clearLeftovers(placement.link);
    await symlink(pgDir, placement.link);
  }
  await clearLeftovers(pgDir);
  if (existsSync(path.join(pgDir, "PG_VERSION")) && opts.freshPassword && placement.link && placement.link !== pgDir) {
    // Its data dir (and password) were deleted by hand: keep the old cluster aside, start afresh.
    const aside = `${pgDir}.orphaned-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    await rename(pgDir, aside);
    console.warn(`[sightline] ${pgDir} belonged to a deleted ${path.dirname(placement.link)}: moved it to ${aside}`);
  }
  if (existsSync(path.join(pgDir, "PG_VERSION"))) return;

  const suffix = `${process.pid}-${randomBytes(3).toString("hex")}`;
  const initDir = `${pgDir}.init-${suffix}`;
  const pwDir = `${pgDir}.pw-${suffix}`;
  await mkdir(pwDir, { mode: 0o700 });
  await own(pwDir, runAs);
  const pwfile = path.join(pwDir, "pwfile");
  await writeFile(pwfile, `${opts.password}\n`, { mode: 0o600 });
  await own(pwfile, runAs);
  try {
    // initdb accepts an empty directory its user owns: the parent (which may hold the secret key)
    // stays root's.
    await mkdir(initDir, { mode: 0o700 });
    await own(initDir, runAs);
    const r = await run(
      path.join(placement.binDir, "initdb"),
      ["-D", initDir, "-U", "postgres", "--auth=scram-sha-256", `--pwfile=${pwfile}`, "-E", "UTF8", "--locale=C"],
      runAs,
    );
    await writeFile(opts.logFile, `--- ${new Date().toISOString()} initdb\n${r.output}\n`, { flag: "a" }).catch(() => {});
    if (r.code !== 0)
      throw new EmbeddedPgError(
        describePgFailure({ ...facts, step: "initdb", logTail: r.output, spawnError: r.spawnError && { code: r.spawnError.code, path: r.spawnError.path, message: r.spawnError.message } }),
      );
    await rename(initDir, pgDir).catch(async (err) => {
      // Another starter finished its initdb first: keep theirs.
      if (!existsSync(path.join(pgDir, "PG_VERSION"))) throw err;
    });
  } finally {
    await rm(pwDir, { recursive: true, force: true });
    await rm(initDir, { recursive: true, force: true });
  }
}

/** "auth": the server runs but refuses our password (28P01): waiting longer will not help. */
async function probe(url: string): Promise<"ok" | "down" | "auth"> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    return "ok";
  } catch (err) {
    return (err as { code?: string }).code === "28P01" ? "auth" : "down";
  } finally {
    await c.end().catch(() => {});
  }
}

/** The PID in a postmaster.pid whose process is not a postgres (stale after a crash and PID reuse). */
function stalePid(pgDir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n")[0]);
    if (!Number.isInteger(pid) || pid <= 0) return null;
    const comm = existsSync(`/proc/${pid}/comm`) ? readFileSync(`/proc/${pid}/comm`, "utf8").trim() : null;
    return comm === "postgres" ? null : pid;
  } catch {
    return null;
  }
}

function logSince(logFile: string, offset: number): string {
  try {
    return readFileSync(logFile).subarray(offset).toString("utf8").slice(-4000);
  } catch {
    return "";
  }
}

/** Initialises when needed, starts postgres and waits until it accepts a connection. */
export async function startCluster(opts: StartOptions): Promise<RunningCluster> {
  const { placement } = opts;
  const facts = { pgDir: placement.pgDir, binDir: placement.binDir, port: opts.port, runAs: placement.runAs?.name, logFile: opts.logFile };
  await ensureBinaries(placement);
  await mkdir(path.dirname(opts.logFile), { recursive: true });
  await initialise(opts, facts);

  for (let attempt = 0; ; attempt++) {
    const offset = existsSync(opts.logFile) ? statSync(opts.logFile).size : 0;
    const fd = openSync(opts.logFile, "a");
    const child = spawn(
      path.join(placement.binDir, "postgres"),
      ["-D", placement.pgDir, "-p", String(opts.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      { ...ids(placement.runAs), cwd: "/", stdio: ["ignore", fd, fd], env: { ...process.env, LC_ALL: "C" } },
    );
    closeSync(fd);
    let spawnError: NodeJS.ErrnoException | undefined;
    child.on("error", (e) => (spawnError = e));
    const url = `postgresql://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/postgres`;
    const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
    let exited = false;
    child.once("exit", () => (exited = true));
    let state: "ok" | "down" | "auth" = "down";
    while (!exited && !spawnError && Date.now() < deadline && (state = await probe(url)) === "down") await new Promise((r) => setTimeout(r, 100));
    if (state === "auth") {
      await stopChild(child);
      throw new EmbeddedPgError(
        `embedded PostgreSQL (${placement.pgDir}, port ${opts.port}) refuses the password in ${opts.passwordFile ?? "pg.password"}: the cluster was created with another one (the password file was deleted or replaced). Fix: restore that file, or reset the cluster (npm run demo -- --reset, or delete ${placement.pgDir})`,
      );
    }
    if (state === "ok") {
      // The server outlives neither a normal exit nor a crash of this process's event loop.
      const killOnExit = () => child.kill("SIGINT");
      process.once("exit", killOnExit);
      return {
        child,
        stop: () => {
          process.off("exit", killOnExit);
          return stopChild(child);
        },
      };
    }
    await stopChild(child);
    const logTail = logSince(opts.logFile, offset);
    // A postmaster.pid naming a process that is not a postgres is stale (crash, then PID reuse).
    const stale = stalePid(placement.pgDir);
    if (attempt === 0 && stale !== null && /postmaster\.pid/.test(logTail)) {
      await unlink(path.join(placement.pgDir, "postmaster.pid")).catch(() => {});
      continue;
    }
    throw new EmbeddedPgError(
      describePgFailure({
        ...facts,
        step: exited || spawnError ? "start" : "ready",
        logTail: spawnError ? logTail : logTail || "it did not accept connections in time",
        spawnError: spawnError && { code: spawnError.code, path: spawnError.path, message: spawnError.message },
      }),
    );
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    // SIGINT = fast shutdown: open sessions are aborted instead of waited for.
    child.kill("SIGINT");
  });
}

/** Deletes the embedded cluster (following a relocation symlink). For `--reset`. */
export async function removeCluster(placement: Pick<Placement, "pgDir" | "link">): Promise<void> {
  await rm(placement.pgDir, { recursive: true, force: true });
  if (placement.link) await unlink(placement.link).catch(() => {});
  await rmdir(path.dirname(placement.pgDir)).catch(() => {});
}
