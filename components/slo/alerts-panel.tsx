"use client";
// The SLO's alerts on /slos/[id] (GET /api/slos/[id]/alerts, at the page's ?at= or now): loading,
// a backend failure in words with a retry, "no ALERTS series" (told apart from a quiet SLO by the
// last rules sync where it can be), else every alert's state and firing history.
import { describeSync, noAlertSeries } from "@/lib/client/alerts/display";
import { useLastSync } from "@/lib/client/alerts/sync-query";
import { useSloAlerts } from "@/lib/client/alerts/alerts-query";
import { describeError } from "@/lib/client/http";
import type { SloDto } from "@/lib/schemas/slo";
import { Button } from "../ui/button";
import { Callout } from "../ui/callout";
import { Skeleton } from "../ui/skeleton";
import { AlertStates } from "./status/alert-states";

export function AlertsPanel({ slo, at }: { slo: SloDto; at: number | undefined }) {
  const q = useSloAlerts(slo.id, { at, version: slo.version });
  const sync = useLastSync();
  // Unknown (null) until the sync log answers, or when it cannot say.
  const deployed = sync.isSuccess ? describeSync(sync.data.last, slo.slug, sync.dataUpdatedAt).deployed : null;
  return (
    <div data-testid="alerts-panel">
      <h3 className="text-sm font-semibold text-zinc-900">Alerts</h3>
      <p className="mt-0.5 text-xs text-zinc-500">What the backend&apos;s rule evaluation says (its ALERTS series), as opposed to the burn rates above, which Sightline computes itself.</p>
      <div className="mt-2">
        {q.isPending ? (
          <div role="status" aria-busy="true">
            <span className="sr-only">Loading alert states…</span>
            <Skeleton className="h-32 w-full" />
          </div>
        ) : q.isError ? (
          <Callout
            title={`Could not read alert states: ${describeError(q.error).title}`}
            action={
              <Button onClick={() => q.refetch()} disabled={q.isFetching}>
                {q.isFetching ? "Retrying…" : "Try again"}
              </Button>
            }
          >
            {describeError(q.error).detail}
          </Callout>
        ) : (
          <div className="space-y-2">
            {noAlertSeries(q.data) ? (
              <Callout tone={deployed === false ? "warning" : "info"} title={deployed === false ? "Rules not deployed: no ALERTS series found" : "No ALERTS series found over the window"}>
                {deployed === false
                  ? "The backend has no alert of this SLO pending or firing, and the rules have not been synced to it (see Alert rules below)."
                  : "Nothing of this SLO was pending or firing in the window. If its rules are not loaded in the backend, this looks the same: check the Alert rules section below."}
              </Callout>
            ) : null}
            {q.data.warnings.map((w) => (
              <p key={w} className="text-xs text-amber-800">
                {w}
              </p>
            ))}
            <AlertStates data={q.data} />
          </div>
        )}
      </div>
    </div>
  );
}
