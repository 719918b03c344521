// DELETE /api/datasources/[id]: only a datasource no SLO reads from. SLOs reference it with
// onDelete: Restrict, so the database would refuse anyway; this says so in words, with how many
// SLOs (active and archived) still use it, and records the deletion as the last revision.
import "server-only";
import { assertAllowed, type AuthContext } from "@/lib/server/auth/context";
import { getDb } from "@/lib/server/db";
import { HttpProblem, NotFoundError, ProblemType } from "@/lib/server/errors";
import type { DatasourceInUse } from "@/lib/schemas/datasource-revision";
import { recordDatasourceRevision } from "./datasource-revisions";
import { isForeignKeyViolation } from "./prisma-errors";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function inUse(slug: string, use: DatasourceInUse): HttpProblem {
  const total = use.active + use.archived;
  return new HttpProblem(
    409,
    ProblemType.inUse,
    "Datasource in use",
    `datasource "${slug}" is used by ${plural(total, "SLO")} (${use.active} active, ${use.archived} archived); move them to another datasource or delete them first`,
    [],
    { slos: use },
  );
}

export async function deleteDatasource(idOrSlug: string, auth: AuthContext): Promise<void> {
  assertAllowed(auth, "datasource.write");
  const actor = auth.actor;
  const db = await getDb();
  let slug = idOrSlug;
  try {
    await db.$transaction(async (tx) => {
      const row = (await tx.datasource.findUnique({ where: { id: idOrSlug } })) ?? (await tx.datasource.findUnique({ where: { slug: idOrSlug } }));
      if (!row) throw new NotFoundError("datasource", idOrSlug);
      slug = row.slug;
      const counts = await tx.slo.groupBy({ by: ["status"], where: { datasourceId: row.id }, _count: { _all: true } });
      const use = { active: 0, archived: 0 };
      for (const c of counts) use[c.status === "archived" ? "archived" : "active"] += c._count._all;
      if (use.active + use.archived > 0) throw inUse(row.slug, use);
      await tx.datasource.delete({ where: { id: row.id } });
      await recordDatasourceRevision(tx, { action: "deleted", actor, before: row, after: null });
    });
  } catch (err) {
    // An SLO created on it between the count and the delete: the foreign key refuses; count again.
    if (isForeignKeyViolation(err)) {
      const slos = await db.slo.groupBy({ by: ["status"], where: { datasource: { slug } }, _count: { _all: true } });
      const use = { active: 0, archived: 0 };
      for (const c of slos) use[c.status === "archived" ? "archived" : "active"] += c._count._all;
      throw inUse(slug, use);
    }
    throw err;
  }
}
