// Span-metric exposition writer: build cumulative histogram state per series (state.ts) and render it
// for promtool backfill, VictoriaMetrics import or a live OpenMetrics scrape with exemplars (render.ts).
export type * from "./types";
export { escapeLabelValue, formatLabels, formatLe, formatValue, formatSecondsTimestamp, formatMillisTimestamp } from "./format";
export { OPENMETRICS_CONTENT_TYPE, renderOpenMetricsBackfill, renderOpenMetricsScrape, renderPrometheusImport } from "./render";
export type { ScrapeOptions } from "./render";
export { addToBucket, bucketIndex, newHistogramState, observe, resetHistogram, snapshot, spanLabels } from "./state";
export type { HistogramState, SpanIdentity } from "./state";
