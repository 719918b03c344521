// A datasource's history: who changed what and when (issue 20 item 5). Snapshots are the
// DatasourceDto with bookkeeping dropped and both secrets reduced to their state, so history can be
// shown to anyone who may see the datasource: a secret is never in it, in any form.
import { z } from "./zod";

/** "changed": a new secret was entered (the ciphertext differs; what it was is not known). */
export const SecretState = z.enum(["set", "not set", "changed"]);
export type SecretState = z.infer<typeof SecretState>;

export const DatasourceRevisionAction = z.enum(["created", "updated", "deleted"]);

/** A snapshot as stored; read loosely so a field added later does not hide old revisions. */
export const DatasourceSnapshot = z.record(z.string(), z.unknown());
export type DatasourceSnapshot = z.infer<typeof DatasourceSnapshot>;

export const DatasourceRevisionDto = z.object({
  id: z.string(),
  version: z.number().int(),
  action: DatasourceRevisionAction,
  actor: z.string(),
  changedAt: z.string(),
  /** null for "created". */
  before: DatasourceSnapshot.nullable(),
  /** null for "deleted". */
  after: DatasourceSnapshot.nullable(),
  /** Fields that differ between before and after. */
  changedFields: z.array(z.string()),
});
export type DatasourceRevisionDto = z.infer<typeof DatasourceRevisionDto>;

export const DatasourceRevisionList = z.object({ items: z.array(DatasourceRevisionDto) });

/** 409 when deleting a datasource SLOs still read from: how many, by state. */
export const DatasourceInUse = z.object({ active: z.number().int(), archived: z.number().int() });
export type DatasourceInUse = z.infer<typeof DatasourceInUse>;
