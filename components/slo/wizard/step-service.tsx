"use client";
import { useDiscovery } from "@/lib/client/wizard-discovery";
import { withSelection } from "@/lib/client/wizard-state";
import { DISCOVERY_LOOKBACK_SECONDS, lookbackWords } from "./discovery-lookback";
import { Picker } from "./picker";
import type { StepProps } from "./wizard";

export function StepService({ state, go }: StepProps) {
  const q = useDiscovery("services", { datasource: state.datasourceId, lookback: DISCOVERY_LOOKBACK_SECONDS });
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-600">
        Services that sent spans in the {lookbackWords}, busiest first, with their average request rate.
        {q.data ? <> Producer: {q.data.profile.id === "otel" ? "OpenTelemetry Collector spanmetrics" : q.data.profile.id === "tempo" ? "Tempo metrics-generator" : q.data.profile.id} ({q.data.profile.histogram}).</> : null}
      </p>
      <Picker
        label="Service"
        testId="service-list"
        items={q.data?.items}
        selected={state.service}
        onPick={(service) => go({ ...withSelection(state, { service }), step: "operation" })}
        isPending={q.isPending}
        error={q.error}
        onRetry={() => q.refetch()}
        emptyText={`No service sent spans to this datasource in the ${lookbackWords}. Check that the span metrics are scraped, or choose another datasource.`}
      />
    </div>
  );
}
