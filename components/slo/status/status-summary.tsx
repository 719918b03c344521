// The numbers of one status response in words: SLI vs objective with its state, the error
// budget left and when it runs out, how fresh the data is, the exactness note and warnings.
// All phrasing comes from lib/client/status (tested); this file only lays it out.
import { formatObjective } from "@/lib/client/format";
import {
  describeBudget,
  describeExactness,
  describeExhaustion,
  describeFreshness,
  describeState,
  describeWarning,
  sliHeadline,
} from "@/lib/client/status/describe";
import { formatCount, formatUtcSeconds } from "@/lib/client/status/format";
import type { SloStatusResponse } from "@/lib/schemas/status";
import { Callout } from "../../ui/callout";
import { BudgetBar, ToneBadge } from "./badges";

function Tile({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0 rounded-md border border-zinc-200 p-4">
      <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500">{label}</h3>
      <div className="mt-2">{children}</div>
    </div>
  );
}

export function StatusSummary({ data, past }: { data: SloStatusResponse; past: boolean }) {
  const { status, exactness, freshness } = data;
  const state = describeState(status);
  const budget = describeBudget(status.budget);
  const exhaustion = describeExhaustion(status.budget);
  const fresh = describeFreshness(freshness, past);
  const exact = describeExactness(exactness, status.sliBounds);
  const warnings = [...status.warnings.filter((w) => w.code !== "below_min_events").map(describeWarning), ...data.warnings];

  return (
    <div className="space-y-4">
      <div className="grid gap-3 md:grid-cols-3">
        <Tile label="SLI over the window">
          <p className="flex flex-wrap items-baseline gap-x-2">
            <span data-testid="sli-value" className="text-2xl font-semibold tabular-nums text-zinc-900">
              {sliHeadline(status)}
            </span>
            <span className="text-sm text-zinc-600">· objective {formatObjective(status.objective)}</span>
          </p>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-zinc-600">
            <ToneBadge tone={state.tone}>{state.label}</ToneBadge>
            <span data-testid="state-detail">{state.detail}</span>
          </p>
          {status.sli !== null ? (
            <p className="mt-1 text-xs text-zinc-500">
              {formatCount(status.good)} of {formatCount(status.total)} requests within the threshold
            </p>
          ) : null}
        </Tile>
        <Tile label="Error budget">
          <BudgetBar remaining={status.budget?.remaining ?? null} tone={budget.tone} label={budget.headline} />
          <p data-testid="budget-text" className="mt-2 text-sm font-medium text-zinc-900">
            {budget.headline}
          </p>
          {budget.requests ? <p className="text-sm text-zinc-600">{budget.requests}</p> : null}
          {exhaustion ? <p className="mt-1 text-xs text-zinc-500">Time to exhaustion: {exhaustion}</p> : null}
        </Tile>
        <Tile label="Window and data">
          <p className="text-sm text-zinc-800">{status.window.label}</p>
          <p className="text-xs text-zinc-500">
            {formatUtcSeconds(status.window.startSeconds)} → {formatUtcSeconds(status.window.endSeconds)}
          </p>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-zinc-600">
            {fresh.stale ? <ToneBadge tone="warn">Stale</ToneBadge> : null}
            <span data-testid="freshness">{fresh.text}</span>
          </p>
        </Tile>
      </div>

      {fresh.stale && freshness.ageSeconds !== null ? (
        <Callout tone="warning" title="The data is stale">
          The newest sample is older than 10 minutes: the span-metrics pipeline may have stopped or stopped being scraped.
        </Callout>
      ) : null}

      {exact ? (
        <Callout tone="info" title="This SLI is a range, not an exact value">
          <p data-testid="exactness-note">{exact.summary}</p>
          {exact.nearby.length > 0 ? (
            <p className="mt-1">
              Exact thresholds nearby: <span data-testid="nearby-thresholds" className="font-medium">{exact.nearby.join(", ")}</span>
            </p>
          ) : null}
          {exactness.mixedLayouts ? <p className="mt-1">The selected series use different bucket layouts; only shared boundaries count.</p> : null}
        </Callout>
      ) : null}

      {warnings.length > 0 ? (
        <Callout tone="warning" title={warnings.length === 1 ? "Warning" : `${warnings.length} warnings`}>
          <ul className="list-disc space-y-0.5 pl-4">
            {warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </Callout>
      ) : null}
    </div>
  );
}

export function PromqlDetails({ source }: { source: SloStatusResponse["source"] }) {
  return (
    <details className="group rounded-md border border-zinc-200 text-sm">
      <summary className="cursor-pointer select-none px-3 py-2 font-medium text-zinc-700 hover:bg-zinc-50">
        Generated PromQL ({source.queries.length} {source.queries.length === 1 ? "query" : "queries"}, {source.profile.id} profile, {source.profile.unit})
      </summary>
      <div className="space-y-2 border-t border-zinc-200 p-3">
        <p className="text-xs text-zinc-500">
          Sent to <span className="font-mono">{source.endpoint}</span>
        </p>
        {source.queries.map((q, i) => (
          <pre key={i} className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-zinc-50 p-2 font-mono text-xs text-zinc-800">
            {q}
          </pre>
        ))}
      </div>
    </details>
  );
}
