// One SLO of the monthly report: its figures as a small table, then its fast-burn periods. Kept
// whole on a printed page (break-inside: avoid); the verdict is a word, not a colour.
import Link from "next/link";
import { budgetUsedText, noDataText, periodDetail, periodText, sliText, verdictText, verdictTone } from "@/lib/client/reports/display";
import { formatCount, formatDuration, formatMs, formatPercent } from "@/lib/client/status/format";
import type { ReportSloEntry } from "@/lib/schemas/report";
import { cx } from "../ui/cx";

export function ReportSlo({ entry }: { entry: ReportSloEntry }) {
  const { slo, result } = entry;
  const tone = result.kind === "answered" ? result.verdict : result.kind;
  const word = result.kind === "answered" ? verdictText[result.verdict] : result.kind === "unavailable" ? "Unavailable" : "Not counted";
  return (
    <section aria-label={slo.name} data-testid="report-slo" className="break-inside-avoid rounded-lg border border-zinc-200 bg-white p-4 print:rounded-none print:border-zinc-400">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold text-zinc-900">
          <Link href={`/slos/${encodeURIComponent(slo.slug)}`} className="hover:underline print:no-underline">
            {slo.name}
          </Link>
          <span className="ml-2 font-mono text-xs font-normal text-zinc-500">
            {slo.service} · {slo.operation}
          </span>
        </h2>
        <span className={cx("rounded border px-2 py-0.5 text-xs font-semibold uppercase tracking-wide print:border-black print:bg-white print:text-black", verdictTone[tone])}>{word}</span>
      </header>
      {result.kind === "unavailable" ? (
        <p className="mt-2 text-sm text-zinc-700">
          <span className="font-medium">{result.title}.</span> {result.detail}
        </p>
      ) : result.kind === "not_counted" ? (
        <p className="mt-2 text-sm text-zinc-600">The month has not started.</p>
      ) : (
        <>
          <table className="mt-3 w-full text-left text-sm">
            <thead className="text-xs text-zinc-500">
              <tr>
                <th className="py-1 pr-4 font-medium">SLI (month)</th>
                <th className="py-1 pr-4 font-medium">Objective</th>
                <th className="py-1 pr-4 font-medium">Threshold</th>
                <th className="py-1 pr-4 font-medium">Budget used</th>
                <th className="py-1 pr-4 font-medium">Requests</th>
                <th className="py-1 font-medium">Bad</th>
              </tr>
            </thead>
            <tbody className="text-zinc-900">
              <tr>
                <td className="py-1 pr-4">{sliText(result)}</td>
                <td className="py-1 pr-4">{formatPercent(slo.objective, 2)}</td>
                <td className="py-1 pr-4">{formatMs(slo.thresholdSeconds)}</td>
                <td className="py-1 pr-4">{budgetUsedText(result.budgetUsed)}</td>
                <td className="py-1 pr-4">{formatCount(result.total)}</td>
                <td className="py-1">{formatCount(result.bad)}</td>
              </tr>
            </tbody>
          </table>
          {result.verdict === "no_data" ? <p className="mt-2 text-sm text-zinc-600">{noDataText(result)}</p> : null}
          {result.verdict === "uncertain" ? (
            <p className="mt-2 text-sm text-zinc-600">The threshold is not a bucket boundary: the SLI lies between the two figures, and the objective between them.</p>
          ) : null}
          <h3 className="mt-3 text-sm font-medium text-zinc-800">Fast-burn periods (page alerts)</h3>
          {result.fastBurn.length === 0 ? (
            <p className="text-sm text-zinc-600">None: no page alert would have fired this month.</p>
          ) : (
            <ol className="mt-1 space-y-1 text-sm">
              {result.fastBurn.map((p) => (
                <li key={p.startSeconds} className="flex flex-wrap gap-x-2">
                  <span className="tabular-nums text-zinc-900">{periodText(p)}</span>
                  <span className="text-zinc-600">{periodDetail(p)}</span>
                </li>
              ))}
              {result.morePeriods ? <li className="text-zinc-600">and {result.morePeriods} shorter or milder periods</li> : null}
            </ol>
          )}
          {result.gapSeconds > 0 ? <p className="mt-2 text-xs text-zinc-500">No samples for {formatDuration(result.gapSeconds)} of the month (scrape gaps, or before the series existed); the month&apos;s SLI counts across gaps as the status does.</p> : null}
        </>
      )}
    </section>
  );
}
