import "server-only";
// GET /api/overview as a business verb (issue 19; docs/overview.md): every active SLO (of a team,
// of a service) at one moment, in batches per datasource. Per datasource: one round of requests
// reads the recorded series of every SLO and the firing burn alerts (overview-recorded.ts); the
// SLOs found there are answered from them, the others from grouped raw queries. Datasources run side by
// side, each with its own MetricsSource and so its own deadline (SIGHTLINE_REQUEST_DEADLINE_MS): a
// datasource that is down or slow marks its SLOs unavailable with the problem in words, and every
// other datasource is still answered.
import { performance } from "node:perf_hooks";
import type { OverviewGroup, OverviewQuery, OverviewResponse, OverviewSlo } from "@/lib/schemas/overview";
import { toDatasourceConfig, type DatasourceConfig } from "@/lib/server/catalogue/datasources";
import { OVERVIEW_SLO_COLUMNS, toOverviewInput, type OverviewSloInput } from "@/lib/server/catalogue/slo-mapping";
import { getDb } from "@/lib/server/db";
import { capWarnings, MAX_RESPONSE_WARNINGS } from "@/lib/server/metrics/limits";
import { type SliStatus } from "@/lib/slo";
import { burnRateTiersForSeconds, tierWindowSeconds, type BurnRateTier } from "@/lib/slo/burn-tiers";
import { stateOf, worstBurnRate, type WorstBurn } from "@/lib/slo/overview-state";
import type { MetricsError } from "../metrics/result";
import { trendPlan, type TrendPoint } from "./overview-common";
import type { FiringTier } from "./overview-firing";
import { rawOverview, type RawEvaluation, type RawGroupResult } from "./overview-raw";
import { readRecorded, recordable } from "./overview-recorded";
import { metricsSourceFor } from "./source";

export interface OverviewOptions {
  atSeconds: number;
  team?: string;
  service?: string;
  /** Test and bench hook: never read recorded series (compare the paths). */
  forcePath?: "raw";
}

export async function overview(q: Pick<OverviewQuery, "team" | "service">, opts: OverviewOptions): Promise<OverviewResponse> {
  const at = Math.floor(opts.atSeconds);
  const db = await getDb();
  const rows = await activeSlos(db, q);
  // Datasources read once by id, not joined into each of 10,000 rows (Prisma's per-row cost).
  const dsRows = await db.datasource.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.datasourceId))] } } });
  const byDs = new Map(dsRows.map((d) => [d.id, { row: d, slos: [] as OverviewSloInput[] }]));
  for (const row of rows) byDs.get(row.datasourceId)?.slos.push(row.input);

  const answered = await Promise.all([...byDs.values()].map(async ({ row, slos }) => datasourceOverview(await toDatasourceConfig(row), slos, at, opts)));
  const slos = answered.flatMap((a) => a.slos).sort(bySlug);
  const totals = { total: slos.length, ok: 0, at_risk: 0, exhausted: 0, no_data: 0, unavailable: 0 };
  for (const s of slos) totals[s.state]++;
  const plan = trendPlan(at);
  return {
    at,
    trend: { stepSeconds: plan.stepSeconds, fromSeconds: plan.startSeconds - plan.stepSeconds, toSeconds: plan.endSeconds },
    slos,
    groups: answered.flatMap((a) => a.groups),
    totals,
    warnings: capWarnings(answered.flatMap((a) => a.warnings), MAX_RESPONSE_WARNINGS),
  };
}

type Db = Awaited<ReturnType<typeof getDb>>;
type CatalogueRows = { datasourceId: string; input: OverviewSloInput }[];

/**
 * The active SLOs of the filter, remembered per database client and filter for as long as the SLO
 * table's fingerprint stays the same. PostgreSQL stays the only truth: each overview asks it for
 * the fingerprint (one scan, ~3 ms at 10,000 rows) and reads the rows again when it moved, instead
 * of materialising 10,000 rows through Prisma every time (~90 ms). Every write to an SLO bumps its
 * `version` (slo-update.ts, slo-lifecycle.ts), and inserts and deletes change the set of ids, so
 * the count and a sum of per-row hashes of (id, version) change with any change the overview reads.
 * The fingerprint is read before the rows: a write between the two leaves an older fingerprint with
 * newer rows, which the next overview reads again.
 */
const catalogueMemo = new WeakMap<Db, Map<string, { fingerprint: string; rows: CatalogueRows }>>();
const MEMO_FILTERS = 16;

async function activeSlos(db: Db, q: Pick<OverviewQuery, "team" | "service">): Promise<CatalogueRows> {
  const [fp] = await db.$queryRaw<{ n: string; h: string | null }[]>`
    SELECT count(*)::text AS n, sum(hashtextextended(id || ':' || version::text, 0))::text AS h FROM "Slo"`;
  const fingerprint = `${fp.n}|${fp.h ?? ""}`;
  const key = JSON.stringify([q.team ?? null, q.service ?? null]);
  const memo = catalogueMemo.get(db) ?? catalogueMemo.set(db, new Map()).get(db)!;
  const hit = memo.get(key);
  if (hit?.fingerprint === fingerprint) return hit.rows;
  const found = await db.slo.findMany({
    where: { status: "active", ...(q.team !== undefined ? { team: q.team } : {}), ...(q.service !== undefined ? { service: q.service } : {}) },
    orderBy: { slug: "asc" },
    select: OVERVIEW_SLO_COLUMNS,
  });
  const rows = found.map((r) => ({ datasourceId: r.datasourceId, input: toOverviewInput(r) }));
  memo.delete(key);
  if (memo.size >= MEMO_FILTERS) memo.delete(memo.keys().next().value!);
  memo.set(key, { fingerprint, rows });
  return rows;
}

// Slugs are lowercase ASCII, so code-unit order is their order; an Intl.Collator's compare cost
// ~150 ms per 10,000-SLO sort (140,000 calls into ICU).
const bySlug = (a: { slug: string }, b: { slug: string }) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);

// Tiers depend only on the window's length: computed once per length, not once per SLO (10,000 SLOs).
const tierMemo = new Map<number, BurnRateTier[]>();
const tiersOf = (w: OverviewSloInput["window"]): BurnRateTier[] => {
  const sec = tierWindowSeconds(w);
  return tierMemo.get(sec) ?? tierMemo.set(sec, burnRateTiersForSeconds(sec)).get(sec)!;
};

const problemText = (ds: DatasourceConfig, e: MetricsError) => `${ds.name}: ${e.message}`;

async function datasourceOverview(ds: DatasourceConfig, slos: OverviewSloInput[], at: number, opts: OverviewOptions) {
  const source = metricsSourceFor(ds);
  const ref = { id: ds.id, name: ds.name };
  const warnings: string[] = [];
  const groups: OverviewGroup[] = [];
  const out: OverviewSlo[] = [];
  // Rows are written out field by field, not spread from a base object: with the spread, building
  // 10,000 rows cost ~340 ms (copying into dictionary-mode objects), written out a few ms.
  const unavailable = (list: readonly OverviewSloInput[], problem: string): OverviewSlo[] =>
    list.map((s) => ({
      id: s.id, slug: s.slug, name: s.name, team: s.team, owner: s.owner, service: s.service, operation: s.operation,
      objective: s.objective, thresholdSeconds: s.thresholdSeconds, window: s.window, datasource: ref,
      path: "unavailable", state: "unavailable", measurement: null, good: null, total: null, sli: null, sliBounds: null,
      exact: null, budgetRemaining: null, worstBurnRate: null, trend7d: [], firing: null, problem,
    }));
  const evaluated = (s: OverviewSloInput, path: "raw" | "recorded", status: SliStatus, exact: boolean | null, trend: TrendPoint[], firing: FiringTier[] | null, worst: WorstBurn | null): OverviewSlo => ({
    id: s.id, slug: s.slug, name: s.name, team: s.team, owner: s.owner, service: s.service, operation: s.operation,
    objective: s.objective, thresholdSeconds: s.thresholdSeconds, window: s.window, datasource: ref,
    // worstBurnRate names a severity exactly when a tier is exceeded (lib/slo/overview-state.ts);
    // the recorded worst-burn series carries it the same way (burn_severity).
    path, state: stateOf(status, worst?.severity != null), measurement: status.state, good: status.good, total: status.total, sli: status.sli,
    sliBounds: path === "raw" ? status.sliBounds : null, exact, budgetRemaining: status.budget?.remaining ?? null,
    worstBurnRate: worst, trend7d: trend, firing, problem: null,
  });

  // One round of requests decides the path, reads the recorded SLOs and the firing alerts. The raw
  // path of the SLOs that will surely or most likely need it starts at the same time (see
  // `speculation`), instead of after that round.
  const t0 = performance.now();
  const early = speculation(ds.id, slos, opts);
  const earlyRaw = early.length > 0 ? timed(rawOverview(source, ds.producerProfile, early, at)) : null;
  const rec = await readRecorded(source, slos, at, { evaluate: opts.forcePath !== "raw" });
  if (!rec.ok) {
    void earlyRaw?.result.catch(() => {});
    const problem = problemText(ds, rec.error);
    groups.push({ datasource: ref, path: "unavailable", sloCount: slos.length, profile: null, queries: rec.queries, backendMs: ms(t0), problem });
    return { slos: unavailable(slos, problem), groups, warnings };
  }
  const recMs = ms(t0);
  const { deployed, firing } = rec;
  if (!firing.ok && deployed.size > 0) warnings.push(`${ds.name}: alert states unknown: ${firing.error.message}`);
  if (rec.recordedProblem) warnings.push(`${ds.name}: recorded series could not be read (${rec.recordedProblem.message}); read from the raw histogram instead`);
  const firingOf = (slug: string) => (firing.ok && deployed.has(slug) ? (firing.bySlug.get(slug) ?? []) : null);
  for (const s of slos) {
    const r = rec.results.get(s.slug);
    if (r) out.push(evaluated(s, "recorded", r.status, null, r.trend, firingOf(s.slug), r.worst));
  }
  if (out.length > 0) groups.push({ datasource: ref, path: "recorded", sloCount: out.length, profile: null, queries: rec.queries, backendMs: recMs, problem: null });
  const rest = out.length > 0 ? slos.filter((s) => !rec.results.has(s.slug)) : slos;
  rawLastTime.set(ds.id, new Set(rest.map((s) => s.id)));
  const earlyIds = new Set(early.map((s) => s.id));
  const late = rest.filter((s) => !earlyIds.has(s.id));
  // Started early for SLOs that turned out recorded (their rules were deployed since): not used.
  if (earlyRaw && late.length === rest.length) void earlyRaw.result.catch(() => {});
  if (rest.length === 0) return { slos: out, groups, warnings };

  // The rest's raw numbers: from the early run where it covers them, from a run of its own for
  // those it does not (new SLOs, SLOs whose rules were removed).
  const t1 = performance.now();
  const lateRaw = late.length > 0 ? timed(rawOverview(source, ds.producerProfile, late, at)) : null;
  const runs = [...(late.length < rest.length ? [{ run: earlyRaw!, slos: early, from: t0 }] : []), ...(lateRaw ? [{ run: lateRaw, slos: late, from: t1 }] : [])];
  const answers = await Promise.all(runs.map((r) => r.run.result));
  const raw = combine(answers, runs.map((r) => r.slos), rest);
  // Backend time of the raw group: from its first request to its last answer, with the recorded
  // round in front of it when no SLO was recorded-path (its requests are listed then, too).
  const lead = out.length > 0 ? { queries: [] as string[], ms: 0 } : { queries: rec.queries, ms: recMs };
  const took = Math.max(...runs.map((r) => Math.round(r.run.doneAt() - r.from) + (r.from === t1 ? lead.ms : 0)));
  if (!raw.ok) {
    const problem = problemText(ds, raw.error);
    groups.push({ datasource: ref, path: "unavailable", sloCount: rest.length, profile: null, queries: [...lead.queries, ...raw.queries], backendMs: took, problem });
    out.push(...unavailable(rest, problem));
    return { slos: out, groups, warnings };
  }
  rest.forEach((s, i) => {
    const r = raw.results[i];
    out.push(evaluated(s, "raw", r.status, r.decision.fit.kind === "exact", r.trend, firingOf(s.slug), worstBurnRate(r.status.burnRates, tiersOf(s.window))));
    for (const w of r.warnings) warnings.push(`${s.slug}: ${w}`);
  });
  groups.push({
    datasource: ref, path: "raw", sloCount: rest.length, profile: raw.profiles.length === 1 ? (raw.profiles[0] as "tempo" | "otel") : null,
    queries: [...lead.queries, ...raw.queries], backendMs: took, problem: null,
  });
  return { slos: out, groups, warnings };
}

/**
 * Which SLO ids of each datasource the last overview read raw (in this process): a hint, never a
 * source of numbers. Datasources without deployed rules read every SLO raw every time, so their
 * raw path can start beside the recorded round instead of after it.
 */
const rawLastTime = new Map<string, ReadonlySet<string>>();

/**
 * The SLOs whose raw path starts at once: those the recorded series cannot answer (calendar
 * months), those the last overview of this datasource read raw, and all of them when the raw path
 * is forced. Every other SLO waits for the recorded round. An SLO's raw numbers do not depend on
 * which other SLOs were read with it (each sums the grouped series its own selection matches), so
 * the answers for the SLOs that do need the raw path are taken from this run when it covers them
 * all; when it does not (rules were removed since), the raw path runs again for exactly those.
 */
function speculation(dsId: string, slos: readonly OverviewSloInput[], opts: OverviewOptions): OverviewSloInput[] {
  if (opts.forcePath === "raw") return [...slos];
  const last = rawLastTime.get(dsId);
  return slos.filter((s) => !recordable(s) || last?.has(s.id) === true);
}

/**
 * One answer for `rest` (in its order) out of raw runs over `lists`, which together cover it (a
 * run may cover more). A failed run fails the lot, as one raw run would.
 */
function combine(answers: readonly RawGroupResult[], lists: readonly (readonly OverviewSloInput[])[], rest: readonly OverviewSloInput[]): RawGroupResult {
  const queries = answers.flatMap((a) => a.queries);
  const failed = answers.find((a) => !a.ok);
  if (failed && !failed.ok) return { ok: false, error: failed.error, queries };
  const byId = new Map<string, RawEvaluation>();
  answers.forEach((a, k) => {
    if (a.ok) lists[k].forEach((s, i) => byId.set(s.id, a.results[i]));
  });
  const results = rest.map((s) => byId.get(s.id)!);
  return { ok: true, results, queries, profiles: [...new Set(results.map((r) => r.profileId))] };
}

function timed<T>(p: Promise<T>): { result: Promise<T>; doneAt: () => number } {
  let done = 0;
  const result = p.finally(() => (done = performance.now()));
  return { result, doneAt: () => done };
}

const ms = (t0: number) => Math.round(performance.now() - t0);
