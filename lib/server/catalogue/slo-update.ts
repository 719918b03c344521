// PATCH an SLO: merge the fields sent onto the stored ones, re-validate the whole result (a field
// can only be judged with its neighbours, e.g. `operation` under operationMatch "regex"), and write
// it with its revision only if the client's version is still current.
import "server-only";
import { assertAllowed, type AuthContext } from "@/lib/server/auth/context";
import { getDb, type Tx } from "@/lib/server/db";
import { DuplicateError, NotFoundError, StateConflictError, ValidationError, VersionConflictError } from "@/lib/server/errors";
import { CreateSloInput, type SloDto, type UpdateSloInput } from "@/lib/schemas/slo";
import { isForeignKeyViolation, isUniqueViolation } from "./prisma-errors";
import { recordRevision } from "./revisions";
import { assertDatasourceExists } from "./slo-create";
import { changedFields, editableFields, sloColumns, toSloDto } from "./slo-mapping";
import { findSloRow } from "./slo-queries";

export async function updateSlo(idOrSlug: string, patch: UpdateSloInput, auth: AuthContext): Promise<SloDto> {
  assertAllowed(auth, "slo.write");
  const actor = auth.actor;
  const { version, ...fields } = patch;
  if (fields.status === "archived")
    throw new ValidationError([{ path: "status", message: "archive with POST /api/slos/{id}/archive" }]);
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const row = await findSloRow(tx, idOrSlug);
      if (!row) throw new NotFoundError("SLO", idOrSlug);
      // A team-limited editor may neither change another team's SLO nor move one to another team.
      assertAllowed(auth, "slo.write", row.team);
      if (row.version !== version) throw new VersionConflictError(`SLO "${row.slug}"`, version, row.version);
      if (row.status === "archived") throw new StateConflictError(`SLO "${row.slug}" is archived; restore it before editing`);

      const before = toSloDto(row);
      const merged = CreateSloInput.safeParse({ ...editableFields(before), ...definedOnly(fields) });
      if (!merged.success) throw ValidationError.fromZod(merged.error);
      if (merged.data.team !== row.team) assertAllowed(auth, "slo.write", merged.data.team);
      if (merged.data.datasourceId !== row.datasourceId) await assertDatasourceExists(tx, merged.data.datasourceId);

      // Nothing changed: keep history free of empty entries and the version where it was.
      if (changedFields(editableFields(before), merged.data).length === 0) return before;

      const { count } = await tx.slo.updateMany({
        // The version guard makes the write itself refuse a concurrent change the read missed.
        where: { id: row.id, version },
        data: { ...sloColumns(merged.data), version: { increment: 1 } },
      });
      if (count === 0) throw await staleAfterRace(tx, row.id, row.slug, version);
      const after = toSloDto(await tx.slo.findUniqueOrThrow({ where: { id: row.id } }));
      await recordRevision(tx, { action: "updated", actor, before, after });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateError("SLO", "slug", fields.slug ?? idOrSlug);
    if (isForeignKeyViolation(err))
      throw new ValidationError([{ path: "datasourceId", message: "no datasource with this id" }], 422, "the datasource does not exist");
    throw err;
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The row changed between our read and our guarded write: report the version that won. */
export async function staleAfterRace(tx: Tx, id: string, slug: string, sent: number) {
  const now = await tx.slo.findUnique({ where: { id }, select: { version: true } });
  return now ? new VersionConflictError(`SLO "${slug}"`, sent, now.version) : new NotFoundError("SLO", slug);
}
