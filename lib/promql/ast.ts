// Typed PromQL expression parts and their one renderer (ARCHITECTURE.md §3: built, never concatenated).
// Names are checked against the Prometheus grammar and values go through escapeLabelValue, so no
// input can change the shape of a query. Pure, no I/O.
import { formatDuration } from "./duration";
import { quoteLabelValue } from "./escape";

export type MatchOp = "=" | "!=" | "=~" | "!~";
export interface Matcher {
  label: string;
  op: MatchOp;
  value: string;
}
export interface Selector {
  kind: "selector";
  metric: string;
  matchers: readonly Matcher[];
  /** `offset <d>`: read the series as of this many seconds earlier (rules compare with yesterday, last week). */
  offsetSeconds?: number;
}
export type RangeFnName = "increase" | "rate" | "resets" | "max_over_time" | "min_over_time" | "count_over_time";
export interface RangeCall {
  kind: "range";
  fn: RangeFnName;
  selector: Selector;
  durationSeconds: number;
}
/** `fn(expr[range:resolution])`: a range function over an expression evaluated at a resolution. */
export interface Subquery {
  kind: "subquery";
  fn: RangeFnName;
  expr: Expr;
  rangeSeconds: number;
  resolutionSeconds: number;
}
export type InstantFnName = "timestamp" | "abs" | "clamp_min" | "absent";
export interface InstantCall {
  kind: "call";
  fn: InstantFnName;
  arg: Expr;
}
export type AggOp = "sum" | "count" | "max" | "min" | "group";
export interface Aggregate {
  kind: "agg";
  op: AggOp;
  expr: Expr;
  by: readonly string[] | null;
  /** `without (…)` instead of `by`: every label but these is kept. */
  without?: readonly string[];
}
export type BinaryOp = "+" | "-" | "*" | "/" | "or" | "and" | "unless" | ComparisonOp;
/** Filtering comparisons (no `bool`): the left operand's samples that satisfy the comparison. */
export type ComparisonOp = ">" | ">=" | "<" | "<=" | "==";
export interface Binary {
  kind: "binary";
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  /** `ignoring(…)`: labels left out when matching the two sides (one-to-one). */
  ignoring?: readonly string[];
}
export interface NumberLiteral {
  kind: "number";
  value: number;
}
/** `label_replace(expr, dst, replacement, "", "")`: stamps a constant label, used to tag batched sub-queries. */
export interface SetLabel {
  kind: "set_label";
  expr: Expr;
  label: string;
  value: string;
}
export type Expr = Selector | RangeCall | Subquery | InstantCall | Aggregate | Binary | NumberLiteral | SetLabel;

export class PromqlBuildError extends Error {}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function checkLabel(name: string): string {
  if (!LABEL_NAME.test(name)) throw new PromqlBuildError(`invalid label name ${JSON.stringify(name)}`);
  return name;
}

export function selector(metric: string, matchers: readonly Matcher[] = []): Selector {
  if (!METRIC_NAME.test(metric)) throw new PromqlBuildError(`invalid metric name ${JSON.stringify(metric)}`);
  matchers.forEach((m) => checkLabel(m.label));
  return { kind: "selector", metric, matchers };
}
/** The same selector read `offsetSeconds` earlier. */
export const offset = (sel: Selector, offsetSeconds: number): Selector => {
  formatDuration(offsetSeconds);
  return { ...sel, offsetSeconds };
};
export const matcher = (label: string, op: MatchOp, value: string): Matcher => ({ label: checkLabel(label), op, value });
export const rangeFn = (fn: RangeFnName, sel: Selector, durationSeconds: number): RangeCall => {
  formatDuration(durationSeconds); // fail at build time, not at render time
  return { kind: "range", fn, selector: sel, durationSeconds };
};
export const subquery = (fn: RangeFnName, expr: Expr, rangeSeconds: number, resolutionSeconds: number): Subquery => {
  formatDuration(rangeSeconds);
  formatDuration(resolutionSeconds);
  return { kind: "subquery", fn, expr, rangeSeconds, resolutionSeconds };
};
export const call = (fn: InstantFnName, arg: Expr): InstantCall => ({ kind: "call", fn, arg });
export const agg = (op: AggOp, expr: Expr, by: readonly string[] | null = null): Aggregate => ({
  kind: "agg",
  op,
  expr,
  by: by ? by.map(checkLabel) : null,
});
export const aggWithout = (op: AggOp, expr: Expr, without: readonly string[]): Aggregate => ({ kind: "agg", op, expr, by: null, without: without.map(checkLabel) });
export const sum = (expr: Expr, by: readonly string[] | null = null) => agg("sum", expr, by);
export const binary = (op: BinaryOp, lhs: Expr, rhs: Expr, match: { ignoring?: readonly string[] } = {}): Binary =>
  match.ignoring ? { kind: "binary", op, lhs, rhs, ignoring: match.ignoring.map(checkLabel) } : { kind: "binary", op, lhs, rhs };
export const num = (value: number): NumberLiteral => ({ kind: "number", value });
export const setLabel = (expr: Expr, label: string, value: string): SetLabel => ({ kind: "set_label", expr, label: checkLabel(label), value });

/** `count by (le) (<bucket selector>)`: how many series share each boundary. */
export const countByLe = (sel: Selector): Aggregate => agg("count", sel, ["le"]);

function renderNumber(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}

function renderSelector(s: Selector, range?: number): string {
  const base = s.matchers.length === 0 ? s.metric : `${s.metric}{${s.matchers.map((m) => `${m.label}${m.op}${quoteLabelValue(m.value)}`).join(", ")}}`;
  // The offset modifier follows the range: `x[30m] offset 1d`.
  return `${base}${range === undefined ? "" : `[${formatDuration(range)}]`}${s.offsetSeconds ? ` offset ${formatDuration(s.offsetSeconds)}` : ""}`;
}

/** Query text made by render(): the metrics client accepts only this, so no other code path (and no client request) can hand it PromQL. */
export type PromQL = string & { readonly __brand: "PromQL" };

export function render(e: Expr): PromQL {
  return renderExpr(e) as PromQL;
}

function renderExpr(e: Expr): string {
  switch (e.kind) {
    case "selector":
      return renderSelector(e);
    case "range":
      return `${e.fn}(${renderSelector(e.selector, e.durationSeconds)})`;
    case "subquery":
      return `${e.fn}(${renderExpr(e.expr)}[${formatDuration(e.rangeSeconds)}:${formatDuration(e.resolutionSeconds)}])`;
    case "call":
      return `${e.fn}(${renderExpr(e.arg)})`;
    case "agg":
      return `${e.op}${e.by ? ` by (${e.by.join(", ")}) ` : e.without ? ` without (${e.without.join(", ")}) ` : ""}(${renderExpr(e.expr)})`;
    case "binary": {
      // Nested binaries are parenthesised so precedence never depends on the reader knowing PromQL's
      // table; a left operand with the same operator needs none (every operator here is left-associative).
      const side = (x: Expr, left: boolean) =>
        x.kind === "binary" && !(left && x.op === e.op) ? `(${renderExpr(x)})` : renderExpr(x);
      const op = e.ignoring ? `${e.op} ignoring (${e.ignoring.join(", ")})` : e.op;
      return `${side(e.lhs, true)} ${op} ${side(e.rhs, false)}`;
    }
    case "number":
      return renderNumber(e.value);
    case "set_label":
      return `label_replace(${renderExpr(e.expr)}, ${quoteLabelValue(e.label)}, ${quoteLabelValue(e.value)}, "", "")`;
  }
}
