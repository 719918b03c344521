import "server-only";
// The raw path of the overview for the SLOs of one datasource: contexts (profile, layout, fit) per
// window start, then one grouped query per (profile, window, boundary) for good counts and one per
// (profile, window) for totals, each SLO's counts summed in JS from the groups its selection matches
// (lib/slo/overview-assign.ts), and the status engine (evaluateSli) run on them: the same counts and
// the same arithmetic as GET /api/slos/:id/status. The 7-day trend is one range query per
// (profile, boundary) plus one of totals.
import type { FitDecision } from "@/lib/promql/buckets";
import { spellingsFor } from "@/lib/promql/buckets";
import { baseGroupingLabels, groupedGood, groupedTotal } from "@/lib/promql/overview-queries";
import type { ProducerProfile } from "@/lib/promql/profiles";
import { selectionMatchers } from "@/lib/promql/slo-queries";
import type { PromQL } from "@/lib/promql/ast";
import type { OverviewSloInput } from "@/lib/server/catalogue/slo-mapping";
import type { ProducerProfileSetting } from "@/lib/schemas/datasource";
import { assignSumsIndexed, groupingLabels, type Assignee, type GroupedSample } from "@/lib/slo/overview-assign";
import { evaluateSli, resolveWindow, type SliStatus } from "@/lib/slo";
import { BURN_WINDOWS, BURN_WINDOW_SECONDS, type BurnWindow, type CountPair, type ResolvedWindow } from "@/lib/slo/types";
import type { MetricsSource } from "../metrics/client";
import type { MetricsError } from "../metrics/result";
import { bucketMatchers, openContexts, type SloContext } from "./overview-context";
import { pool, trendPlan, TREND_STEPS, type TrendPlan, type TrendPoint } from "./overview-common";

export interface RawEvaluation {
  /** The producer profile its series were read with (ProducerProfile.id). */
  profileId: string;
  status: SliStatus;
  decision: FitDecision;
  trend: TrendPoint[];
  warnings: string[];
}

export type RawGroupResult =
  | { ok: true; results: RawEvaluation[]; queries: string[]; profiles: string[] }
  | { ok: false; error: MetricsError; queries: string[] };

/** A count a grouped query answers, and who reads it. */
interface Part {
  le: Set<string>;
  profile: ProducerProfile;
  kind: "good" | "total";
  boundary: number | null;
  seconds: number;
  /** slot: where the reader's sum goes in `values` (its SLO's index × SLOTS + the count's SLOT). */
  readers: { slo: number; slot: number; assignee: Assignee }[];
  /** The spelling lists already merged into `le`. */
  leFrom: Set<readonly string[]>;
}

/**
 * The counts of one SLO, at fixed places of one flat array (SLOTS per SLO) rather than a Map of
 * named keys: 1,000 SLOs need 16,000 of them per overview. An absent answer reads 0, as an absent
 * per-SLO answer does on the status page (zero traffic).
 */
const SLOT = { windowTotal: 0, windowGood: 1, upperGood: 2 } as const;
const burnSlot = (j: number, kind: "good" | "total") => 3 + 2 * j + (kind === "good" ? 1 : 0);
const SLOTS = 3 + 2 * BURN_WINDOWS.length;

/**
 * Requests in flight per datasource: the trend's range queries (the slowest) first, then the instant
 * ones, all from one pool so the backend stays busy at this concurrency until the last answer.
 */
const CONCURRENCY = 6;

/** A grouped request and what to do with its answer (null when it could be read). */
interface Task {
  text: PromQL;
  run: () => Promise<MetricsError | null>;
}

export async function rawOverview(source: MetricsSource, setting: ProducerProfileSetting, slos: readonly OverviewSloInput[], at: number): Promise<RawGroupResult> {
  const queries: string[] = [];
  const windows: ResolvedWindow[] = slos.map((s) => resolveWindow(s.window, at));

  // Contexts per distinct window start (status reads layout and detection over the SLO's window).
  const byStart = new Map<number, number[]>();
  windows.forEach((w, i) => (byStart.get(w.startSeconds) ?? byStart.set(w.startSeconds, []).get(w.startSeconds)!).push(i));
  const contexts = new Array<SloContext>(slos.length);
  const unionSpellings = new Map<string, Map<number, [string, ...string[]]>>();
  const opened = await Promise.all(
    [...byStart].map(async ([start, idx]) => ({ idx, r: await openContexts(source, setting, idx.map((i) => ({ selection: slos[i], thresholdSeconds: slos[i].thresholdSeconds })), start, at) })),
  );
  for (const { idx, r } of opened) {
    if (!r.ok) return { ok: false, error: r.error, queries };
    queries.push(...r.value.queries);
    idx.forEach((i, k) => (contexts[i] = r.value.contexts[k]));
    for (const [p, layout] of r.value.unionLayouts) {
      const m = unionSpellings.get(p.histogram) ?? unionSpellings.set(p.histogram, new Map()).get(p.histogram)!;
      for (const b of layout.common.concat(layout.layouts.flatMap((l) => l.boundaries))) {
        const prev = m.get(b);
        const next = spellingsFor(layout, b);
        m.set(b, prev ? ([...new Set([...prev, ...next])] as [string, ...string[]]) : next);
      }
    }
  }
  // Per (layout, profile, boundary), not per SLO: SLOs of one selection share their layout object.
  const spellingMemo = new WeakMap<object, Map<string, [string, ...string[]]>>();
  const spellings = (p: ProducerProfile, b: number, ctx: SloContext): [string, ...string[]] => {
    const byLayout = spellingMemo.get(ctx.layout) ?? spellingMemo.set(ctx.layout, new Map()).get(ctx.layout)!;
    const key = `${p.histogram}|${b}`;
    let out = byLayout.get(key);
    if (!out) {
      const own = spellingsFor(ctx.layout, b);
      const seen = unionSpellings.get(p.histogram)?.get(b) ?? [];
      out = [own[0], ...new Set([...own.slice(1), ...seen.filter((s) => s !== own[0])])];
      byLayout.set(key, out);
    }
    return out;
  };
  // Each selection's matchers once (count series: the selection; bucket series: plus the error
  // exclusion), one object shared by the SLOs that select alike: assignSumsIndexed matches it once.
  const sharedAssignees = new Map<string, { total: Assignee; bucket: Assignee }>();
  const assignees = slos.map((s, i) => {
    const p = contexts[i].profile;
    const key = JSON.stringify([p.id, p.histogram, s.service, s.operation, s.operationMatch, s.spanKind, s.extraMatchers, s.countErrorsAsBad]);
    let a = sharedAssignees.get(key);
    if (!a) sharedAssignees.set(key, (a = { total: { matchers: selectionMatchers(s, p) }, bucket: { matchers: bucketMatchers(s, p) } }));
    return a;
  });

  // Which counts each SLO needs (the parts status' instant query carries). SLOs that agree on the
  // profile, both boundaries and the window's length need the same parts: worked out once per such
  // class, then each SLO only adds itself as a reader.
  const parts = new Map<string, Part>();
  const partFor = (p: ProducerProfile, kind: "good" | "total", boundary: number | null, seconds: number): Part => {
    const id = `${p.histogram}|${kind}|${boundary}|${seconds}`;
    let part = parts.get(id);
    if (!part) parts.set(id, (part = { profile: p, kind, boundary, seconds, readers: [], le: new Set(), leFrom: new Set() }));
    return part;
  };
  const classes = new Map<string, { slot: number; part: Part }[]>();
  slos.forEach((_, i) => {
    const ctx = contexts[i];
    const { decision, profile: p } = ctx;
    const d = windows[i].durationSeconds;
    const classKey = `${p.histogram}|${decision.countBoundary}|${d > 0 ? decision.upperBoundary : null}|${d}`;
    let needs = classes.get(classKey);
    if (!needs) {
      needs = [];
      const pair = (totalSlot: number, goodSlot: number, seconds: number) => {
        needs!.push({ slot: totalSlot, part: partFor(p, "total", null, seconds) });
        if (decision.countBoundary !== null) needs!.push({ slot: goodSlot, part: partFor(p, "good", decision.countBoundary, seconds) });
      };
      if (d > 0) {
        pair(SLOT.windowTotal, SLOT.windowGood, d);
        if (decision.upperBoundary !== null) needs.push({ slot: SLOT.upperGood, part: partFor(p, "good", decision.upperBoundary, d) });
      }
      BURN_WINDOWS.forEach((w, j) => pair(burnSlot(j, "total"), burnSlot(j, "good"), BURN_WINDOW_SECONDS[w]));
      classes.set(classKey, needs);
    }
    for (const { slot, part } of needs) {
      part.readers.push({ slo: i, slot: i * SLOTS + slot, assignee: part.kind === "total" ? assignees[i].total : assignees[i].bucket });
      if (part.boundary === null) continue;
      // Spellings are shared per layout and boundary: each list is merged into a part once.
      const sp = spellings(p, part.boundary, ctx);
      if (part.leFrom.has(sp)) continue;
      part.leFrom.add(sp);
      for (const x of sp) part.le.add(x);
    }
  });

  // One grouping per profile: every label any of its SLOs' matchers read (every SLO reads the burn
  // windows' totals, and bucket matchers are the selection's plus the status code, a base label).
  const byLabels = new Map<string, string[]>();
  const ofProfile = new Map<string, { profile: ProducerProfile; readers: Assignee[] }>();
  contexts.forEach((ctx, i) => {
    const g = ofProfile.get(ctx.profile.histogram) ?? ofProfile.set(ctx.profile.histogram, { profile: ctx.profile, readers: [] }).get(ctx.profile.histogram)!;
    g.readers.push(assignees[i].total);
    if (ctx.decision.countBoundary !== null) g.readers.push(assignees[i].bucket);
  });
  for (const [h, g] of ofProfile) byLabels.set(h, groupingLabels(baseGroupingLabels(g.profile), g.readers));
  const promqlOf = (part: Part): PromQL => {
    const services = part.readers.map((r) => slos[r.slo].service);
    const by = byLabels.get(part.profile.histogram)!;
    if (part.kind === "total") return groupedTotal(part.profile, services, by, part.seconds);
    const le = [...part.le] as [string, ...string[]];
    return groupedGood(part.profile, services, le, by, part.seconds);
  };

  const values = new Float64Array(slos.length * SLOTS);
  const list = [...parts.values()];
  const texts = list.map(promqlOf);
  queries.push(...texts);
  const instant: Task[] = list.map((part, k) => ({
    text: texts[k],
    run: async () => {
      const r = await source.query(texts[k], at);
      if (!r.ok) return r.error;
      const samples: GroupedSample[] = r.value.samples;
      const { sums } = assignSumsIndexed(samples, part.readers.map((x) => x.assignee), part.profile.labels.service);
      part.readers.forEach((x, k) => (values[x.slot] = sums[k]));
      return null;
    },
  }));
  const trend = rawTrend(source, slos, contexts, assignees, spellings, byLabels, at);
  // The trend's range queries are listed after the instant ones (as before) but sent first.
  queries.push(...trend.tasks.map((t) => t.text));
  let failure: MetricsError | null = null;
  await pool([...trend.tasks, ...instant], CONCURRENCY, async (t) => {
    if (failure) return;
    failure ??= await t.run();
  });
  if (failure) return { ok: false, error: failure, queries };

  const results = slos.map((s, i): RawEvaluation => {
    const v = i * SLOTS;
    const { decision } = contexts[i];
    const counts = windows[i].durationSeconds > 0 ? { good: values[v + SLOT.windowGood], total: values[v + SLOT.windowTotal] } : { good: 0, total: 0 };
    const burnWindows: Partial<Record<BurnWindow, CountPair>> = {};
    BURN_WINDOWS.forEach((w, j) => (burnWindows[w] = { good: values[v + burnSlot(j, "good")], total: values[v + burnSlot(j, "total")] }));
    const status = evaluateSli(
      {
        evaluatedAt: at,
        window: windows[i],
        objective: s.objective,
        minEvents: s.minEvents,
        thresholdFit: decision.fit,
        counts,
        countsUpper: decision.fit.kind === "exact" ? null : { good: values[v + SLOT.upperGood], total: counts.total },
        burnWindows,
        steps: null,
        lastSampleAt: null,
      },
      s,
    );
    return { profileId: contexts[i].profile.id, status, decision, trend: trendFromCounts(trend.steps, i), warnings: contexts[i].warnings };
  });
  return { ok: true, results, queries, profiles: [...new Set(contexts.map((c) => c.profile.id))] };
}

/** Good and total count of each SLO's trend steps: SLO i's step k at i * TREND_STEPS + k (0 when absent). */
interface TrendCounts {
  good: Float64Array;
  total: Float64Array;
}

/** Event-weighted SLI per step; null without traffic (a gap, never 100 %); good above total is capped. */
function trendFromCounts(c: TrendCounts, slo: number): TrendPoint[] {
  const out = new Array<TrendPoint>(TREND_STEPS);
  for (let k = 0, at = slo * TREND_STEPS; k < TREND_STEPS; k++, at++) {
    const good = c.good[at];
    const total = c.total[at];
    out[k] = total > 0 && Number.isFinite(good) ? Math.min(1, Math.max(0, good / total)) : null;
  }
  return out;
}

/** Per-step SLI over 7 days: grouped range queries of 6-hour increases, assigned like the instant ones. */
function rawTrend(
  source: MetricsSource,
  slos: readonly OverviewSloInput[],
  contexts: readonly SloContext[],
  assignees: readonly { total: Assignee; bucket: Assignee }[],
  spellings: (p: ProducerProfile, b: number, ctx: SloContext) => [string, ...string[]],
  byLabels: Map<string, string[]>,
  at: number,
): { tasks: Task[]; plan: TrendPlan; steps: TrendCounts } {
  const plan = trendPlan(at);
  const groups = new Map<string, { profile: ProducerProfile; boundary: number | null; slos: number[]; le: Set<string> }>();
  const join = (id: string, profile: ProducerProfile, boundary: number | null, i: number, ctx: SloContext) => {
    const g = groups.get(id) ?? groups.set(id, { profile, boundary, slos: [], le: new Set() }).get(id)!;
    g.slos.push(i);
    if (boundary !== null) for (const sp of spellings(profile, boundary, ctx)) g.le.add(sp);
  };
  contexts.forEach((ctx, i) => {
    const h = ctx.profile.histogram;
    join(`${h}|total`, ctx.profile, null, i, ctx);
    if (ctx.decision.countBoundary !== null) join(`${h}|${ctx.decision.countBoundary}`, ctx.profile, ctx.decision.countBoundary, i, ctx);
  });
  const steps: TrendCounts = { good: new Float64Array(slos.length * TREND_STEPS), total: new Float64Array(slos.length * TREND_STEPS) };
  const tasks = [...groups.values()].map((g): Task => {
    const services = g.slos.map((i) => slos[i].service);
    const by = byLabels.get(g.profile.histogram) ?? baseGroupingLabels(g.profile);
    const text =
      g.boundary === null
        ? groupedTotal(g.profile, services, by, plan.stepSeconds)
        : groupedGood(g.profile, services, [...g.le] as [string, ...string[]], by, plan.stepSeconds);
    const run = async () => {
      const r = await source.queryRange(text, plan.startSeconds, plan.endSeconds, plan.stepSeconds, { align: false });
      if (!r.ok) return r.error;
      // Points off the plan's steps are not read (the trend has exactly its 28 steps).
      const atStep = Array.from({ length: TREND_STEPS }, (): GroupedSample[] => []);
      for (const s of r.value.series)
        for (const p of s.points) {
          const k = (Math.round(p.t) - plan.startSeconds) / plan.stepSeconds;
          if (Number.isInteger(k) && k >= 0 && k < TREND_STEPS) atStep[k].push({ labels: s.labels, value: p.v });
        }
      const readers = g.slos.map((i) => (g.boundary === null ? assignees[i].total : assignees[i].bucket));
      const into = g.boundary === null ? steps.total : steps.good;
      atStep.forEach((samples, k) => {
        if (samples.length === 0) return;
        const { sums } = assignSumsIndexed(samples, readers, g.profile.labels.service);
        g.slos.forEach((i, n) => (into[i * TREND_STEPS + k] = sums[n]));
      });
      return null;
    };
    return { text, run };
  });
  return { tasks, plan, steps };
}
