// Archive and restore: status changes with their own revision actions, guarded by `version` like
// any edit. Restoring returns the SLO to the status it had when it was archived.
import "server-only";
import { assertAllowed, type AuthContext } from "@/lib/server/auth/context";
import { getDb } from "@/lib/server/db";
import { NotFoundError, StateConflictError, VersionConflictError } from "@/lib/server/errors";
import { SloStatus, type SloDto } from "@/lib/schemas/slo";
import { recordRevision } from "./revisions";
import { toSloDto } from "./slo-mapping";
import { findSloRow } from "./slo-queries";
import { staleAfterRace } from "./slo-update";

export async function archiveSlo(idOrSlug: string, version: number, auth: AuthContext): Promise<SloDto> {
  return setArchived(idOrSlug, version, auth, true);
}

export async function restoreSlo(idOrSlug: string, version: number, auth: AuthContext): Promise<SloDto> {
  return setArchived(idOrSlug, version, auth, false);
}

async function setArchived(idOrSlug: string, version: number, auth: AuthContext, archive: boolean): Promise<SloDto> {
  assertAllowed(auth, "slo.write");
  const actor = auth.actor;
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const row = await findSloRow(tx, idOrSlug);
    if (!row) throw new NotFoundError("SLO", idOrSlug);
    assertAllowed(auth, "slo.write", row.team);
    if (row.version !== version) throw new VersionConflictError(`SLO "${row.slug}"`, version, row.version);
    const isArchived = row.status === "archived";
    if (archive === isArchived)
      throw new StateConflictError(`SLO "${row.slug}" is ${isArchived ? "already archived" : "not archived"}`);

    let status: SloStatus = "archived";
    if (!archive) {
      const last = await tx.sloRevision.findFirst({
        where: { sloId: row.id, action: "archived" },
        orderBy: { version: "desc" },
        select: { before: true },
      });
      const prior = SloStatus.safeParse((last?.before as { status?: unknown } | null)?.status);
      status = prior.success && prior.data !== "archived" ? prior.data : "active";
    }
    const { count } = await tx.slo.updateMany({ where: { id: row.id, version }, data: { status, version: { increment: 1 } } });
    if (count === 0) throw await staleAfterRace(tx, row.id, row.slug, version);
    const before = toSloDto(row);
    const after = toSloDto(await tx.slo.findUniqueOrThrow({ where: { id: row.id } }));
    await recordRevision(tx, { action: archive ? "archived" : "restored", actor, before, after });
    return after;
  });
}
