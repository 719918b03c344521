"use client";
// /slos/[id]: definition, live status and charts (StatusPanel), history and
// the lifecycle actions. Archive/restore carry the version shown, so a stale page cannot
// silently undo someone else's change.
import { useState } from "react";
import { useDatasources } from "@/lib/client/datasources/list";
import { ApiError, describeError, isVersionConflict } from "@/lib/client/http";
import { useSlo } from "@/lib/client/slos/get";
import { useSloLifecycle } from "@/lib/client/slos/lifecycle";
import { Button, ButtonLink } from "../ui/button";
import { Callout } from "../ui/callout";
import { EmptyState } from "../ui/empty-state";
import { PageHeader } from "../ui/page-header";
import { Skeleton } from "../ui/skeleton";
import { AttributionPanel } from "./attribution-panel";
import { LatencySection } from "./latency-section";
import { RevisionHistory } from "./revision-history";
import { RulesSection } from "./rules-section";
import { SloDefinition } from "./slo-definition";
import { StatusBadge } from "./status-badge";
import { StatusPanel } from "./status-panel";
import Link from "next/link";
import { usePermissions } from "@/components/auth/permissions";

export function SloDetail({ idOrSlug, justCreated }: { idOrSlug: string; justCreated?: boolean }) {
  const q = useSlo(idOrSlug);
  const ds = useDatasources();
  const lifecycle = useSloLifecycle(idOrSlug);
  const can = usePermissions();
  const [notice, setNotice] = useState<{ tone: "error" | "info"; title: string; detail?: string } | null>(
    justCreated ? { tone: "info", title: "SLO created", detail: "It is listed in the catalogue. Edit it any time; every change is recorded below." } : null,
  );

  if (q.isPending)
    return (
      <div role="status" aria-busy="true" className="space-y-4">
        <span className="sr-only">Loading SLO…</span>
        <Skeleton className="h-7 w-72" />
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.status === 404)
      return (
        <EmptyState title="SLO not found" action={<ButtonLink href="/slos">Back to the catalogue</ButtonLink>}>
          No SLO has the id or slug “{idOrSlug}”. It may have been renamed.
        </EmptyState>
      );
    return (
      <Callout title={`Could not load this SLO: ${describeError(q.error).title}`} action={<Button onClick={() => q.refetch()}>Try again</Button>}>
        {describeError(q.error).detail}
      </Callout>
    );
  }

  const slo = q.data;
  const archived = slo.status === "archived";
  const act = async () => {
    setNotice(null);
    try {
      await lifecycle.mutateAsync({ action: archived ? "restore" : "archive", version: slo.version });
      setNotice({ tone: "info", title: archived ? "SLO restored" : "SLO archived", detail: archived ? undefined : "It stays in the catalogue under the Archived status and can be restored." });
    } catch (e) {
      if (isVersionConflict(e)) {
        await q.refetch();
        setNotice({ tone: "error", title: "Someone changed this SLO meanwhile", detail: "The page now shows the latest version. Check it, then try again." });
      } else setNotice({ tone: "error", title: describeError(e).title, detail: describeError(e).detail });
    }
  };

  return (
    <div className="space-y-5">
      <PageHeader
        eyebrow={<Link href="/slos" className="hover:text-zinc-800 hover:underline">SLOs</Link>}
        title={
          <span className="flex flex-wrap items-center gap-3">
            {slo.name} <StatusBadge status={slo.status} />
          </span>
        }
        description={
          <>
            <span className="font-mono text-xs">{slo.slug}</span>
            {slo.team ? <> · team {slo.team}</> : null}
          </>
        }
        actions={
          !can("slo.write", slo.team) ? (
            <p className="text-sm text-zinc-600">You can view; changing this SLO needs the editor role{can("slo.write") ? ` for team ${slo.team || "(no team)"}` : ""}.</p>
          ) : (
          <>
            <Button variant={archived ? "secondary" : "danger"} onClick={act} disabled={lifecycle.isPending}>
              {lifecycle.isPending ? (archived ? "Restoring…" : "Archiving…") : archived ? "Restore" : "Archive"}
            </Button>
            <ButtonLink href={`/slos/new?from=${encodeURIComponent(slo.slug)}`}>Duplicate</ButtonLink>
            {archived ? null : (
              <ButtonLink href={`/slos/${encodeURIComponent(slo.slug)}/edit`} variant="primary">
                Edit
              </ButtonLink>
            )}
          </>
          )
        }
      />
      <div aria-live="polite">{notice ? <Callout tone={notice.tone} title={notice.title}>{notice.detail}</Callout> : null}</div>
      <SloDefinition slo={slo} datasource={ds.data?.find((d) => d.id === slo.datasourceId)} />
      <StatusPanel slo={slo} />
      <LatencySection slo={slo} />
      <AttributionPanel slo={slo} />
      <RulesSection slo={slo} />
      <RevisionHistory sloId={idOrSlug} />
    </div>
  );
}
