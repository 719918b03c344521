// "Open in Grafana Explore": the URL of one trace in Grafana's Explore with a Tempo datasource.
// Pure, no I/O.
// Format (Grafana ≥ 10, public/app/features/explore/hooks/useStateSync/migrators/v1.ts):
//   <grafana>/explore?schemaVersion=1&panes=<JSON>&orgId=1
// panes is {<pane id>: {datasource: <uid>, queries: [...], range: {from, to}}}; a pane id must be 3
// characters of [a-z0-9] with at least one letter (others are replaced by a random one). The Tempo
// query is {refId, datasource: {type: "tempo", uid}, queryType: "traceql", query: <trace id>}:
// TraceQL's editor opens a trace when the query is a bare trace id.

export interface ExploreTarget {
  grafanaUrl: string;
  tempoUid: string;
  traceId: string;
  /** The trace's extent (unix ms); Explore's range is padded around it so the trace is inside. */
  startMs?: number;
  endMs?: number;
}

const PAD_MS = 5 * 60_000;

/** Null when either the Grafana URL or the Tempo UID is missing. */
export function grafanaExploreUrl(t: ExploreTarget): string | null {
  if (!t.grafanaUrl || !t.tempoUid) return null;
  const range =
    t.startMs !== undefined && t.endMs !== undefined
      ? { from: String(Math.floor(t.startMs - PAD_MS)), to: String(Math.ceil(t.endMs + PAD_MS)) }
      : { from: "now-1h", to: "now" };
  const panes = {
    trc: {
      datasource: t.tempoUid,
      queries: [{ refId: "A", datasource: { type: "tempo", uid: t.tempoUid }, queryType: "traceql", query: t.traceId }],
      range,
    },
  };
  const base = t.grafanaUrl.replace(/\/+$/, "");
  return `${base}/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify(panes))}&orgId=1`;
}
