// Fails when prisma/schema.prisma and the database built by prisma/migrations disagree (tables,
// columns, types, nullability, defaults, enums, keys, uniques, indexes, foreign keys). Prisma's own
// `migrate diff` needs the schema engine, which cannot be downloaded here, so the schema is read by
// tests/helpers/prisma-schema.ts, itself checked against the generated client's data model.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffShapes, parsePrismaSchema, readDatabaseShape } from "@/tests/helpers/prisma-schema";
import { sql } from "@/tests/helpers/catalogue";
import { startTestPostgres, type TestPostgres } from "@/tests/helpers/postgres";

const schemaText = readFileSync(path.resolve("prisma/schema.prisma"), "utf8");
let db: TestPostgres;

beforeAll(async () => {
  db = await startTestPostgres();
});
afterAll(async () => {
  await db?.stop();
});

/** Prisma's parse of schema.prisma as baked into the generated client (names, kinds, types). */
function generatedDataModel(): { model: string; name: string; kind: string; type: string }[] {
  const file = path.resolve("lib/generated/prisma/internal/class.ts");
  const text = readFileSync(file, "utf8");
  const m = text.match(/config\.runtimeDataModel = JSON\.parse\(("(?:[^"\\]|\\.)*")\)/);
  if (!m) throw new Error(`no runtimeDataModel in ${file}; run npm run db:generate`);
  const dm = JSON.parse(JSON.parse(m[1])) as { models: Record<string, { fields: { name: string; kind: string; type: string }[] }> };
  return Object.entries(dm.models).flatMap(([model, { fields }]) => fields.map((f) => ({ model, name: f.name, kind: f.kind, type: f.type })));
}

describe("schema drift", () => {
  it("the schema reader sees the same models and fields as Prisma (client generated from this schema)", () => {
    const { fields } = parsePrismaSchema(schemaText);
    const mine = fields.map((f) => `${f.model}.${f.name}:${f.kind}:${f.type}`).sort();
    const prisma = generatedDataModel().map((f) => `${f.model}.${f.name}:${f.kind}:${f.type}`).sort();
    expect(mine, "if this fails after editing schema.prisma, run `npm run db:generate`").toEqual(prisma);
  });

  it("the migrated database matches schema.prisma", async () => {
    const expected = parsePrismaSchema(schemaText).shape;
    expect(Object.keys(expected.columns).length).toBeGreaterThan(30);
    const differences = diffShapes(expected, await readDatabaseShape(db.url));
    expect(differences, "write a migration in prisma/migrations for these").toEqual([]);
  });

  it("detects drift of each kind (the check itself can fail)", async () => {
    await sql(db.url, `
      ALTER TABLE "Slo" ALTER COLUMN "team" DROP NOT NULL;
      ALTER TABLE "Slo" ALTER COLUMN "minEvents" TYPE bigint;
      ALTER TABLE "Slo" ALTER COLUMN "description" SET DEFAULT 'n/a';
      ALTER TABLE "Datasource" ADD COLUMN "color" text;
      DROP INDEX "Slo_slug_key";
      ALTER TYPE "SloStatus" ADD VALUE 'paused';
      ALTER TABLE "SloRevision" DROP CONSTRAINT "SloRevision_sloId_fkey";
      ALTER TABLE "SloRevision" ADD CONSTRAINT "SloRevision_sloId_fkey" FOREIGN KEY ("sloId") REFERENCES "Slo"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
    `);
    const diff = diffShapes(parsePrismaSchema(schemaText).shape, await readDatabaseShape(db.url)).join("\n");
    expect(diff).toContain("column Slo.team: schema.prisma says \"text not null default \\\"\\\"\", database has \"text null default \\\"\\\"\"");
    expect(diff).toMatch(/column Slo\.minEvents: .*database has "bigint not null/);
    expect(diff).toMatch(/column Slo\.description: .*database has "text not null default \\"n\/a\\""/);
    expect(diff).toMatch(/column Datasource\.color: schema\.prisma says nothing/);
    expect(diff).toContain("index missing in database: Slo(unique)(slug)");
    expect(diff).toMatch(/enum SloStatus: .*"paused"/);
    expect(diff).toContain("foreign key missing in database: SloRevision(sloId) -> Slo(id) on delete cascade");
  });

  it("refuses schema features it cannot check instead of ignoring them", () => {
    expect(() => parsePrismaSchema(`model A {\n  id String @id @map("a_id")\n}`)).toThrow(/unsupported attribute/);
    expect(() => parsePrismaSchema(`model A {\n  id String @id\n  @@map("a")\n}`)).toThrow(/unsupported block attribute/);
  });
});
