"use client";
// The requests behind a stretch of time, slowest first, from the SLO's exemplars: opened from a
// burn-rate row (the look-back's requests above the threshold, the ones that spent the budget),
// from a range brushed on the latency chart, or from an attribution link (a range narrowed to one
// label value). Each opens its trace once the trace backend confirms it still has it.
import { describeError } from "@/lib/client/http";
import { useSloExemplars } from "@/lib/client/exemplars/exemplars-query";
import { useOpenTrace } from "@/lib/client/exemplars/open-trace";
import { formatLatency } from "@/lib/client/exemplars/format";
import { formatMs, formatUtcSeconds } from "@/lib/client/status/format";
import type { SloExemplar } from "@/lib/schemas/exemplars";
import { Button } from "../ui/button";
import { Callout } from "../ui/callout";
import { Skeleton } from "../ui/skeleton";
import { cx } from "../ui/cx";

const traceText = { found: "trace found", missing: "trace gone", unchecked: "not checked yet" } as const;

export function SlowRequests({
  sloId,
  datasourceId,
  thresholdSeconds,
  from,
  to,
  aboveOnly,
  narrow,
  title,
  onClose,
}: {
  sloId: string;
  datasourceId: string;
  thresholdSeconds: number;
  from: number;
  to: number;
  aboveOnly: boolean;
  narrow?: { label: string; value: string };
  title: string;
  onClose: () => void;
}) {
  const q = useSloExemplars(sloId, { from, to, above: aboveOnly, label: narrow?.label, value: narrow?.value, limit: 100 });
  const { open, state, dismiss } = useOpenTrace(sloId, datasourceId);

  return (
    <section aria-label={title} data-testid="slow-requests" className="rounded-md border border-zinc-200 bg-zinc-50/60 p-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h4 className="text-sm font-semibold text-zinc-900">{title}</h4>
          <p className="mt-0.5 text-xs text-zinc-500">
            {formatUtcSeconds(from)} – {formatUtcSeconds(to)}
            {narrow ? (
              <>
                {" "}· only <span className="font-mono">{narrow.label}</span> = <span className="font-mono">{narrow.value}</span>
              </>
            ) : null}
            {aboveOnly ? <> · slower than {formatMs(thresholdSeconds)}</> : null} · sampled requests (exemplars), slowest first
          </p>
        </div>
        <Button variant="ghost" onClick={onClose} aria-label={`Close ${title}`}>
          Close
        </Button>
      </div>
      {state?.phase === "refused" ? (
        <Callout tone="warning" title="This trace cannot be opened" className="mt-2" action={<Button variant="ghost" onClick={dismiss}>Dismiss</Button>}>
          {state.message.charAt(0).toUpperCase() + state.message.slice(1)}.
        </Callout>
      ) : null}
      <div className="mt-2">
        {q.isPending ? (
          <div role="status" aria-busy="true">
            <span className="sr-only">Loading slow requests…</span>
            <Skeleton className="h-24 w-full" />
          </div>
        ) : q.isError ? (
          <Callout title={`Could not load the requests: ${describeError(q.error).title}`} action={<Button onClick={() => q.refetch()}>Try again</Button>}>
            {describeError(q.error).detail}
          </Callout>
        ) : q.data.exemplars.length === 0 ? (
          <p className="py-3 text-sm text-zinc-600">
            {aboveOnly ? "No sampled request above the threshold in this range." : "No sampled requests in this range."}{" "}
            {q.data.warnings.length > 0 ? q.data.warnings[q.data.warnings.length - 1].charAt(0).toUpperCase() + q.data.warnings[q.data.warnings.length - 1].slice(1) + "." : null}
          </p>
        ) : (
          <>
            <RequestTable rows={q.data.exemplars} thresholdSeconds={thresholdSeconds} opening={state?.phase === "checking" ? state.traceId : null} onOpen={open} />
            <p className="mt-1.5 text-xs text-zinc-500">
              {q.data.matched > q.data.exemplars.length ? `The ${q.data.exemplars.length} slowest of ${q.data.matched} sampled requests. ` : `${q.data.matched} sampled request(s). `}
              {q.data.traces.note ? `${q.data.traces.note.charAt(0).toUpperCase()}${q.data.traces.note.slice(1)}.` : `Traces checked: ${q.data.traces.found} found, ${q.data.traces.missing} gone.`}
            </p>
          </>
        )}
      </div>
    </section>
  );
}

function RequestTable({ rows, thresholdSeconds, opening, onOpen }: { rows: SloExemplar[]; thresholdSeconds: number; opening: string | null; onOpen: (e: SloExemplar) => void }) {
  return (
    <div className="max-h-80 overflow-auto rounded border border-zinc-200 bg-white">
      <table className="min-w-full text-sm">
        <thead className="sticky top-0 bg-zinc-50 text-left text-xs font-medium text-zinc-600">
          <tr>
            <th scope="col" className="px-3 py-1.5 text-right">Latency</th>
            <th scope="col" className="px-3 py-1.5">Service</th>
            <th scope="col" className="px-3 py-1.5">Operation</th>
            <th scope="col" className="px-3 py-1.5">Status</th>
            <th scope="col" className="px-3 py-1.5">Time</th>
            <th scope="col" className="px-3 py-1.5">Trace</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((e) => (
            <tr key={e.traceId} data-trace-id={e.traceId}>
              <td className={cx("px-3 py-1 text-right tabular-nums", e.valueSeconds > thresholdSeconds ? "font-semibold text-red-800" : "text-zinc-800")}>{formatLatency(e.valueSeconds)}</td>
              <td className="px-3 py-1 text-zinc-700">{e.service}</td>
              <td className="max-w-64 truncate px-3 py-1 font-mono text-xs text-zinc-700" title={e.operation}>{e.operation}</td>
              <td className="px-3 py-1 text-xs text-zinc-600">{e.statusCode.replace(/^STATUS_CODE_/, "").toLowerCase()}</td>
              <td className="px-3 py-1 text-xs whitespace-nowrap text-zinc-600">{formatUtcSeconds(e.timestamp, true)}</td>
              <td className="px-3 py-1">
                <button
                  type="button"
                  onClick={() => onOpen(e)}
                  disabled={opening === e.traceId}
                  className={cx("rounded px-1.5 py-0.5 font-mono text-xs underline-offset-2 hover:underline", e.trace === "missing" ? "text-zinc-400 line-through" : "text-indigo-700")}
                  title={traceText[e.trace]}
                  aria-label={`Open trace ${e.traceId} (${traceText[e.trace]})`}
                >
                  {opening === e.traceId ? "checking…" : `${e.traceId.slice(0, 12)}…`}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
