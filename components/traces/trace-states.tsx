// The trace page's states other than the waterfall: loading, not found, backend error, no datasource.
import { ApiError, describeError } from "@/lib/client/http";
import { Button, ButtonLink } from "../ui/button";
import { Callout } from "../ui/callout";
import { EmptyState } from "../ui/empty-state";
import { Skeleton } from "../ui/skeleton";

export function TraceSkeleton() {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="space-y-4">
      <span className="sr-only">Loading the trace…</span>
      <Skeleton className="h-7 w-96" />
      <Skeleton className="h-4 w-64" />
      <div className="space-y-2 rounded-lg border border-zinc-200 bg-white p-4">
        {Array.from({ length: 10 }, (_, i) => (
          <div key={i} className="flex items-center gap-4">
            <Skeleton className="h-4 w-64" />
            <Skeleton className="h-3" />
            <div className="relative h-3 flex-1">
              <Skeleton className="absolute h-3" />
              <div aria-hidden className="absolute h-3 animate-pulse rounded bg-zinc-200/80" style={{ left: `${(i * 7) % 50}%`, width: `${60 - ((i * 11) % 45)}%` }} />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

export function TraceLoadError({ error, traceId, onRetry }: { error: unknown; traceId: string; onRetry: () => void }) {
  if (error instanceof ApiError && error.status === 404)
    return (
      <EmptyState title="This trace is not in the trace backend" action={<ButtonLink href="/slos">Back to the SLOs</ButtonLink>}>
        <p>
          {/* The API's detail names the backend and the likely reason; without one, say it ourselves. */}
          {error.detail ? (
            <span className="break-words">{error.detail.charAt(0).toUpperCase() + error.detail.slice(1)}.</span>
          ) : (
            <>
              No spans of trace <span className="font-mono">{traceId}</span> were found: it was probably sampled out, or it is older than the backend keeps traces.
            </>
          )}
        </p>
        <p className="mt-2">
          Metrics keep exemplars of every request, but the trace backend keeps only the traces its sampling chose, and only for its retention. Try an exemplar from a more recent
          moment, or check the sampling policy and retention of this datasource&apos;s trace backend.
        </p>
      </EmptyState>
    );
  const { title, detail } = describeError(error);
  return (
    <Callout title={`Could not load the trace: ${title}`} action={<Button onClick={onRetry}>Try again</Button>}>
      {detail || "The trace backend did not answer properly."}
    </Callout>
  );
}

export function NoDatasource() {
  return (
    <EmptyState title="Which datasource holds this trace?" action={<ButtonLink href="/slos">Open an SLO</ButtonLink>}>
      This link names no datasource. Trace links from an SLO page carry one (<span className="font-mono">?datasource=…</span>); open the trace from there.
    </EmptyState>
  );
}
