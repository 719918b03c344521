import "server-only";
// The catalogue's rules: every active SLO (or one) turned into its rule group. The producer profile
// and the boundary the good count reads come from the same read context the status page uses
// (detect the producer, read the real `le` layout, fit the threshold), so a rule counts exactly what
// the status page counts: the threshold's own bucket, or the one below it when the threshold is not
// a boundary. When the backend cannot be asked and the datasource pins its producer, the rule
// assumes the threshold is a boundary in that producer's default naming, and says so.
import { getEnv } from "@/lib/env";
import { spellingsFor } from "@/lib/promql/buckets";
import { OTEL_MS, TEMPO } from "@/lib/promql/profiles";
import { assumedTarget, ruleGroups, sloRuleGroup, type RuleGroup, type RuleTarget } from "@/lib/promql/rules";
import type { SloDto } from "@/lib/schemas/slo";
import { toDatasourceConfig, type DatasourceConfig } from "@/lib/server/catalogue/datasources";
import { toSloDto } from "@/lib/server/catalogue/slo-mapping";
import { getSloWithDatasource } from "@/lib/server/catalogue/slo-queries";
import { getDb } from "@/lib/server/db";
import type { MetricsSource } from "@/lib/server/metrics/client";
import { openReadContext } from "@/lib/server/sli-data/read-context";
import { backendProblem, metricsSourceFor } from "@/lib/server/slo/source";
import { tierWindowSeconds } from "@/lib/slo/burn-tiers";

export interface GeneratedRules {
  groups: RuleGroup[];
  warnings: string[];
}

const READ_CONCURRENCY = 8;

const ruleOptions = () => ({ publicUrl: getEnv().SIGHTLINE_PUBLIC_URL ?? null, intervalSeconds: 60 });

async function targetFor(slo: SloDto, ds: DatasourceConfig, source: MetricsSource, nowSeconds: number, warnings: string[]): Promise<RuleTarget> {
  const ctx = await openReadContext(source, {
    setting: ds.producerProfile,
    selection: slo,
    startSeconds: nowSeconds - tierWindowSeconds(slo.window),
    endSeconds: nowSeconds,
  });
  if (!ctx.ok) {
    if (ds.producerProfile === "auto") throw backendProblem(ctx.error);
    const profile = ds.producerProfile === "tempo" ? TEMPO : OTEL_MS;
    warnings.push(`${slo.slug}: the datasource could not be read (${ctx.error.message}); the rules assume ${profile.histogram} with ${slo.thresholdSeconds} s as a bucket boundary`);
    return assumedTarget(slo, profile);
  }
  const { profile, layout } = ctx.value;
  const decision = ctx.value.fit(slo.thresholdSeconds);
  if (decision.fit.kind !== "exact")
    warnings.push(`${slo.slug}: ${slo.thresholdSeconds} s is not a bucket boundary of every series; the rules count requests at or under the boundary below it, as the status page does`);
  return { profile, le: decision.countBoundary === null ? null : spellingsFor(layout, decision.countBoundary) };
}

/** Rule group of one SLO (by id or slug); empty for a draft or archived SLO. */
export async function sloRules(idOrSlug: string): Promise<GeneratedRules & { slo: SloDto }> {
  const { slo, datasource } = await getSloWithDatasource(idOrSlug);
  const warnings: string[] = [];
  if (slo.status !== "active") return { slo, groups: [], warnings: [`SLO "${slo.slug}" is ${slo.status}: it generates no rules`] };
  const target = await targetFor(slo, datasource, metricsSourceFor(datasource), Math.floor(Date.now() / 1000), warnings);
  const group = sloRuleGroup(slo, target, ruleOptions());
  return { slo, groups: group ? [group] : [], warnings };
}

/** Rule groups of every active SLO, ordered by group name. */
export async function catalogueRules(): Promise<GeneratedRules> {
  const db = await getDb();
  const rows = await db.slo.findMany({ where: { status: "active" }, include: { datasource: true }, orderBy: { slug: "asc" } });
  const now = Math.floor(Date.now() / 1000);
  const warnings: string[] = [];
  // One source per datasource: its request deadline covers every SLO read through it.
  const sources = new Map<string, { ds: DatasourceConfig; source: MetricsSource }>();
  const prepared = [];
  for (const { datasource, ...row } of rows) {
    let s = sources.get(datasource.id);
    if (!s) {
      const ds = await toDatasourceConfig(datasource);
      s = { ds, source: metricsSourceFor(ds) };
      sources.set(datasource.id, s);
    }
    prepared.push({ slo: toSloDto(row), ...s });
  }
  // A few layout reads at a time: a large catalogue stays inside the request deadline without
  // flooding the backend (the read context caches repeats of the same selection).
  const entries: { slo: SloDto; target: RuleTarget }[] = [];
  for (let i = 0; i < prepared.length; i += READ_CONCURRENCY) {
    const batch = prepared.slice(i, i + READ_CONCURRENCY);
    entries.push(...(await Promise.all(batch.map(async (p) => ({ slo: p.slo, target: await targetFor(p.slo, p.ds, p.source, now, warnings) })))));
  }
  return { groups: ruleGroups(entries, ruleOptions()), warnings };
}
