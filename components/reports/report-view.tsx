"use client";
// The body of /reports: pickers, the month's met/missed summary with the team's totals, download
// links, and one section per SLO. Its first view comes from the server's prefetch into the same
// query key (lib/client/reports/report-query.ts). Printing leaves out pickers, links and the nav.
import { countedText, noticeText, summaryText } from "@/lib/client/reports/display";
import { reportDownloadHref } from "@/lib/client/reports/search-params";
import { useReport } from "@/lib/client/reports/report-query";
import { describeError } from "@/lib/client/http";
import { formatCount, formatUtcSeconds } from "@/lib/client/status/format";
import { Button, buttonClass } from "../ui/button";
import { Callout } from "../ui/callout";
import { EmptyState } from "../ui/empty-state";
import { Skeleton } from "../ui/skeleton";
import { ReportPickers } from "./report-pickers";
import { ReportSlo } from "./report-slo";

export function ReportView({ team, month, teams }: { team: string; month: string; teams: readonly string[] }) {
  const q = useReport(team, month, team !== "");
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <ReportPickers team={team} month={month} teams={teams} />
        {team ? (
          <div className="flex gap-2 print:hidden">
            <a className={buttonClass("secondary")} href={reportDownloadHref(team, month, "csv")} download>
              Download CSV
            </a>
            <a className={buttonClass("secondary")} href={reportDownloadHref(team, month, "json")} download>
              JSON
            </a>
            <Button onClick={() => window.print()}>Print</Button>
          </div>
        ) : null}
      </div>
      {team === "" ? (
        <EmptyState title="No team has SLOs yet">Give an SLO a team in the catalogue, and its monthly report appears here.</EmptyState>
      ) : q.isPending ? (
        <div role="status" aria-busy="true" className="space-y-3">
          <span className="sr-only">Loading the report…</span>
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-32 w-full" />
        </div>
      ) : q.isError ? (
        <Callout title={`Could not load the report: ${describeError(q.error).title}`} action={<Button onClick={() => q.refetch()}>Try again</Button>}>
          {describeError(q.error).detail}
        </Callout>
      ) : (
        <Report r={q.data} />
      )}
    </div>
  );
}

function Report({ r }: { r: NonNullable<ReturnType<typeof useReport>["data"]> }) {
  const notice = noticeText(r.notice, r);
  const t = r.totals;
  return (
    <article aria-labelledby="report-title" className="space-y-4">
      <header className="break-inside-avoid">
        <h2 id="report-title" className="text-xl font-semibold text-zinc-900">
          Team {r.team} · {r.month.label}
        </h2>
        <p className="text-sm text-zinc-600">
          {countedText(r)} Generated {formatUtcSeconds(r.generatedAtSeconds)}.
        </p>
      </header>
      {notice ? (
        <Callout tone="info" title={notice.title}>
          {notice.detail}
        </Callout>
      ) : null}
      {r.timing !== "future" && t.slos > 0 ? (
        <div className="break-inside-avoid rounded-lg border border-zinc-200 bg-white p-4 print:rounded-none print:border-zinc-400" data-testid="report-summary">
          <p className="text-base font-medium text-zinc-900">{summaryText(t)}</p>
          <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
            <Figure term="Met" value={t.met} />
            <Figure term="Missed" value={t.missed} />
            <Figure term="Requests" value={formatCount(t.requests)} />
            <Figure term="Bad requests" value={formatCount(t.badRequests)} />
            <Figure term="Fast-burn periods" value={t.fastBurnPeriods} />
          </dl>
        </div>
      ) : null}
      {r.timing === "future" ? null : (
        <div className="space-y-3">
          {r.slos.map((e) => (
            <ReportSlo key={e.slo.id} entry={e} />
          ))}
        </div>
      )}
    </article>
  );
}

const Figure = ({ term, value }: { term: string; value: string | number }) => (
  <div>
    <dt className="text-xs text-zinc-500">{term}</dt>
    <dd className="text-lg font-semibold text-zinc-900">{value}</dd>
  </div>
);
