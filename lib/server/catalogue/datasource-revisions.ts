// The datasource history: one DatasourceRevision row per create, update and delete, written in the
// same transaction as the change (history and state cannot disagree). Snapshots carry no secret:
// only whether each is set, and "changed" when a new one was entered.
// The table has no foreign key: a deleted datasource's history stays, its deletion the last entry.
import "server-only";
import { Prisma, type Datasource } from "@/lib/generated/prisma/client";
import { getDb, type Tx } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { DatasourceRevisionDto, type DatasourceRevisionAction, type SecretState } from "@/lib/schemas/datasource-revision";
import type { z } from "zod";

type Action = z.infer<typeof DatasourceRevisionAction>;

// Bookkeeping that changes on every write, and the ciphertexts (replaced by their state below).
const LEFT_OUT = new Set(["createdAt", "updatedAt", "authSecretEnc", "traceAuthSecretEnc"]);

function secretState(enc: string | null, before: string | null | undefined): SecretState {
  if (enc === null) return "not set";
  return before !== undefined && before !== null && before !== enc ? "changed" : "set";
}

/** The row as history shows it. `previous`: the row before this write, to tell "changed" apart. */
export function datasourceSnapshot(row: Datasource, previous?: Datasource | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!LEFT_OUT.has(k)) out[k] = v;
  out.authSecret = secretState(row.authSecretEnc, previous?.authSecretEnc);
  out.traceAuthSecret = secretState(row.traceAuthSecretEnc, previous?.traceAuthSecretEnc);
  return out;
}

export async function recordDatasourceRevision(
  tx: Tx,
  rev: { action: Action; actor: string; before: Datasource | null; after: Datasource | null },
): Promise<void> {
  const datasourceId = (rev.after ?? rev.before)!.id;
  // Runs after the row was written (or deleted) in this transaction, which holds its row lock:
  // concurrent writers to one datasource reach this line one at a time.
  const last = await tx.datasourceRevision.aggregate({ where: { datasourceId }, _max: { version: true } });
  const json = (s: Record<string, unknown> | null) => (s ? (s as Prisma.InputJsonObject) : Prisma.DbNull);
  await tx.datasourceRevision.create({
    data: {
      datasourceId,
      version: (last._max.version ?? 0) + 1,
      action: rev.action,
      actor: rev.actor,
      before: json(rev.before ? datasourceSnapshot(rev.before) : null),
      after: json(rev.after ? datasourceSnapshot(rev.after, rev.before) : null),
    },
  });
}

const asObject = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!before || !after) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete("id");
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]) || after[k] === "changed").sort();
}

/** GET /api/datasources/[id]/revisions: newest first; a deleted datasource's history by its id. */
export async function listDatasourceRevisions(idOrSlug: string): Promise<{ items: DatasourceRevisionDto[] }> {
  const db = await getDb();
  const row = (await db.datasource.findUnique({ where: { id: idOrSlug } })) ?? (await db.datasource.findUnique({ where: { slug: idOrSlug } }));
  const rows = await db.datasourceRevision.findMany({ where: { datasourceId: row?.id ?? idOrSlug }, orderBy: { version: "desc" } });
  if (!row && rows.length === 0) throw new NotFoundError("datasource", idOrSlug);
  return {
    items: rows.map((r) => {
      const before = asObject(r.before);
      const after = asObject(r.after);
      return DatasourceRevisionDto.parse({
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
