// Token formatting shared by the exposition writers: label escaping, `le` spelling, numbers, timestamps.
// Escaping follows the Prometheus text format and OpenMetrics 1.0 (both escape `\`, `"` and newline
// in label values); a wrongly escaped value is not an error downstream, it just never matches.
import type { Exemplar, LabelSet, LeSpelling } from "./types";

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** HELP text: the text format escapes `\` and newline; OpenMetrics also escapes `"`. */
export function escapeHelp(text: string, openMetrics: boolean): string {
  const s = text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
  return openMetrics ? s.replace(/"/g, '\\"') : s;
}

export function assertMetricName(name: string): void {
  if (!METRIC_NAME.test(name)) throw new Error(`invalid metric name ${JSON.stringify(name)}`);
}

/** `{a="x",b="y"}` in the given key order, with `extra` (e.g. `le`) appended last; `""` for no labels. */
export function formatLabels(labels: LabelSet, extra?: readonly [string, string]): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(labels)) {
    if (!LABEL_NAME.test(k) || k === "le") throw new Error(`invalid label name ${JSON.stringify(k)}`);
    parts.push(`${k}="${escapeLabelValue(v)}"`);
  }
  if (extra) parts.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
}

/** Sample values: shortest round-trip decimal, with the exposition spellings of the non-finite values. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}

/**
 * Bucket bound as a label value. Prometheus 2 stores what Tempo and the OTel collector write
 * (Go `FormatFloat(b, 'f', -1, 64)`: `1`, `0.512`, `15000`); Prometheus 3 rewrites integral
 * bounds with a trailing `.0`.
 */
export function formatLe(bound: number, spelling: LeSpelling = "prometheus2"): string {
  if (bound === Infinity) return "+Inf";
  if (!Number.isFinite(bound)) throw new Error(`invalid bucket bound ${bound}`);
  // Number#toString switches to exponent notation at 1e21 and below 1e-6: no real bucket layout goes there.
  const s = String(bound);
  if (/e/i.test(s)) throw new Error(`bucket bound ${bound} needs exponent notation; not supported`);
  return spelling === "prometheus3" && Number.isInteger(bound) ? `${s}.0` : s;
}

/** OpenMetrics timestamps are seconds; fractions are kept to the millisecond (Prometheus' resolution). */
export function formatSecondsTimestamp(t: number): string {
  if (!Number.isFinite(t)) throw new Error(`invalid timestamp ${t}`);
  const ms = Math.round(t * 1000);
  return ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(3);
}

/** The Prometheus text format (and VictoriaMetrics' import) uses integer milliseconds. */
export function formatMillisTimestamp(t: number): string {
  if (!Number.isFinite(t)) throw new Error(`invalid timestamp ${t}`);
  return String(Math.round(t * 1000));
}

/** ` # {traceID="…"} 0.31 1795552938.309` (OpenMetrics exemplar; its label set may hold at most 128 characters). */
export function formatExemplar(e: Exemplar, traceLabel: string): string {
  const labels = formatLabels({ [traceLabel]: e.traceId });
  if (traceLabel.length + e.traceId.length > 128) throw new Error("exemplar label set exceeds 128 characters");
  const ts = e.timestampSeconds === undefined ? "" : ` ${formatSecondsTimestamp(e.timestampSeconds)}`;
  return ` # ${labels} ${formatValue(e.value)}${ts}`;
}
