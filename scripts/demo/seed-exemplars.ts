// Puts exemplars for the demo's past into Prometheus' exemplar storage by remote write (the
// backfill cannot: promtool drops exemplars), and hands their traces to the live world so the
// trace-by-ID API serves them. Prometheus accepts an exemplar only for a series already in its
// head block and only newer than that series' last exemplar, so the order is:
//   1. the world server runs with holdExemplars (scrapes without exemplars) and has been scraped once;
//   2. the past exemplars are written, oldest first per series;
//   3. releaseExemplars(): live scrapes carry exemplars again, all newer than the seeded ones.
// Prometheus needs --web.enable-remote-write-receiver and --enable-feature=exemplar-storage; its
// exemplar buffer (storage.exemplars.max_exemplars, default 100,000) is shared with the live ones,
// oldest out first, so the seeded past lasts until live scrapes have written that many.
import { historicalExemplars, type ExemplarHistoryOptions } from "@/lib/demo/exemplar-history";
import type { LiveWorld } from "@/lib/demo/live";
import { createRng } from "@/lib/demo/random";
import { bucketMetric } from "@/lib/promql/profiles";
import { encodeWriteRequest, REMOTE_WRITE_HEADERS, snappyLiteral, type RemoteWriteSeries } from "@/lib/spanmetrics/remote-write";
import { formatLe, spanLabels } from "@/lib/spanmetrics";

export interface SeedExemplarsOptions extends Omit<ExemplarHistoryOptions, "profile"> {
  live: LiveWorld;
  prometheusUrl: string;
  /** Target labels Prometheus adds to the world server's series (job, instance). */
  targetLabels: Readonly<Record<string, string>>;
  seed: string;
  /** How long to wait for the first scrape. */
  timeoutMs?: number;
  /**
   * Wait for a sample scraped at or after this time. Needed when the target labels are empty (the
   * demo drops job/instance): the backfilled history already answers the query, but its series
   * are in blocks, not in the head, and Prometheus drops exemplars of series not in its head.
   */
  scrapedAfterMs?: number;
}

export interface SeedExemplarsResult {
  traces: number;
  exemplars: number;
  series: number;
}

const BATCH_SERIES = 1000;

export async function seedPastExemplars(opts: SeedExemplarsOptions): Promise<SeedExemplarsResult> {
  const { live, prometheusUrl } = opts;
  const profile = live.profile;
  await waitForScrape(prometheusUrl, bucketMetric(profile), opts.targetLabels, opts.timeoutMs ?? 60_000, opts.scrapedAfterMs ?? 0);

  const { traces, exemplars } = historicalExemplars(createRng(`${opts.seed}/exemplar-history/${opts.fromMs}`), { ...opts, profile });
  live.addHistoricalTraces(traces);
  const bySeries = new Map<string, RemoteWriteSeries & { exemplars: { labels: Record<string, string>; value: number; timestampMs: number }[] }>();
  for (const e of exemplars) {
    const le = e.bucket < profile.defaultBuckets.length ? formatLe(profile.defaultBuckets[e.bucket]) : "+Inf";
    const labels = { __name__: bucketMetric(profile), ...spanLabels(profile, e.key), le, ...opts.targetLabels };
    const k = JSON.stringify(labels);
    let s = bySeries.get(k);
    if (!s) bySeries.set(k, (s = { labels, exemplars: [] }));
    s.exemplars.push({ labels: { [profile.exemplarTraceLabel]: e.traceId }, value: e.value, timestampMs: e.timestampMs });
  }
  const series = [...bySeries.values()];
  // Oldest first per series, one per millisecond: an exemplar not newer than the last is refused.
  for (const s of series) {
    s.exemplars.sort((a, b) => a.timestampMs - b.timestampMs);
    s.exemplars = s.exemplars.filter((e, i, all) => i === 0 || e.timestampMs > all[i - 1].timestampMs);
  }
  for (let i = 0; i < series.length; i += BATCH_SERIES) {
    const body = snappyLiteral(encodeWriteRequest(series.slice(i, i + BATCH_SERIES)));
    const res = await fetch(`${prometheusUrl}/api/v1/write`, { method: "POST", headers: REMOTE_WRITE_HEADERS, body: body.buffer as ArrayBuffer });
    if (!res.ok) throw new Error(`remote write to ${prometheusUrl} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
  }
  live.releaseExemplars();
  return { traces: traces.length, exemplars: series.reduce((n, s) => n + s.exemplars.length, 0), series: series.length };
}

/** Until Prometheus has the world server's bucket series in its head (they exist from the first scrape). */
async function waitForScrape(url: string, metric: string, target: Readonly<Record<string, string>>, timeoutMs: number, afterMs: number): Promise<void> {
  const series = `${metric}{${Object.entries(target).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",")}}`;
  const sel = `count(timestamp(${series}) >= ${Math.floor(afterMs / 1000)})`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: sel })}`).catch(() => null);
    const body = res?.ok ? ((await res.json()) as { data?: { result?: unknown[] } }) : null;
    if ((body?.data?.result?.length ?? 0) > 0) {
      // The scrape is committed as a whole: give the head a moment past the first visible sample.
      await new Promise((r) => setTimeout(r, 500));
      return;
    }
    if (Date.now() > deadline) throw new Error(`Prometheus at ${url} did not scrape ${metric} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
