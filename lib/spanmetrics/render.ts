// The three exposition writers for span-metric histograms and counters:
//  - OpenMetrics with second timestamps, for `promtool tsdb create-blocks-from openmetrics` (backfill);
//  - Prometheus text with millisecond timestamps, for VictoriaMetrics `POST /api/v1/import/prometheus`;
//  - a live OpenMetrics scrape (no timestamps) with trace exemplars on bucket lines.
// Backfill/import are generators of text chunks (one per series) so callers can stream files of any size.
// promtool rejects `# UNIT` lines for histograms, so none is written.
import {
  assertMetricName,
  escapeHelp,
  formatExemplar,
  formatLabels,
  formatLe,
  formatMillisTimestamp,
  formatSecondsTimestamp,
  formatValue,
} from "./format";
import type { HistogramFamily, HistogramPoint, LabelSet, MetricFamily, RenderOptions } from "./types";

/** Content type a live scrape must be served with for Prometheus to ingest exemplars. */
export const OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

interface Style {
  openMetrics: boolean;
  /** Formats a point's timestamp (with its leading space), or "" when the style writes none. */
  timestamp: (t: number | undefined) => string;
  /** Whether exemplars are written (live scrape only), and the label to use when the family names none. */
  exemplars: boolean;
  exemplarLabel?: string;
  leSpelling: RenderOptions["leSpelling"];
}

const requiredTimestamp = (fmt: (t: number) => string) => (t: number | undefined) => {
  if (t === undefined) throw new Error("backfill/import points need timestamps");
  return ` ${fmt(t)}`;
};

/** OpenMetrics text for promtool backfill: timestamps in seconds, ends with `# EOF`. */
export function* renderOpenMetricsBackfill(families: Iterable<MetricFamily>, opts: RenderOptions = {}): Generator<string> {
  yield* renderFamilies(families, {
    openMetrics: true,
    timestamp: requiredTimestamp(formatSecondsTimestamp),
    exemplars: false,
    leSpelling: opts.leSpelling,
  });
  yield "# EOF\n";
}

/** Prometheus text format with millisecond timestamps (VictoriaMetrics `/api/v1/import/prometheus`). */
export function* renderPrometheusImport(families: Iterable<MetricFamily>, opts: RenderOptions = {}): Generator<string> {
  yield* renderFamilies(families, {
    openMetrics: false,
    timestamp: requiredTimestamp(formatMillisTimestamp),
    exemplars: false,
    leSpelling: opts.leSpelling,
  });
}

export interface ScrapeOptions extends RenderOptions {
  /** Exemplar trace label of the producer profile (`traceID` for Tempo, `trace_id` for OTel), for families that name none. */
  exemplarTraceLabel?: string;
}

/**
 * A live OpenMetrics scrape body: the current value of each series (one point each, timestamps
 * ignored so Prometheus stamps the scrape time), exemplars on bucket lines. Serve it with
 * OPENMETRICS_CONTENT_TYPE.
 */
export function renderOpenMetricsScrape(families: Iterable<MetricFamily>, opts: ScrapeOptions = {}): string {
  const chunks = [
    ...renderFamilies(families, {
      openMetrics: true,
      timestamp: () => "",
      exemplars: true,
      exemplarLabel: opts.exemplarTraceLabel,
      leSpelling: opts.leSpelling,
    }),
  ];
  return chunks.join("") + "# EOF\n";
}

function* renderFamilies(families: Iterable<MetricFamily>, style: Style): Generator<string> {
  for (const family of families) {
    assertMetricName(family.name);
    // OpenMetrics names a counter family without its `_total` sample suffix; the text format names the sample.
    const familyName =
      family.type === "counter" && style.openMetrics ? family.name.replace(/_total$/, "") : family.name;
    let header = "";
    if (family.help !== undefined) header += `# HELP ${familyName} ${escapeHelp(family.help, style.openMetrics)}\n`;
    header += `# TYPE ${familyName} ${family.type}\n`;
    yield header;
    if (family.type === "histogram") {
      for (const s of family.series) yield renderHistogramSeries(family, s.labels, s.points, style);
    } else {
      if (style.openMetrics && !family.name.endsWith("_total"))
        throw new Error(`OpenMetrics counter ${family.name} must end in _total`);
      for (const s of family.series) {
        const labels = formatLabels(s.labels);
        let out = "";
        let last = -Infinity;
        for (const p of s.points) {
          checkOrder(p.timestampSeconds, last, family.name);
          last = p.timestampSeconds ?? last;
          out += `${family.name}${labels} ${formatValue(p.value)}${style.timestamp(p.timestampSeconds)}\n`;
        }
        yield out;
      }
    }
  }
}

function renderHistogramSeries(family: HistogramFamily, labels: LabelSet, points: Iterable<HistogramPoint>, style: Style): string {
  const les = [...family.bounds.map((b) => formatLe(b, style.leSpelling)), "+Inf"];
  const bucketLabels = les.map((le) => formatLabels(labels, ["le", le]));
  const plain = formatLabels(labels);
  const { name } = family;
  const traceLabel = family.exemplarTraceLabel ?? style.exemplarLabel;
  let out = "";
  let last = -Infinity;
  for (const p of points) {
    checkPoint(family, p);
    checkOrder(p.timestampSeconds, last, name);
    last = p.timestampSeconds ?? last;
    const ts = style.timestamp(p.timestampSeconds);
    for (let i = 0; i < les.length; i++) {
      const v = i < p.buckets.length ? p.buckets[i] : p.count;
      const ex = style.exemplars ? p.exemplars?.[i] : undefined;
      if (ex && !traceLabel) throw new Error(`${name}: an exemplar needs a trace label (family or scrape option)`);
      out += `${name}_bucket${bucketLabels[i]} ${formatValue(v)}${ts}${ex ? formatExemplar(ex, traceLabel!) : ""}\n`;
    }
    out += `${name}_count${plain} ${formatValue(p.count)}${ts}\n`;
    out += `${name}_sum${plain} ${formatValue(p.sum)}${ts}\n`;
  }
  return out;
}

/** A malformed histogram would be stored silently and corrupt every SLI read from it: refuse it here. */
function checkPoint(family: HistogramFamily, p: HistogramPoint): void {
  if (p.buckets.length !== family.bounds.length)
    throw new Error(`${family.name}: ${p.buckets.length} bucket counts for ${family.bounds.length} bounds`);
  let prev = 0;
  for (const c of p.buckets) {
    if (!(c >= prev)) throw new Error(`${family.name}: bucket counts must be cumulative and non-negative`);
    prev = c;
  }
  if (!(p.count >= prev)) throw new Error(`${family.name}: count ${p.count} below the last finite bucket ${prev}`);
}

function checkOrder(t: number | undefined, last: number, name: string): void {
  if (t !== undefined && !(t > last)) throw new Error(`${name}: timestamps must increase within a series (${t} after ${last})`);
}
