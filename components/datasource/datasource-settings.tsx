"use client";
// /settings: the datasources SLOs read from, and the form to add or change one.
import { useState } from "react";
import type { DatasourceDto, UpdatedDatasourceDto } from "@/lib/schemas/datasource";
import { needsCredentials, savedNotice } from "@/lib/client/datasource-form";
import { useDatasources } from "@/lib/client/datasources/list";
import { describeError } from "@/lib/client/http";
import { Button } from "../ui/button";
import { Callout } from "../ui/callout";
import { EmptyState } from "../ui/empty-state";
import { TableSkeleton } from "../ui/skeleton";
import { DatabaseIcon, PlusIcon } from "../shell/icons";
import { DatasourceDelete } from "./datasource-delete";
import { DatasourceForm } from "./datasource-form";
import { DatasourceHistory } from "./datasource-history";

const producer = { auto: "auto-detect", tempo: "Tempo", otel: "OTel connector" } as const;

export function DatasourceSettings() {
  const q = useDatasources();
  const [editing, setEditing] = useState<DatasourceDto | "new" | null>(null);
  const [saved, setSaved] = useState<ReturnType<typeof savedNotice> | null>(null);

  const done = (d: DatasourceDto | UpdatedDatasourceDto | null) => {
    setEditing(null);
    setSaved(d ? savedNotice(d) : null);
  };

  return (
    <section aria-labelledby="datasources-title" className="space-y-4">
      <div className="flex items-center justify-between">
        <div>
          <h2 id="datasources-title" className="text-base font-semibold text-zinc-900">Datasources</h2>
          <p className="text-sm text-zinc-600">Prometheus-compatible stores with span metrics, and optionally a trace backend.</p>
        </div>
        {editing === null ? (
          <Button variant="primary" onClick={() => { setSaved(null); setEditing("new"); }}>
            <PlusIcon className="size-4" /> Add datasource
          </Button>
        ) : null}
      </div>
      <div aria-live="polite">{saved ? <Callout tone={saved.tone} title={saved.title}>{saved.detail}</Callout> : null}</div>
      {editing !== null ? <DatasourceForm key={editing === "new" ? "new" : editing.id} existing={editing === "new" ? undefined : editing} onDone={done} /> : null}
      {q.isPending ? (
        <TableSkeleton rows={2} cols={4} />
      ) : q.isError ? (
        <Callout title={`Could not load datasources: ${describeError(q.error).title}`} action={<Button onClick={() => q.refetch()}>Try again</Button>}>
          {describeError(q.error).detail}
        </Callout>
      ) : q.data.length === 0 ? (
        editing === null ? (
          <EmptyState icon={<DatabaseIcon className="size-10" />} title="No datasources yet" action={<Button variant="primary" onClick={() => setEditing("new")}>Add your first datasource</Button>}>
            Point Sightline at the Prometheus (or Mimir, Thanos, VictoriaMetrics) that stores your span metrics. SLOs are measured against it.
          </EmptyState>
        ) : null
      ) : (
        <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white shadow-sm">
          {q.data.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
              <div className="min-w-0 flex-1">
                <p className="font-medium text-zinc-900">{d.name} <span className="ml-1 font-mono text-xs font-normal text-zinc-500">{d.slug}</span></p>
                <p className="truncate font-mono text-xs text-zinc-600">{d.prometheusUrl}{d.pathPrefix}</p>
              </div>
              <dl className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-zinc-600">
                <div><dt className="inline text-zinc-500">Producer: </dt><dd className="inline">{producer[d.producerProfile]}</dd></div>
                <div>
                  <dt className="inline text-zinc-500">Auth: </dt>
                  <dd className={needsCredentials(d) ? "inline font-medium text-amber-800" : "inline"}>
                    {d.authKind === "none" ? "none" : `${d.authKind}, secret ${d.hasAuthSecret ? "set" : "not set: enter it again"}`}
                  </dd>
                </div>
                <div><dt className="inline text-zinc-500">Traces: </dt><dd className="inline">{d.traceBackend === "none" ? "none" : d.traceBackend}</dd></div>
                {d.tenant ? <div><dt className="inline text-zinc-500">Tenant: </dt><dd className="inline">{d.tenant}</dd></div> : null}
              </dl>
              <div className="flex items-start gap-2">
                <Button onClick={() => { setSaved(null); setEditing(d); }} aria-label={`Edit ${d.name}`}>Edit</Button>
                <DatasourceDelete
                  id={d.id}
                  name={d.name}
                  onDeleted={() => {
                    if (editing !== null && editing !== "new" && editing.id === d.id) setEditing(null);
                    setSaved({ tone: "info", title: `Deleted “${d.name}”.`, detail: "Its history stays on record." });
                  }}
                />
              </div>
              <DatasourceHistory id={d.id} name={d.name} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
