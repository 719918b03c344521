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
import { pool, trendPlan, trendFromSteps, type TrendPlan, type TrendPoint } from "./overview-common";

export interface RawEvaluation {
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
  readers: { slo: number; key: string; assignee: Assignee }[];
}

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
  // Each SLO's matchers once (count series: the selection; bucket series: plus the error exclusion).
  const assignees = slos.map((s, i) => ({
    total: { matchers: selectionMatchers(s, contexts[i].profile) } as Assignee,
    bucket: { matchers: bucketMatchers(s, contexts[i].profile) } as Assignee,
  }));

  // Which counts each SLO needs (the parts status' instant query carries).
  const parts = new Map<string, Part>();
  const need = (slo: number, key: string, kind: "good" | "total", boundary: number | null, seconds: number) => {
    const ctx = contexts[slo];
    const p = ctx.profile;
    const id = `${p.histogram}|${kind}|${boundary}|${seconds}`;
    let part = parts.get(id);
    if (!part) parts.set(id, (part = { profile: p, kind, boundary, seconds, readers: [], le: new Set() }));
    part.readers.push({ slo, key, assignee: kind === "total" ? assignees[slo].total : assignees[slo].bucket });
    if (boundary !== null) for (const sp of spellings(p, boundary, ctx)) part.le.add(sp);
  };
  slos.forEach((_, i) => {
    const { decision } = contexts[i];
    const d = windows[i].durationSeconds;
    const pair = (tag: string, seconds: number) => {
      need(i, `total_${tag}`, "total", null, seconds);
      if (decision.countBoundary !== null) need(i, `good_${tag}`, "good", decision.countBoundary, seconds);
    };
    if (d > 0) {
      pair("window", d);
      if (decision.upperBoundary !== null) need(i, "upper_window", "good", decision.upperBoundary, d);
    }
    for (const w of BURN_WINDOWS) pair(w, BURN_WINDOW_SECONDS[w]);
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

  const values: Map<string, number>[] = slos.map(() => new Map());
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
      part.readers.forEach((x, k) => values[x.slo].set(x.key, sums[k]));
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
    const v = values[i];
    const { decision } = contexts[i];
    const pairOf = (tag: string): CountPair => ({ good: v.get(`good_${tag}`) ?? 0, total: v.get(`total_${tag}`) ?? 0 });
    const counts = windows[i].durationSeconds > 0 ? pairOf("window") : { good: 0, total: 0 };
    const burnWindows: Partial<Record<BurnWindow, CountPair>> = {};
    for (const w of BURN_WINDOWS) burnWindows[w] = pairOf(w);
    const status = evaluateSli(
      {
        evaluatedAt: at,
        window: windows[i],
        objective: s.objective,
        minEvents: s.minEvents,
        thresholdFit: decision.fit,
        counts,
        countsUpper: decision.fit.kind === "exact" ? null : { good: v.get("upper_window") ?? 0, total: counts.total },
        burnWindows,
        steps: null,
        lastSampleAt: null,
      },
      s,
    );
    return { status, decision, trend: trendFromSteps(trend.plan, trend.steps[i]), warnings: contexts[i].warnings };
  });
  return { ok: true, results, queries, profiles: [...new Set(contexts.map((c) => c.profile.id))] };
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
): { tasks: Task[]; plan: TrendPlan; steps: Map<number, CountPair>[] } {
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
  const steps = slos.map(() => new Map<number, CountPair>());
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
      const atStep = new Map<number, GroupedSample[]>();
      for (const s of r.value.series) for (const p of s.points) (atStep.get(Math.round(p.t)) ?? atStep.set(Math.round(p.t), []).get(Math.round(p.t))!).push({ labels: s.labels, value: p.v });
      const readers = g.slos.map((i) => (g.boundary === null ? assignees[i].total : assignees[i].bucket));
      for (const [t, samples] of atStep) {
        const { sums } = assignSumsIndexed(samples, readers, g.profile.labels.service);
        g.slos.forEach((i, k) => {
          const cur = steps[i].get(t) ?? { good: 0, total: 0 };
          if (g.boundary === null) cur.total = sums[k];
          else cur.good = sums[k];
          steps[i].set(t, cur);
        });
      }
      return null;
    };
    return { text, run };
  });
  return { tasks, plan, steps };
}
