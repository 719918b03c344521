"use client";
// Who changed what and when. Times show relative and in UTC, changed fields as before → after.
import { describeError } from "@/lib/client/http";
import { formatRelative, formatUtc } from "@/lib/client/format";
import { formatFieldValue, labelAction, labelField } from "@/lib/client/revision-format";
import { useSloRevisions, type SloRevision } from "@/lib/client/slos/revisions";
import { Button } from "../ui/button";
import { Callout } from "../ui/callout";
import { Skeleton } from "../ui/skeleton";

// Long free text would swamp the timeline; those fields only say that they changed.
const noDiff = new Set(["description", "datasourceId"]);

export function RevisionHistory({ sloId }: { sloId: string }) {
  const q = useSloRevisions(sloId);
  return (
    <section aria-labelledby="revisions-title" className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm">
      <h2 id="revisions-title" className="text-sm font-semibold text-zinc-900">Revision history</h2>
      <div aria-busy={q.isPending} className="mt-4">
        {q.isPending ? (
          <div className="space-y-3">
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-4 w-1/2" />
          </div>
        ) : q.isError ? (
          <Callout title={`Could not load the history: ${describeError(q.error).title}`} action={<Button onClick={() => q.refetch()}>Try again</Button>}>
            {describeError(q.error).detail}
          </Callout>
        ) : q.data.length === 0 ? (
          <p className="text-sm text-zinc-500">No revisions recorded.</p>
        ) : (
          <ol className="relative space-y-5 border-l border-zinc-200 pl-5">
            {q.data.map((r) => (
              <RevisionItem key={r.id} r={r} />
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}

function RevisionItem({ r }: { r: SloRevision }) {
  // A creation changes every field: listing them would say nothing.
  const fields = r.action === "created" || !r.before ? [] : r.changedFields;
  return (
    <li className="relative">
      <span aria-hidden className="absolute -left-[25px] top-1.5 size-2.5 rounded-full border-2 border-white bg-indigo-500 ring-1 ring-zinc-200" />
      <p className="text-sm text-zinc-800">
        <span className="font-medium">{labelAction(r.action)}</span> by <span className="font-medium">{r.actor || "unknown"}</span>{" "}
        <time dateTime={r.changedAt} title={formatUtc(r.changedAt)} className="text-zinc-500">
          {formatRelative(r.changedAt)}
        </time>
        <span className="ml-2 rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-600">v{r.version}</span>
      </p>
      <p className="text-xs text-zinc-500">{formatUtc(r.changedAt)}</p>
      {fields.length > 0 ? (
        <dl aria-label="Changed fields" className="mt-1.5 space-y-0.5 text-xs">
          {fields.map((f) => (
            <div key={f} className="flex flex-wrap gap-x-1.5">
              <dt className="font-medium text-zinc-600">{labelField(f)}:</dt>
              {noDiff.has(f) ? (
                <dd className="text-zinc-600">changed</dd>
              ) : (
                <dd className="text-zinc-600">
                  <del className="text-zinc-400">{formatFieldValue(f, r.before?.[f])}</del> → <ins className="font-medium text-zinc-900 no-underline">{formatFieldValue(f, r.after?.[f])}</ins>
                </dd>
              )}
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}
