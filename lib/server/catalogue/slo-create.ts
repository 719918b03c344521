// Create an SLO and its "created" revision in one transaction.
import "server-only";
import { assertAllowed, type AuthContext } from "@/lib/server/auth/context";
import { getDb, type Tx } from "@/lib/server/db";
import { DuplicateError, ValidationError } from "@/lib/server/errors";
import type { CreateSloInput, SloDto } from "@/lib/schemas/slo";
import { isForeignKeyViolation, isUniqueViolation } from "./prisma-errors";
import { recordRevision } from "./revisions";
import { sloColumns, toSloDto } from "./slo-mapping";

const unknownDatasource = () =>
  new ValidationError([{ path: "datasourceId", message: "no datasource with this id" }], 422, "the datasource does not exist");

/** Throws a 422 on `datasourceId` unless the datasource exists (checked inside the write's transaction). */
export async function assertDatasourceExists(tx: Tx, id: string): Promise<void> {
  if (!(await tx.datasource.findUnique({ where: { id }, select: { id: true } }))) throw unknownDatasource();
}

export async function createSlo(input: CreateSloInput, auth: AuthContext): Promise<SloDto> {
  assertAllowed(auth, "slo.write", input.team);
  const actor = auth.actor;
  if (input.status === "archived")
    throw new ValidationError([{ path: "status", message: "an SLO cannot be created archived" }]);
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      await assertDatasourceExists(tx, input.datasourceId);
      const dto = toSloDto(await tx.slo.create({ data: sloColumns(input) }));
      await recordRevision(tx, { action: "created", actor, before: null, after: dto });
      return dto;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateError("SLO", "slug", input.slug);
    // The datasource was deleted between the check and the insert.
    if (isForeignKeyViolation(err)) throw unknownDatasource();
    throw err;
  }
}
