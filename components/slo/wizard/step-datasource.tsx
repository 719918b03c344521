"use client";
import Link from "next/link";
import { useDatasources } from "@/lib/client/datasources/list";
import { withSelection } from "@/lib/client/wizard-state";
import { Picker } from "./picker";
import type { StepProps } from "./wizard";

export function StepDatasource({ state, go }: StepProps) {
  const ds = useDatasources();
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-600">The Prometheus-compatible store holding the span metrics. The next steps list what it has seen.</p>
      <Picker
        label="Datasource"
        testId="datasource-list"
        items={ds.data?.map((d) => ({ value: d.id, label: d.name, detail: <span className="font-mono">{d.prometheusUrl}</span> }))}
        selected={state.datasourceId}
        onPick={(id) => go({ ...withSelection(state, { datasourceId: id }), step: "service" })}
        isPending={ds.isPending}
        error={ds.error}
        onRetry={() => ds.refetch()}
        backendName="Sightline"
        emptyText={
          <>
            No datasource yet. <Link href="/settings" className="font-medium text-indigo-700 underline">Add one in Settings</Link> first.
          </>
        }
      />
    </div>
  );
}
