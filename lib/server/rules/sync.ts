import "server-only";
// POST /api/rules/sync as a verb: generate the catalogue's rules, compare them with what the
// configured target holds (drift), and make the target hold exactly them. Idempotent: a second sync
// finds no drift, writes nothing and does not reload. Target from env (lib/env.ts): a Mimir/Cortex
// ruler (SIGHTLINE_RULER_URL) or a rules directory (SIGHTLINE_RULES_DIR, reloaded through
// SIGHTLINE_RULES_RELOAD_URL). Each target holds only Sightline's groups (its namespace, its file
// names), so "extra" means a group of an SLO that is gone, archived or back to draft: it is removed.
import { getEnv } from "@/lib/env";
import type { RulesSyncInput, RulesSyncResult } from "@/lib/schemas/rules";
import { HttpProblem, ProblemType } from "@/lib/server/errors";
import { diffGroups } from "./drift";
import { readDirectory, reloadPrometheus, removeFile, writeGroup } from "./directory";
import { catalogueRules } from "./generate";
import { createRulerClient } from "./ruler-client";
import { recordResult, recordSync } from "./sync-log";

export class SyncNotConfigured extends HttpProblem {
  constructor() {
    super(409, ProblemType.conflict, "Rules sync is not configured", "set SIGHTLINE_RULER_URL (Mimir/Cortex ruler) or SIGHTLINE_RULES_DIR (a Prometheus rules directory); see docs/alerting.md");
  }
}

/** Syncs and records the outcome (a failure too, with its reason) in the sync log. */
export async function syncRules(input: RulesSyncInput): Promise<RulesSyncResult> {
  const env = getEnv();
  const target = env.SIGHTLINE_RULER_URL ? "mimir" : env.SIGHTLINE_RULES_DIR ? "directory" : null;
  if (!target) throw new SyncNotConfigured();
  try {
    const result = await syncOnce(input);
    await recordResult(result, input.dryRun);
    return result;
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await recordSync({ target, dryRun: input.dryRun, changed: false, reloaded: false, groups: 0, drift: [], warnings: [], error });
    throw e;
  }
}

async function syncOnce(input: RulesSyncInput): Promise<RulesSyncResult> {
  const env = getEnv();
  const { groups, warnings } = await catalogueRules();
  const syncedAt = new Date().toISOString();

  if (env.SIGHTLINE_RULER_URL) {
    const ruler = createRulerClient({ baseUrl: env.SIGHTLINE_RULER_URL, tenant: env.SIGHTLINE_RULER_TENANT, namespace: env.SIGHTLINE_RULER_NAMESPACE, timeoutMs: env.SIGHTLINE_QUERY_TIMEOUT_MS });
    const drift = diffGroups(await ruler.listGroups(), groups);
    if (!input.dryRun)
      for (const d of drift) {
        const g = groups.find((x) => x.name === d.group);
        if (g) await ruler.setGroup(g);
        else await ruler.deleteGroup(d.group);
      }
    return { target: "mimir", drift, changed: !input.dryRun && drift.length > 0, reloaded: false, groups: groups.length, syncedAt, warnings };
  }

  const dir = env.SIGHTLINE_RULES_DIR;
  if (!dir) throw new SyncNotConfigured();
  const stored = await readDirectory(dir);
  const drift = diffGroups(stored.groups, groups);
  const changed = !input.dryRun && drift.length > 0;
  if (changed)
    for (const d of drift) {
      const g = groups.find((x) => x.name === d.group);
      if (g) await writeGroup(dir, g);
      else await removeFile(dir, stored.files.get(d.group)!);
    }
  let reloaded = false;
  const reloadUrl = env.SIGHTLINE_RULES_RELOAD_URL;
  if (reloadUrl && !input.dryRun && (changed || input.forceReload)) {
    await reloadPrometheus(reloadUrl, env.SIGHTLINE_QUERY_TIMEOUT_MS);
    reloaded = true;
  } else if (!reloadUrl && changed) warnings.push("no SIGHTLINE_RULES_RELOAD_URL: Prometheus loads the new files at its next reload");
  return { target: "directory", drift, changed, reloaded, groups: groups.length, syncedAt, warnings };
}
