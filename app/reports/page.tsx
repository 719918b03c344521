import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { ReportView } from "@/components/reports/report-view";
import { PageHeader } from "@/components/ui/page-header";
import { queryKeys } from "@/lib/client/query-keys";
import { lastCompleteMonth, parseReportSearch } from "@/lib/client/reports/search-params";
import { listTeams } from "@/lib/server/catalogue/teams";
import { teamReport } from "@/lib/server/slo/report";
import { requirePageAuth } from "@/lib/server/auth/page";

export const metadata: Metadata = { title: "Reports" };
export const dynamic = "force-dynamic";

// The first view is rendered here: the report verb fills the key the client reads. A backend that
// fails inside the verb is already per SLO; if the verb throws (catalogue down), nothing is cached
// and the client asks the API itself and says why.
/** The default month is the last complete one as of this request. */
const defaultMonth = () => lastCompleteMonth(Date.now() / 1000);

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  await requirePageAuth("/reports", sp);
  const search = parseReportSearch(sp);
  const month = search.month ?? defaultMonth();
  const teams = await listTeams();
  const team = search.team || teams[0] || "";
  const client = new QueryClient();
  if (team) await client.prefetchQuery({ queryKey: queryKeys.report(team, month), queryFn: () => teamReport(team, month) });
  return (
    <>
      <PageHeader title="Monthly reports" description="Per team and calendar month (UTC): which SLOs met their objective, how much error budget each used, and when budget burned fast enough to page." />
      <HydrationBoundary state={dehydrate(client)}>
        <ReportView team={team} month={month} teams={teams} />
      </HydrationBoundary>
    </>
  );
}
