// Test support (not a test file): a small span-metrics history whose exact answers are obvious,
// rendered as OpenMetrics (promtool backfill, seconds) and Prometheus text (VictoriaMetrics, ms).
// Every counter starts at 0 at T0 and grows by a fixed amount per minute, so on Prometheus 2.x
// `increase(...[W])` over any window reaching back to T0 equals minutes × increment exactly.

/** 2026-01-01T00:00:00Z */
export const T0 = 1_767_225_600;
export const MINUTES = 60;
export const T_END = T0 + MINUTES * 60;

export interface HistSeries {
  base: string;
  labels: Record<string, string>;
  /** le spelling → increment per minute (cumulative buckets: must not decrease). */
  buckets: [string, number][];
}

export const TEMPO_BASE = "traces_spanmetrics_latency";
export const OTEL_BASE = "traces_span_metrics_duration_milliseconds";
export const ODD_SERVICE = 'we"ird\\svc} or vector(1) #日本';
export const ODD_SPAN = 'GET /x"y\\z\n🚀';

const tempo = (labels: Record<string, string>, buckets: [string, number][]): HistSeries => ({ base: TEMPO_BASE, labels, buckets });
const cart = { service: "checkout", span_name: "GET /cart", span_kind: "SPAN_KIND_SERVER" };

export const HISTORY: HistSeries[] = [
  tempo({ ...cart, status_code: "STATUS_CODE_OK" }, [["0.25", 4], ["0.5", 7], ["1", 9], ["+Inf", 10]]),
  tempo({ ...cart, status_code: "STATUS_CODE_ERROR" }, [["0.25", 1], ["0.5", 1], ["1", 2], ["+Inf", 2]]),
  // Same boundaries spelled as Prometheus 3 writes them: `1.0`.
  tempo({ ...cart, status_code: "STATUS_CODE_OK", cluster: "b" }, [["0.25", 1], ["0.5", 2], ["1.0", 3], ["+Inf", 5]]),
  tempo({ service: "checkout", span_name: "POST /pay", span_kind: "SPAN_KIND_SERVER", status_code: "STATUS_CODE_OK" }, [["0.25", 2], ["0.5", 4], ["1", 6], ["+Inf", 8]]),
  tempo({ service: ODD_SERVICE, span_name: ODD_SPAN, span_kind: "SPAN_KIND_CLIENT", status_code: "STATUS_CODE_OK" }, [["0.25", 3], ["0.5", 3], ["1", 3], ["+Inf", 3]]),
  {
    base: OTEL_BASE,
    labels: { service_name: "inventory", span_name: "GET /stock", span_kind: "SPAN_KIND_SERVER", status_code: "STATUS_CODE_UNSET" },
    buckets: [["100", 5], ["200", 6], ["400", 7], ["+Inf", 8]],
  },
];

const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const labelText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}="${esc(v)}"`)
    .join(",");

/** Sample lines per series: buckets, then _count (= +Inf) and _sum (0.1 s per request, arbitrary). */
function lines(history: readonly HistSeries[], ts: (t: number) => string): Map<string, string[]> {
  const byBase = new Map<string, string[]>();
  for (const s of history) {
    const out = byBase.get(s.base) ?? [];
    byBase.set(s.base, out);
    const inf = s.buckets.find(([le]) => le === "+Inf")![1];
    const emit = (name: string, labels: Record<string, string>, perMinute: number) => {
      for (let m = 0; m <= MINUTES; m++) out.push(`${name}{${labelText(labels)}} ${perMinute * m} ${ts(T0 + m * 60)}`);
    };
    for (const [le, inc] of s.buckets) emit(`${s.base}_bucket`, { ...s.labels, le }, inc);
    emit(`${s.base}_count`, s.labels, inf);
    emit(`${s.base}_sum`, s.labels, inf * 0.1);
  }
  return byBase;
}

export function openMetrics(history: readonly HistSeries[] = HISTORY): string {
  const out: string[] = [];
  for (const [base, ls] of lines(history, (t) => String(t))) out.push(`# TYPE ${base} histogram`, ...ls);
  return `${out.join("\n")}\n# EOF\n`;
}

export function prometheusText(history: readonly HistSeries[] = HISTORY): string {
  return `${[...lines(history, (t) => String(t * 1000)).values()].flat().join("\n")}\n`;
}

/** Sum over series matching `pick` of (increment at spelling-insensitive `le`) × minutes. */
export function expected(pick: (s: HistSeries) => boolean, le: number, minutes = MINUTES): number {
  return HISTORY.filter(pick).reduce((acc, s) => acc + (s.buckets.find(([l]) => Number(l.replace("+Inf", "Infinity")) === le)?.[1] ?? 0) * minutes, 0);
}
