"use client";
// "Latency and the requests behind it" on /slos/[id]: percentiles, threshold, request rate and
// exemplar dots over the chart span (?range=, ending at ?at or now); a dot opens its trace, a
// brushed range (?slowFrom&slowTo, also where attribution links land) lists its requests below.
// The chart is loaded on demand so recharts stays out of the page's first load.
import dynamic from "next/dynamic";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { describeError } from "@/lib/client/http";
import { useSloExemplars } from "@/lib/client/exemplars/exemplars-query";
import { useSloLatency } from "@/lib/client/exemplars/latency-query";
import { useOpenTrace } from "@/lib/client/exemplars/open-trace";
import { parseSlow, slowChanges } from "@/lib/client/exemplars/slow-params";
import { chartStepFor } from "@/lib/client/status/chart";
import { parseAt, parseRange, rangeSeconds, withParams } from "@/lib/client/status/search-params";
import { useSloStatus } from "@/lib/client/status/status-query";
import type { SloDto } from "@/lib/schemas/slo";
import { Button } from "../ui/button";
import { Callout } from "../ui/callout";
import { Skeleton } from "../ui/skeleton";
import { SlowRequests } from "./slow-requests";

const LatencyExemplarsChart = dynamic(() => import("../charts/latency-exemplars-chart").then((m) => m.LatencyExemplarsChart), {
  ssr: false,
  loading: () => <Skeleton className="h-[360px] w-full" />,
});

export function LatencySection({ slo }: { slo: SloDto }) {
  const at = parseAt(useSearchParams());
  // The status panel's own query (same key): its resolved window sizes the "whole window" span.
  const status = useSloStatus(slo.id, { at, version: slo.version });
  if (!status.isSuccess) return null;
  return <LatencyBody slo={slo} at={at} evaluatedAt={status.data.status.evaluatedAt} windowSeconds={status.data.status.window.durationSeconds} />;
}

function LatencyBody({ slo, at, evaluatedAt, windowSeconds }: { slo: SloDto; at: number | undefined; evaluatedAt: number; windowSeconds: number }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const span = rangeSeconds(parseRange(params), windowSeconds);
  const step = chartStepFor(span);
  // A live page ends at the status' evaluation (refreshed every minute) rounded to the step, so the
  // key, and the exemplars fetched, stay put between renders.
  const to = at ?? Math.floor(evaluatedAt / step) * step;
  const from = to - span;
  const lat = useSloLatency(slo.id, { from, to, step, version: slo.version });
  const ex = useSloExemplars(slo.id, { from, to, limit: 1000, version: slo.version });
  const { open, state, dismiss } = useOpenTrace(slo.id, slo.datasourceId);
  const sel = parseSlow(params);
  const range = sel?.kind === "range" ? sel : null;
  const setSlow = (next: Parameters<typeof slowChanges>[0]) => router.replace(`${pathname}${withParams(params.toString(), slowChanges(next))}`, { scroll: false });

  const dots = (ex.data?.exemplars ?? []).map((e) => ({ t: e.timestamp, valueSeconds: e.valueSeconds, aboveThreshold: e.aboveThreshold, traceId: e.traceId, service: e.service, operation: e.operation, trace: e.trace }));
  const above = dots.filter((d) => d.aboveThreshold).length;

  return (
    <section aria-labelledby="latency-title" className="rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="latency-title" className="text-sm font-semibold text-zinc-900">
        Latency and the requests behind it
      </h2>
      <p className="mt-0.5 text-xs text-zinc-500">
        Percentiles are bucket-resolution estimates (interpolated inside histogram buckets, like histogram_quantile); the SLI uses counts, never these. Dots are
        sampled requests (exemplars): click one to open its trace, or drag across the chart to list a range&apos;s requests.
      </p>
      {state?.phase === "refused" ? (
        <Callout tone="warning" title="This trace cannot be opened" className="mt-3" action={<Button variant="ghost" onClick={dismiss}>Dismiss</Button>}>
          {state.message.charAt(0).toUpperCase() + state.message.slice(1)}.
        </Callout>
      ) : state?.phase === "checking" ? (
        <p role="status" className="mt-3 text-xs text-zinc-600">
          Checking that the trace still exists…
        </p>
      ) : null}
      <div className="mt-3">
        {lat.isPending ? (
          <div role="status" aria-busy="true">
            <span className="sr-only">Loading latency…</span>
            <Skeleton className="h-[360px] w-full" />
          </div>
        ) : lat.isError ? (
          <Callout title={`Could not load latency: ${describeError(lat.error).title}`} action={<Button onClick={() => lat.refetch()}>Try again</Button>}>
            {describeError(lat.error).detail}
          </Callout>
        ) : lat.data.points.every((p) => p.p50 === null) && dots.length === 0 ? (
          <p className="py-10 text-center text-sm text-zinc-500">No requests in this span, so there is nothing to draw.</p>
        ) : (
          <LatencyExemplarsChart
            points={lat.data.points}
            dots={dots}
            thresholdSeconds={slo.thresholdSeconds}
            spanSeconds={span}
            stepSeconds={lat.data.stepSeconds}
            selected={range}
            onDot={(d) => open({ traceId: d.traceId, trace: dots.find((x) => x.traceId === d.traceId)?.trace ?? "unchecked" })}
            onBrush={(a, b) => setSlow({ kind: "range", from: a, to: b })}
          />
        )}
      </div>
      <p data-testid="exemplar-summary" className="mt-2 text-xs text-zinc-600">
        {ex.isPending
          ? "Loading exemplars…"
          : ex.isError
            ? `Exemplars could not be loaded: ${describeError(ex.error).title}.`
            : `${ex.data.matched.toLocaleString("en-US")} sampled request(s) in this span, ${above.toLocaleString("en-US")} of those shown above the threshold.${ex.data.traces.note ? ` ${ex.data.traces.note.charAt(0).toUpperCase()}${ex.data.traces.note.slice(1)}.` : ""}`}
        {ex.isSuccess && ex.data.warnings.length > 0 ? ` ${ex.data.warnings.map((w) => `${w.charAt(0).toUpperCase()}${w.slice(1)}.`).join(" ")}` : null}
      </p>
      {range ? (
        <div className="mt-3">
          <SlowRequests
            sloId={slo.id}
            datasourceId={slo.datasourceId}
            thresholdSeconds={slo.thresholdSeconds}
            from={range.from}
            to={range.to}
            aboveOnly={false}
            narrow={range.label && range.value ? { label: range.label, value: range.value } : undefined}
            title="Requests in the selected range"
            onClose={() => setSlow(null)}
          />
        </div>
      ) : null}
    </section>
  );
}
