// Offline migration runner: applies prisma/migrations/*/migration.sql and records them in
// `_prisma_migrations` exactly as `prisma migrate deploy` does, because the Prisma 7 schema engine
// cannot be downloaded here. A database migrated by either tool is accepted by the other.
//
// Deliberately no `import "server-only"`: CLI scripts (tsx) and test helpers import it outside
// Next.js; it pulls in `pg` and `fs`, so it cannot end up in a browser bundle unnoticed anyway.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/** The same key `prisma migrate` locks on, so our runner and Prisma's never interleave. */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

// Column set and types copied from the table the Prisma schema engine creates.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export const defaultMigrationsDir = () => path.join(process.cwd(), "prisma", "migrations");

export interface LocalMigration {
  name: string;
  sql: string;
  /** sha256 (hex) of the file bytes, as Prisma stores it. */
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration?: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

export async function readMigrations(dir = defaultMigrationsDir()): Promise<LocalMigration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  // Prisma orders by directory name; the timestamp prefix makes that chronological.
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const out: LocalMigration[] = [];
  for (const name of names) {
    const bytes = await readFile(path.join(dir, name, "migration.sql")).catch(() => null);
    if (!bytes) throw new MigrationError(`migration ${name} has no migration.sql`, name);
    out.push({ name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") });
  }
  return out;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies pending migrations, each in its own transaction, under Prisma's advisory lock.
 * Idempotent. Refuses (MigrationError, nothing applied) when an applied migration was edited,
 * an earlier run failed half-way, or the database has migrations this checkout does not know.
 */
export async function migrate(
  databaseUrl: string,
  opts: { migrationsDir?: string; log?: (line: string) => void } = {},
): Promise<MigrateResult> {
  const local = await readMigrations(opts.migrationsDir);
  const log = opts.log ?? (() => {});
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
      );
      const applied = checkHistory(local, rows);
      const pending = local.filter((m) => !applied.has(m.name));
      for (const m of pending) {
        await applyOne(client, m);
        log(`applied ${m.name}`);
      }
      return { applied: pending.map((m) => m.name), alreadyApplied: [...applied] };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

/** Returns the names of successfully applied migrations after checking the history is sane. */
function checkHistory(local: LocalMigration[], rows: AppliedRow[]): Set<string> {
  const byName = new Map(local.map((m) => [m.name, m]));
  const done = new Set<string>();
  for (const row of rows) {
    if (row.rolled_back_at) continue;
    if (!row.finished_at)
      throw new MigrationError(
        `migration ${row.migration_name} failed earlier and was never resolved; fix the database, then mark it rolled back`,
        row.migration_name,
      );
    const mine = byName.get(row.migration_name);
    if (!mine)
      throw new MigrationError(
        `the database has migration ${row.migration_name}, which this checkout does not know (newer code ran against it?)`,
        row.migration_name,
      );
    if (mine.checksum !== row.checksum)
      throw new MigrationError(
        `migration ${row.migration_name} was edited after it was applied (checksum ${row.checksum} in the database, ${mine.checksum} on disk); add a new migration instead`,
        row.migration_name,
      );
    done.add(row.migration_name);
  }
  return done;
}

async function applyOne(client: pg.Client, m: LocalMigration) {
  const id = randomUUID();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
      [id, m.checksum, m.name],
    );
    // Simple-query protocol (no parameters) so a file with many statements runs as written.
    await client.query(m.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    const reason = err instanceof Error ? err.message : String(err);
    throw new MigrationError(`migration ${m.name} failed and was rolled back: ${reason}`, m.name);
  }
}
