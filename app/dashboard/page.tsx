import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Dashboard } from "@/components/dashboard/dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { overviewKey } from "@/lib/client/overview/query";
import { parseOverviewSearch } from "@/lib/client/overview/search-params";
import type { OverviewResponse } from "@/lib/schemas/overview";
import { overview } from "@/lib/server/slo/overview";
import { requirePageAuth } from "@/lib/server/auth/page";

export const metadata: Metadata = { title: "Dashboard" };
// Every request is its own moment and its own URL state.
export const dynamic = "force-dynamic";

// The first view is rendered here: the overview verb fills the query key the client reads
// (lib/client/overview/query.ts), so the HTML already holds the tiles and the first rows. The
// whole catalogue is fetched (team and service filter on the client); a filter naming a team or
// service that has no active SLO is a 404, not an empty table. If the verb throws, nothing is
// cached and the client asks the API itself, showing the error in words with a retry.
async function prefetchOverview(client: QueryClient, at: number | undefined): Promise<OverviewResponse | undefined> {
  await client.prefetchQuery({ queryKey: overviewKey(at), queryFn: () => overview({}, { atSeconds: at ?? Date.now() / 1000 }) });
  return client.getQueryData<OverviewResponse>(overviewKey(at));
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  await requirePageAuth("/dashboard", sp);
  const search = parseOverviewSearch(sp);
  const client = new QueryClient();
  const data = await prefetchOverview(client, search.at);
  if (data && data.slos.length > 0) {
    if (search.team && !data.slos.some((s) => s.team === search.team)) notFound();
    if (search.service && !data.slos.some((s) => s.service === search.service)) notFound();
  }
  return (
    <>
      <PageHeader title="Dashboard" description="Every active SLO at a glance: SLI against its objective, error budget left over its window, and which ones are burning budget fast." />
      <HydrationBoundary state={dehydrate(client)}>
        <Dashboard />
      </HydrationBoundary>
    </>
  );
}
