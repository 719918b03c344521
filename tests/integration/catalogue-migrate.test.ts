// The offline migration runner against a real PostgreSQL: records history like `prisma migrate
// deploy`, is idempotent, and refuses edited or unknown migrations without touching the schema.
import { cp, mkdtemp, rm, writeFile, appendFile, mkdir } from "node:fs/promises";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, MigrationError, readMigrations } from "@/lib/server/migrate";
import { startTestPostgres, type TestPostgres } from "@/tests/helpers/postgres";

let db: TestPostgres;
let scratch: string;

beforeAll(async () => {
  db = await startTestPostgres({ migrate: false });
  await mkdir(path.resolve("tests/.tmp"), { recursive: true });
  scratch = await mkdtemp(path.resolve("tests/.tmp/migrations-"));
});
afterAll(async () => {
  await db?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

describe("migrate", () => {
  it("applies every migration once and records it like prisma migrate deploy", async () => {
    const local = await readMigrations();
    expect(local.length).toBeGreaterThan(0);

    const first = await migrate(db.url);
    expect(first.applied).toEqual(local.map((m) => m.name));

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; id: string }>(
      `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    for (const [i, r] of rows.entries()) {
      const file = readFileSync(path.resolve("prisma/migrations", r.migration_name, "migration.sql"));
      expect(r.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(r.checksum).toBe(local[i].checksum);
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r.applied_steps_count).toBe(1);
      expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
    }

    const cols = await query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(cols.map((c) => c.column_name)).toEqual([
      "id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count",
    ]);

    const tables = await query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    // Every model of schema.prisma has its table (names from the schema, so a new model needs no edit here).
    const models = [...readFileSync(path.join(__dirname, "..", "..", "prisma", "schema.prisma"), "utf8").matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
    expect(models.length).toBeGreaterThan(3);
    expect(tables.map((t) => t.table_name)).toEqual([...models, "_prisma_migrations"].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("is idempotent, also when two runners race", async () => {
    const [a, b] = await Promise.all([migrate(db.url), migrate(db.url)]);
    expect(a.applied).toEqual([]);
    expect(b.applied).toEqual([]);
    const [{ n }] = await query<{ n: string }>(`SELECT count(*) AS n FROM "_prisma_migrations"`);
    expect(Number(n)).toBe((await readMigrations()).length);
  });

  it("refuses when an applied migration was edited, and applies nothing", async () => {
    const dir = path.join(scratch, "edited");
    await cp(path.resolve("prisma/migrations"), dir, { recursive: true });
    const [first] = await readMigrations(dir);
    await appendFile(path.join(dir, first.name, "migration.sql"), "\n-- edited\n");
    await mkdir(path.join(dir, "29990101000000_later"));
    await writeFile(path.join(dir, "29990101000000_later", "migration.sql"), `CREATE TABLE "ShouldNotExist" (id int);`);

    const err = await migrate(db.url, { migrationsDir: dir }).catch((e) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect(err.message).toMatch(/edited after it was applied/);
    expect(await query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'ShouldNotExist'`)).toHaveLength(0);
  });

  it("applies a new migration, and rolls back a failing one without recording it", async () => {
    const dir = path.join(scratch, "more");
    await cp(path.resolve("prisma/migrations"), dir, { recursive: true });
    await mkdir(path.join(dir, "29990101000000_good"));
    await writeFile(path.join(dir, "29990101000000_good", "migration.sql"), `CREATE TABLE "Extra" (id int);`);
    await mkdir(path.join(dir, "29990102000000_bad"));
    await writeFile(path.join(dir, "29990102000000_bad", "migration.sql"), `CREATE TABLE "Half" (id int);\nSELECT no_such_function();`);

    const err = await migrate(db.url, { migrationsDir: dir }).catch((e) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect(err.migration).toBe("29990102000000_bad");
    expect(await query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Extra'`)).toHaveLength(1);
    expect(await query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`)).toHaveLength(0);
    const names = await query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(names.map((r) => r.migration_name)).toContain("29990101000000_good");
    expect(names.map((r) => r.migration_name)).not.toContain("29990102000000_bad");

    // The checkout without those files now meets a database that is ahead of it.
    const ahead = await migrate(db.url).catch((e) => e);
    expect(ahead).toBeInstanceOf(MigrationError);
    expect(ahead.message).toMatch(/does not know/);
  });
});
