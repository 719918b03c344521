import "server-only";
// The rules sync log: every sync, successful or not, so the app can say when rules last reached
// the backend and what drift that sync found. Rows are small; nothing prunes them yet.
import type { Prisma } from "@/lib/generated/prisma/client";
import { LastRulesSync, RulesSyncRecord, type RulesSyncResult } from "@/lib/schemas/rules";
import { getDb } from "@/lib/server/db";

export async function recordSync(entry: Omit<RulesSyncRecord, "syncedAt"> & { syncedAt?: string }): Promise<void> {
  const db = await getDb();
  await db.rulesSync.create({
    data: {
      target: entry.target,
      dryRun: entry.dryRun,
      changed: entry.changed,
      reloaded: entry.reloaded,
      groups: entry.groups,
      drift: entry.drift as Prisma.InputJsonValue,
      warnings: entry.warnings as Prisma.InputJsonValue,
      error: entry.error ? entry.error.slice(0, 500) : null,
      ...(entry.syncedAt ? { syncedAt: new Date(entry.syncedAt) } : {}),
    },
  });
}

export const recordResult = (r: RulesSyncResult, dryRun: boolean) => recordSync({ ...r, dryRun, error: null });

export async function lastSync(): Promise<LastRulesSync> {
  const db = await getDb();
  const row = await db.rulesSync.findFirst({ orderBy: { syncedAt: "desc" } });
  if (!row) return { last: null };
  return LastRulesSync.parse({ last: { ...row, syncedAt: row.syncedAt.toISOString() } });
}
