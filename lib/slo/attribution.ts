// Budget attribution: which value of which dimension (operation, span kind, status code, any other
// label the selected series vary on) spent the error budget over a window. Pure, no I/O.
//
// Input is one good/total pair per series (the backend's per-series increases over the window);
// every figure is a sum of those pairs, so the bad requests of all values of one dimension add up
// to the window's bad requests, the same number the status verb's budget reports:
//   bad_i         = total_i − min(good_i, total_i)      (good above total is scrape skew: clamped)
//   budgetShare_i = bad_i ÷ allowedBadEvents, allowedBadEvents = (1 − objective) × total
//   badShare_i    = bad_i ÷ Σ bad
// Errors counted as bad need nothing here: their series have a total and no good count.
// A dimension with one value among the series with traffic says nothing and is listed as `fixed`.
import { checkCounts } from "./ratio";

export interface SeriesCounts {
  labels: Readonly<Record<string, string>>;
  good: number;
  total: number;
  /** Good at the upper neighbouring boundary when the threshold is between two (bad is then bracketed). */
  goodUpper?: number;
}

export type DimensionKind = "operation" | "span_kind" | "status_code" | "label";

export interface AttributionOptions {
  series: readonly SeriesCounts[];
  allowedBadFraction: number;
  /** Label names of the three fixed dimensions (they differ per producer). */
  labels: { operation: string; spanKind: string; statusCode: string };
  /** Labels never treated as a dimension (`le`, the part tag, the service the selection pins). */
  ignore?: readonly string[];
  /** Values listed per dimension before the rest is folded into "other". */
  topN?: number;
}

export interface ValueShare {
  bad: number;
  total: number;
  /** bad ÷ allowedBadEvents; null without traffic (no budget to share). */
  budgetShare: number | null;
  /** bad ÷ all bad; null when nothing was bad. */
  badShare: number | null;
  /** Bad counted at the upper boundary (a lower bound); present when the threshold is between boundaries. */
  badLowerBound?: number;
}

export interface AttributedValue extends ValueShare {
  /** The label's value; "" when the series do not carry the label. */
  value: string;
}

export interface AttributedDimension {
  kind: DimensionKind;
  /** Prometheus label name (what the slow-requests link filters on). */
  label: string;
  values: AttributedValue[];
  /** The values after the top N, summed; null when all are listed. */
  other: (ValueShare & { valueCount: number }) | null;
  valueCount: number;
}

export interface Attribution {
  totals: { good: number; total: number; bad: number; allowedBadEvents: number; budgetConsumed: number | null; badLowerBound?: number };
  /** Dimensions with more than one value among the series with traffic, fixed ones first. */
  dimensions: AttributedDimension[];
  /** Dimensions with a single value (not shown as bars): the label and its value. */
  fixed: { kind: DimensionKind; label: string; value: string }[];
  /** Series with at least one request in the window. */
  seriesWithTraffic: number;
  /** Series whose good count exceeded the total (clamped). */
  clampedSeries: number;
}

export const DEFAULT_TOP_N = 8;

export function attributeBudget(opts: AttributionOptions): Attribution {
  const topN = opts.topN ?? DEFAULT_TOP_N;
  if (!(topN >= 1)) throw new RangeError(`topN must be at least 1, got ${topN}`);
  if (!(opts.allowedBadFraction > 0 && opts.allowedBadFraction < 1)) throw new RangeError(`allowedBadFraction must be in (0, 1), got ${opts.allowedBadFraction}`);
  const bracketed = opts.series.some((s) => s.goodUpper !== undefined);
  let clampedSeries = 0;
  const rows = opts.series
    .map((s) => {
      const c = checkCounts({ good: s.good, total: s.total });
      if (c.problem?.code === "good_exceeds_total") clampedSeries++;
      const upper = s.goodUpper === undefined ? c.good : checkCounts({ good: Math.max(s.goodUpper, c.good), total: c.total }).good;
      return { labels: s.labels, total: c.total, bad: c.total - c.good, badLow: c.total - upper };
    })
    .filter((r) => r.total > 0);

  const total = sum(rows.map((r) => r.total));
  const bad = sum(rows.map((r) => r.bad));
  const badLow = sum(rows.map((r) => r.badLow));
  const allowedBadEvents = opts.allowedBadFraction * total;
  const share = (b: number, t: number, low: number): ValueShare => ({
    bad: b,
    total: t,
    budgetShare: total > 0 ? b / allowedBadEvents : null,
    badShare: bad > 0 ? b / bad : null,
    ...(bracketed ? { badLowerBound: low } : {}),
  });

  const ignore = new Set(["le", "__name__", ...(opts.ignore ?? [])]);
  const fixedDims: { kind: DimensionKind; label: string }[] = [
    { kind: "operation", label: opts.labels.operation },
    { kind: "span_kind", label: opts.labels.spanKind },
    { kind: "status_code", label: opts.labels.statusCode },
  ];
  const fixedNames = new Set(fixedDims.map((d) => d.label));
  const extra = [...new Set(rows.flatMap((r) => Object.keys(r.labels)))].filter((l) => !ignore.has(l) && !fixedNames.has(l)).sort();
  const dims = [...fixedDims.filter((d) => !ignore.has(d.label)), ...extra.map((label) => ({ kind: "label" as const, label }))];

  const dimensions: AttributedDimension[] = [];
  const fixed: Attribution["fixed"] = [];
  for (const d of dims) {
    const byValue = new Map<string, { bad: number; total: number; badLow: number }>();
    for (const r of rows) {
      const v = r.labels[d.label] ?? "";
      const acc = byValue.get(v) ?? { bad: 0, total: 0, badLow: 0 };
      acc.bad += r.bad;
      acc.total += r.total;
      acc.badLow += r.badLow;
      byValue.set(v, acc);
    }
    if (byValue.size === 0) continue;
    if (byValue.size === 1) {
      const [value] = byValue.keys();
      // A label no series carries is no dimension at all.
      if (value !== "" || fixedNames.has(d.label)) fixed.push({ kind: d.kind, value, label: d.label });
      continue;
    }
    // Most bad first; ties by traffic, then by value so the order is stable.
    const ranked = [...byValue.entries()].sort(([va, a], [vb, b]) => b.bad - a.bad || b.total - a.total || (va < vb ? -1 : va > vb ? 1 : 0));
    const listed = ranked.slice(0, topN);
    const rest = ranked.slice(listed.length);
    dimensions.push({
      kind: d.kind,
      label: d.label,
      values: listed.map(([value, a]) => ({ value, ...share(a.bad, a.total, a.badLow) })),
      other: rest.length
        ? { ...share(sum(rest.map(([, a]) => a.bad)), sum(rest.map(([, a]) => a.total)), sum(rest.map(([, a]) => a.badLow))), valueCount: rest.length }
        : null,
      valueCount: ranked.length,
    });
  }

  return {
    totals: { good: total - bad, total, bad, allowedBadEvents, budgetConsumed: total > 0 ? bad / allowedBadEvents : null, ...(bracketed ? { badLowerBound: badLow } : {}) },
    dimensions,
    fixed,
    seriesWithTraffic: rows.length,
    clampedSeries,
  };
}

/** Sum in ascending order of magnitude: integer counts stay exact, large float ones lose the least. */
function sum(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b).reduce((a, x) => a + x, 0);
}
