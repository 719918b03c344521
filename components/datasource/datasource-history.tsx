"use client";
// One datasource's history behind a "History" disclosure: who changed what and when, loaded when
// opened. Secrets appear only as set / not set / new secret entered.
import { useState } from "react";
import { describeError } from "@/lib/client/http";
import { formatRelative, formatUtc } from "@/lib/client/format";
import { labelAction } from "@/lib/client/revision-format";
import { describeDatasourceChange, labelDatasourceField } from "@/lib/client/datasource-revision-format";
import { useDatasourceRevisions, type DatasourceRevision } from "@/lib/client/datasources/revisions";
import { Button } from "../ui/button";
import { Callout } from "../ui/callout";
import { Skeleton } from "../ui/skeleton";

export function DatasourceHistory({ id, name }: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  const q = useDatasourceRevisions(id, open);
  return (
    <details className="w-full text-sm" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer select-none text-xs font-medium text-zinc-600 hover:text-zinc-900" aria-label={`History of ${name}`}>
        History
      </summary>
      <div aria-busy={q.isPending && open} className="mt-2">
        {!open ? null : q.isPending ? (
          <div className="space-y-2">
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-4 w-1/2" />
          </div>
        ) : q.isError ? (
          <Callout title={`Could not load the history: ${describeError(q.error).title}`} action={<Button onClick={() => q.refetch()}>Try again</Button>}>
            {describeError(q.error).detail}
          </Callout>
        ) : q.data.length === 0 ? (
          <p className="text-xs text-zinc-500">No changes recorded (this datasource predates its history).</p>
        ) : (
          <ol aria-label={`Changes to ${name}`} className="space-y-3 border-l border-zinc-200 pl-4">
            {q.data.map((r) => (
              <Entry key={r.id} r={r} />
            ))}
          </ol>
        )}
      </div>
    </details>
  );
}

function Entry({ r }: { r: DatasourceRevision }) {
  // A creation sets every field: listing them would say nothing.
  const fields = r.action === "updated" ? r.changedFields : [];
  return (
    <li>
      <p className="text-xs text-zinc-800">
        <span className="font-medium">{labelAction(r.action)}</span> by <span className="font-medium">{r.actor || "unknown"}</span>{" "}
        <time dateTime={r.changedAt} title={formatUtc(r.changedAt)} className="text-zinc-500">
          {formatRelative(r.changedAt)}
        </time>
        <span className="ml-2 rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] text-zinc-600">v{r.version}</span>
      </p>
      {r.action === "updated" && fields.length === 0 ? <p className="text-xs text-zinc-500">Saved without changes.</p> : null}
      {fields.length > 0 ? (
        <dl aria-label="Changed fields" className="mt-1 space-y-0.5 text-xs">
          {fields.map((f) => (
            <div key={f} className="flex flex-wrap gap-x-1.5">
              <dt className="font-medium text-zinc-600">{labelDatasourceField(f)}:</dt>
              <dd className="break-all text-zinc-600">{describeDatasourceChange(f, r.before?.[f], r.after?.[f])}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}
