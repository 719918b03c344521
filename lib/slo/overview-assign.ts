// Which grouped result series belong to which SLO, and their sums. Pure, no I/O.
//
// The overview asks the backend once per (window, boundary) for
//   sum by (service, span_name, span_kind, status_code, <extra labels>) (increase(x{union}[W]))
// and then gives every SLO the sum of the groups its selection matches. Because the grouping keeps
// every label any SLO's matchers read, all series inside one group agree on each matcher: the sum of
// matching groups is the sum of matching series, which is what the per-SLO `sum(increase(x{sel}[W]))`
// of the status page adds (only the order of float additions differs).
//
// Matchers are evaluated as Prometheus evaluates them: a missing label reads as "", `=~`/`!~` are
// RE2 fully anchored (`^(?:v)$`, Go's regexp, here re2js), never JavaScript's RegExp.
import { RE2JS } from "re2js";
import type { Matcher } from "@/lib/promql/ast";

export type Labels = Readonly<Record<string, string>>;

const compiled = new Map<string, RE2JS>();
const MAX_COMPILED = 5_000;

function anchored(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    re = RE2JS.compile(`^(?:${pattern})$`);
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(pattern, re);
  }
  return re;
}

/** One matcher against one label set, with Prometheus' semantics. */
export function labelMatches(m: Pick<Matcher, "label" | "op" | "value">, labels: Labels): boolean {
  const v = labels[m.label] ?? "";
  switch (m.op) {
    case "=":
      return v === m.value;
    case "!=":
      return v !== m.value;
    case "=~":
      return anchored(m.value).test(v);
    case "!~":
      return !anchored(m.value).test(v);
  }
}

export const allMatch = (matchers: readonly Pick<Matcher, "label" | "op" | "value">[], labels: Labels): boolean =>
  matchers.every((m) => labelMatches(m, labels));

/** A grouped answer: one sample per distinct label set. */
export interface GroupedSample {
  labels: Labels;
  value: number;
}

/** What one SLO reads from a grouped answer: its matchers (selection, and the error exclusion for good counts). */
export interface Assignee {
  matchers: readonly Pick<Matcher, "label" | "op" | "value">[];
}

/**
 * Sums, per assignee, the values of the samples its matchers select (0 when none: zero traffic,
 * as an absent per-SLO answer is). Non-finite values are skipped and reported, as the status path
 * counts an unusable part as 0.
 */
export function assignSums(samples: readonly GroupedSample[], assignees: readonly Assignee[]): { sums: number[]; nonFinite: number } {
  const sums = new Array<number>(assignees.length).fill(0);
  let nonFinite = 0;
  for (const s of samples) {
    if (!Number.isFinite(s.value)) {
      nonFinite++;
      continue;
    }
    for (let i = 0; i < assignees.length; i++) if (allMatch(assignees[i].matchers, s.labels)) sums[i] += s.value;
  }
  return { sums, nonFinite };
}

/**
 * The same, faster for many assignees: samples and assignees are bucketed by the value of one label
 * every assignee matches exactly (the service), so each sample is only tested against the SLOs of
 * its own service. Assignees without an exact matcher on `indexLabel` are tested against all.
 */
export function assignSumsIndexed(samples: readonly GroupedSample[], assignees: readonly Assignee[], indexLabel: string): { sums: number[]; nonFinite: number } {
  // The same Assignee object given for several SLOs (one selection, several thresholds or
  // windows) is matched once and its sum handed to each.
  const slotOf = new Map<Assignee, number>();
  const unique: Assignee[] = [];
  const slots = assignees.map((a) => {
    let k = slotOf.get(a);
    if (k === undefined) {
      slotOf.set(a, (k = unique.length));
      unique.push(a);
    }
    return k;
  });
  if (unique.length === assignees.length) return assignUnique(samples, assignees, indexLabel);
  const u = assignUnique(samples, unique, indexLabel);
  return { sums: slots.map((k) => u.sums[k]), nonFinite: u.nonFinite };
}

function assignUnique(samples: readonly GroupedSample[], assignees: readonly Assignee[], indexLabel: string): { sums: number[]; nonFinite: number } {
  const byValue = new Map<string, number[]>();
  const unindexed: number[] = [];
  assignees.forEach((a, i) => {
    const exact = a.matchers.find((m) => m.label === indexLabel && m.op === "=");
    if (!exact) unindexed.push(i);
    else {
      const list = byValue.get(exact.value);
      if (list) list.push(i);
      else byValue.set(exact.value, [i]);
    }
  });
  const sums = new Array<number>(assignees.length).fill(0);
  let nonFinite = 0;
  for (const s of samples) {
    if (!Number.isFinite(s.value)) {
      nonFinite++;
      continue;
    }
    const candidates = byValue.get(s.labels[indexLabel] ?? "");
    if (candidates) for (const i of candidates) if (allMatch(assignees[i].matchers, s.labels)) sums[i] += s.value;
    for (const i of unindexed) if (allMatch(assignees[i].matchers, s.labels)) sums[i] += s.value;
  }
  return { sums, nonFinite };
}

/** The labels a grouped query must keep so every assignee's matchers can be judged per group. */
export function groupingLabels(base: readonly string[], assignees: readonly Assignee[]): string[] {
  const out = new Set(base);
  for (const a of assignees) for (const m of a.matchers) out.add(m.label);
  return [...out].sort();
}
