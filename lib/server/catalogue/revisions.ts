// The SLO history: one row per write, holding SloDto snapshots before and after, written in the
// same transaction as the change it describes (so history and state can never disagree).
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { getDb, type Tx } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { SloRevisionDto, type SloDto } from "@/lib/schemas/slo";
import { changedFields } from "./slo-mapping";
import { findSloRow } from "./slo-queries";

export type RevisionAction = SloRevisionDto["action"];

export async function recordRevision(
  tx: Tx,
  rev: { action: RevisionAction; actor: string; before: SloDto | null; after: SloDto },
): Promise<void> {
  await tx.sloRevision.create({
    data: {
      sloId: rev.after.id,
      version: rev.after.version,
      action: rev.action,
      actor: rev.actor,
      before: rev.before ? (rev.before as unknown as Prisma.InputJsonObject) : Prisma.DbNull,
      after: rev.after as unknown as Prisma.InputJsonObject,
    },
  });
}

const asObject = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** GET /api/slos/[id]/revisions: newest first. */
export async function listSloRevisions(idOrSlug: string): Promise<{ items: SloRevisionDto[] }> {
  const db = await getDb();
  const slo = await findSloRow(db, idOrSlug);
  if (!slo) throw new NotFoundError("SLO", idOrSlug);
  const rows = await db.sloRevision.findMany({ where: { sloId: slo.id }, orderBy: { version: "desc" } });
  return {
    items: rows.map((r) => {
      const before = asObject(r.before);
      const after = asObject(r.after) ?? {};
      return SloRevisionDto.parse({
        id: r.id,
        version: r.version,
        action: r.action,
        actor: r.actor,
        changedAt: r.changedAt.toISOString(),
        before,
        after,
        changedFields: changedFields(before, after),
      });
    }),
  };
}
