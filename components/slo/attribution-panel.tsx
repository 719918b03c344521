"use client";
// Budget attribution on the SLO page (issue 19, item 4): for a selection spanning several series,
// which operation, span kind, status code or label spent the budget over the SLO window — ranked
// bars per dimension with the share of the budget in words and %, each value linking to its slow
// requests. Plain divs, no chart library (page weight). Nothing is shown for a single series.
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useAttribution } from "@/lib/client/attribution/attribution-query";
import { barPercent, budgetPercent, dimensionTitle, shareWords, slowRequestsHref, summaryText, valueText } from "@/lib/client/attribution/display";
import { describeError } from "@/lib/client/http";
import { parseAt } from "@/lib/client/status/search-params";
import type { AttributionDimension, AttributionResponse } from "@/lib/schemas/attribution";
import type { SloDto } from "@/lib/schemas/slo";
import { Button } from "../ui/button";
import { Callout } from "../ui/callout";
import { Skeleton } from "../ui/skeleton";

export function AttributionPanel({ slo }: { slo: Pick<SloDto, "slug" | "version"> }) {
  const at = parseAt(useSearchParams());
  const q = useAttribution(slo.slug, { at, version: slo.version });
  if (q.isPending)
    return (
      <section aria-busy="true" aria-label="Budget attribution" className="rounded-lg border border-zinc-200 bg-white p-4">
        <Skeleton className="mb-3 h-5 w-48" />
        <Skeleton className="h-24 w-full" />
      </section>
    );
  if (q.isError)
    return (
      <Callout title={`Budget attribution unavailable: ${describeError(q.error).title}`} action={<Button onClick={() => q.refetch()}>Try again</Button>}>
        {describeError(q.error).detail}
      </Callout>
    );
  const a = q.data;
  if (!a.spansSeveralSeries) return null;
  return (
    <section aria-labelledby="attribution-title" data-testid="attribution" className="rounded-lg border border-zinc-200 bg-white p-4">
      <h2 id="attribution-title" className="text-base font-semibold text-zinc-900">
        Where the budget went
      </h2>
      <p className="mt-1 text-sm text-zinc-600">{summaryText(a)}</p>
      {a.dimensions.length === 0 ? (
        <p className="mt-3 text-sm text-zinc-600">{a.totals.total > 0 ? "Only one series had requests in this window: there is nothing to split." : null}</p>
      ) : (
        <div className="mt-4 grid gap-5 lg:grid-cols-2">
          {a.dimensions.map((d) => (
            <Dimension key={d.label} d={d} a={a} sloSlug={slo.slug} />
          ))}
        </div>
      )}
      {a.fixed.length ? (
        <p className="mt-4 text-xs text-zinc-500">
          The same for every request:{" "}
          {a.fixed.map((f, i) => (
            <span key={f.label}>
              {i ? " · " : ""}
              {dimensionTitle(f).toLowerCase()} <span className="font-mono">{valueText(f.kind, f.value)}</span>
            </span>
          ))}
        </p>
      ) : null}
    </section>
  );
}

function Dimension({ d, a, sloSlug }: { d: AttributionDimension; a: AttributionResponse; sloSlug: string }) {
  const max = Math.max(...d.values.map((v) => v.bad), d.other?.bad ?? 0);
  return (
    <div>
      <h3 className="text-sm font-medium text-zinc-800">
        {dimensionTitle(d)} <span className="font-normal text-zinc-500">· {d.valueCount} values</span>
      </h3>
      <ol className="mt-2 space-y-2">
        {d.values.map((v) => (
          <li key={v.value}>
            <div className="flex items-baseline justify-between gap-3 text-sm">
              <Link
                href={slowRequestsHref(sloSlug, a.window, d.label, v.value)}
                className="min-w-0 truncate font-mono text-[13px] text-indigo-700 hover:underline"
                title={`Slow requests of ${valueText(d.kind, v.value)}`}
              >
                {valueText(d.kind, v.value)}
              </Link>
              <span className="shrink-0 tabular-nums text-zinc-700">{budgetPercent(v.budgetShare)}</span>
            </div>
            <Bar percent={barPercent(v.bad, max)} label={shareWords(v)} />
            <p className="text-xs text-zinc-500">{shareWords(v)}</p>
          </li>
        ))}
        {d.other ? (
          <li>
            <div className="flex items-baseline justify-between gap-3 text-sm">
              <span className="text-zinc-600">
                {d.other.valueCount} other {d.other.valueCount === 1 ? "value" : "values"}
              </span>
              <span className="tabular-nums text-zinc-700">{budgetPercent(d.other.budgetShare)}</span>
            </div>
            <Bar percent={barPercent(d.other.bad, max)} label={shareWords(d.other)} muted />
            <p className="text-xs text-zinc-500">{shareWords(d.other)}</p>
          </li>
        ) : null}
      </ol>
    </div>
  );
}

function Bar({ percent, label, muted }: { percent: number; label: string; muted?: boolean }) {
  return (
    <div aria-hidden title={label} className="mt-1 h-2 w-full overflow-hidden rounded-full bg-zinc-100">
      <div className={muted ? "h-full bg-zinc-400" : "h-full bg-rose-500"} style={{ width: `${percent}%` }} />
    </div>
  );
}
