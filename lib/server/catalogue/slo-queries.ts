// Reading SLOs: one by id or slug, and the filtered, paginated catalogue list.
import "server-only";
import type { Datasource, Prisma, Slo } from "@/lib/generated/prisma/client";
import { getDb, type Tx } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import type { ListSlosQuery, SloDto } from "@/lib/schemas/slo";
import { toDatasourceConfig, type DatasourceConfig } from "./datasources";
import { toSloDto } from "./slo-mapping";

/** By id first, then by slug: an id never loses to a slug that happens to look the same. */
export async function findSloRow(tx: Tx, idOrSlug: string): Promise<Slo | null> {
  return (await tx.slo.findUnique({ where: { id: idOrSlug } })) ?? (await tx.slo.findUnique({ where: { slug: idOrSlug } }));
}

export async function getSlo(idOrSlug: string): Promise<SloDto> {
  const row = await findSloRow(await getDb(), idOrSlug);
  if (!row) throw new NotFoundError("SLO", idOrSlug);
  return toSloDto(row);
}

/**
 * The SLO and its datasource config in one SQL round trip: status and charts need both on every
 * call, and this is their only catalogue cost (a Prisma `include` costs two queries, ~2.4 ms here;
 * this join ~1 ms). Same id-before-slug rule as findSloRow. Both rows are re-validated by their
 * DTO schemas in toSloDto / toDatasourceConfig, so a column mismatch fails loudly.
 */
export async function getSloWithDatasource(idOrSlug: string): Promise<{ slo: SloDto; datasource: DatasourceConfig }> {
  const db = await getDb();
  const rows = await db.$queryRaw<(Slo & { ds: Record<string, unknown> })[]>`
    SELECT s.*, to_jsonb(d) AS ds FROM "Slo" s JOIN "Datasource" d ON d.id = s."datasourceId"
    WHERE s.id = ${idOrSlug} OR s.slug = ${idOrSlug} LIMIT 2`;
  const row = rows.find((r) => r.id === idOrSlug) ?? rows[0];
  if (!row) throw new NotFoundError("SLO", idOrSlug);
  const { ds, ...slo } = row;
  const datasource = { ...ds, createdAt: new Date(String(ds.createdAt)), updatedAt: new Date(String(ds.updatedAt)) } as Datasource;
  return { slo: toSloDto(slo as Slo), datasource: await toDatasourceConfig(datasource) };
}

export type SloPage = { items: SloDto[]; total: number; limit: number; offset: number };

export async function listSlos(q: ListSlosQuery): Promise<SloPage> {
  const db = await getDb();
  const term = q.q?.trim();
  const where: Prisma.SloWhereInput = {
    // Archived SLOs are out of the way unless asked for by name.
    status: q.status ?? { not: "archived" },
    ...(q.team ? { team: q.team } : {}),
    ...(q.service ? { service: q.service } : {}),
    ...(term
      ? {
          OR: (["name", "slug", "service", "operation", "description"] as const).map((field) => ({
            [field]: { contains: escapeLike(term), mode: "insensitive" as const },
          })),
        }
      : {}),
  };
  const [rows, total] = await db.$transaction([
    db.slo.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], skip: q.offset, take: q.limit }),
    db.slo.count({ where }),
  ]);
  return { items: rows.map(toSloDto), total, limit: q.limit, offset: q.offset };
}

/** Prisma passes `contains` to ILIKE unescaped: make %, _ and the backslash literal. */
const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);
