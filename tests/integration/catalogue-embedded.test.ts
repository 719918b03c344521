// The zero-config default: without DATABASE_URL the app starts embedded PostgreSQL under the data
// dir, migrates it, and a later start reuses the cluster (and its data) instead of re-initialising.
import { chmod, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabaseUrl, stopEmbeddedPostgres } from "@/lib/server/postgres";
import { sql } from "@/tests/helpers/catalogue";
import { freePort } from "@/tests/helpers/postgres";

let dataDir: string;
const saved = { ...process.env };

beforeAll(async () => {
  await mkdir(path.resolve("tests/.tmp"), { recursive: true });
  dataDir = await mkdtemp(path.resolve("tests/.tmp/embedded-"));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data dir.
  await chmod(dataDir, 0o755);
  delete process.env.DATABASE_URL;
  process.env.SIGHTLINE_DATA_DIR = dataDir;
  process.env.SIGHTLINE_PG_PORT = String(await freePort());
});

afterAll(async () => {
  await stopEmbeddedPostgres();
  process.env = saved;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("embedded PostgreSQL", () => {
  it("starts on the configured loopback port, migrates, and is reused after a restart", async () => {
    const url = await getDatabaseUrl();
    const u = new URL(url);
    expect(u.hostname).toBe("127.0.0.1");
    expect(u.port).toBe(process.env.SIGHTLINE_PG_PORT);
    expect(u.password).toBe((await readFile(path.join(dataDir, "pg.password"), "utf8")).trim());
    // Concurrent callers share one start-up.
    expect(await Promise.all([getDatabaseUrl(), getDatabaseUrl()])).toEqual([url, url]);

    const migrations = await sql(url, `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`);
    expect(migrations.length).toBeGreaterThan(0);
    await sql(url, `INSERT INTO "Datasource" (id, slug, name, "prometheusUrl", "updatedAt") VALUES ('d1', 'keep-me', 'Keep', 'http://p:9090', now())`);

    await stopEmbeddedPostgres();
    await expect(sql(url, "SELECT 1")).rejects.toThrow();

    const again = await getDatabaseUrl();
    expect(again).toBe(url);
    expect(await sql(again, `SELECT slug FROM "Datasource"`)).toEqual([{ slug: "keep-me" }]);
  });
});
