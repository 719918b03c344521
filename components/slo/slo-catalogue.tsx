"use client";
// The /slos page body: filters written to the URL, the table read through react-query.
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useSlos } from "@/lib/client/slos/list";
import { usePermissions } from "@/components/auth/permissions";
import { describeError } from "@/lib/client/http";
import { hasFilters, sloSearchToQuery, sloSearchToString, type SloSearch } from "@/lib/client/slo-search-params";
import { Button, ButtonLink } from "../ui/button";
import { Callout } from "../ui/callout";
import { EmptyState } from "../ui/empty-state";
import { PageHeader } from "../ui/page-header";
import { TableSkeleton } from "../ui/skeleton";
import { PlusIcon, TargetIcon } from "../shell/icons";
import { Pagination } from "./pagination";
import { SloFilters } from "./slo-filters";
import { SloTable } from "./slo-table";

export function SloCatalogue({ search }: { search: SloSearch }) {
  const router = useRouter();
  const [navigating, startTransition] = useTransition();
  const query = useSlos(sloSearchToQuery(search));

  const go = (next: SloSearch) => startTransition(() => router.replace(`/slos${sloSearchToString(next)}`, { scroll: false }));
  const onChange = (patch: Partial<SloSearch>) => go({ ...search, ...patch, page: 1 });
  const onClear = () => go({ team: "", service: "", status: "", q: "", page: 1 });
  const canWrite = usePermissions()("slo.write");

  return (
    <>
      <PageHeader
        title="Service level objectives"
        description="Latency objectives measured from span-metric histograms: the share of requests faster than a threshold, over a window."
        actions={
          canWrite ? (
            <ButtonLink href="/slos/new" variant="primary">
              <PlusIcon className="size-4" /> New SLO
            </ButtonLink>
          ) : (
            <p className="text-sm text-zinc-600">You can view; creating SLOs needs the editor role.</p>
          )
        }
      />
      <SloFilters search={search} onChange={onChange} onClear={onClear} />
      <div aria-busy={query.isFetching || navigating}>
        {query.isPending ? (
          <TableSkeleton cols={6} />
        ) : query.isError ? (
          <Callout title={`Could not load SLOs: ${describeError(query.error).title}`} action={<Button onClick={() => query.refetch()}>Try again</Button>}>
            {describeError(query.error).detail || "The Sightline API did not answer."}
          </Callout>
        ) : query.data.items.length === 0 && hasFilters(search) ? (
          <EmptyState title="No SLOs match these filters" action={<Button onClick={onClear}>Clear filters</Button>}>
            Nothing matches {describeFilters(search)}. Team and service must match exactly; search looks inside names, slugs, services, operations and descriptions.
          </EmptyState>
        ) : query.data.items.length === 0 && search.page > 1 ? (
          <EmptyState title="This page is empty" action={<ButtonLink href={`/slos${sloSearchToString({ ...search, page: 1 })}`}>Back to the first page</ButtonLink>}>
            There are {query.data.total} SLOs in all.
          </EmptyState>
        ) : query.data.items.length === 0 ? (
          <EmptyState
            icon={<TargetIcon className="size-10" />}
            title="No SLOs yet"
            action={
              canWrite ? (
                <ButtonLink href="/slos/new" variant="primary">
                  <PlusIcon className="size-4" /> Create your first SLO
                </ButtonLink>
              ) : undefined
            }
          >
            An SLO says how fast an operation should be, e.g. “99.5 % of checkout requests within 300 ms over 28 days”. You will need a datasource (your Prometheus) set up in Settings. Archived SLOs are listed under the Archived status.
          </EmptyState>
        ) : (
          <>
            <SloTable items={query.data.items} dimmed={query.isPlaceholderData || navigating} />
            <Pagination search={search} total={query.data.total} />
          </>
        )}
      </div>
    </>
  );
}

function describeFilters(s: SloSearch): string {
  const parts = [s.q && `“${s.q}”`, s.team && `team “${s.team}”`, s.service && `service “${s.service}”`, s.status && `status ${s.status}`].filter(Boolean);
  return parts.join(", ");
}
