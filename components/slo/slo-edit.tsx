"use client";
// Edit with optimistic concurrency: the PATCH carries the version the form was loaded from.
// When someone saved in between (409), say so plainly and offer to load their version.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Suspense, useState } from "react";
import { sloValidation, useLazyModule } from "@/lib/client/lazy-module";
import type { SloDto } from "@/lib/schemas/slo";
import { ApiError, describeError } from "@/lib/client/http";
import { changedFields, formToInput, sloToForm } from "@/lib/client/slo-form";
import { useSlo } from "@/lib/client/slos/get";
import { useUpdateSlo } from "@/lib/client/slos/update";
import { Button, ButtonLink } from "../ui/button";
import { Callout } from "../ui/callout";
import { EmptyState } from "../ui/empty-state";
import { PageHeader } from "../ui/page-header";
import { Skeleton } from "../ui/skeleton";
import { SloForm } from "./slo-form";
import { EditSloWizard } from "./wizard/wizard-entry";

/** `tune`: the definition part in the wizard (history, target, backtest of saved vs changed) instead of the form. */
export function SloEdit({ idOrSlug, tune = false }: { idOrSlug: string; tune?: boolean }) {
  const q = useSlo(idOrSlug);
  if (q.isPending)
    return (
      <div role="status" aria-busy="true" className="max-w-4xl space-y-4">
        <span className="sr-only">Loading SLO…</span>
        <Skeleton className="h-7 w-72" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  if (q.isError)
    return q.error instanceof ApiError && q.error.status === 404 ? (
      <EmptyState title="SLO not found" action={<ButtonLink href="/slos">Back to the catalogue</ButtonLink>}>
        No SLO has the id or slug “{idOrSlug}”.
      </EmptyState>
    ) : (
      <Callout title={`Could not load this SLO: ${describeError(q.error).title}`} action={<Button onClick={() => q.refetch()}>Try again</Button>}>
        {describeError(q.error).detail}
      </Callout>
    );
  if (q.data.status === "archived")
    return (
      <Callout tone="warning" title="This SLO is archived" action={<ButtonLink href={`/slos/${encodeURIComponent(q.data.slug)}`}>Open it</ButtonLink>}>
        Archived SLOs are kept as they were. Restore it from its page to edit it again.
      </Callout>
    );
  if (tune) return <TuneLoaded slo={q.data} />;
  return <EditLoaded slo={q.data} reload={() => q.refetch()} />;
}

function EditLoaded({ slo, reload }: { slo: SloDto; reload: () => Promise<unknown> }) {
  const router = useRouter();
  const update = useUpdateSlo(slo.id);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [reloading, setReloading] = useState(false);
  const detailHref = `/slos/${encodeURIComponent(slo.slug)}`;

  useLazyModule(sloValidation);

  return (
    <div className="max-w-4xl">
      <PageHeader
        eyebrow={
          <>
            <Link href="/slos" className="hover:text-zinc-800 hover:underline">SLOs</Link> /{" "}
            <Link href={detailHref} className="hover:text-zinc-800 hover:underline">{slo.name}</Link>
          </>
        }
        title={<span id="slo-form-title">Edit SLO</span>}
        description={`Editing version ${slo.version}. Saving records who changed which fields.`}
        actions={
          <ButtonLink href={`${detailHref}/edit?tune=1&step=target`}>Re-tune with history and backtest</ButtonLink>
        }
      />
      <div aria-live="assertive">
        {conflict ? (
          <Callout
            tone="warning"
            className="mb-5"
            title="Someone else saved this SLO while you were editing"
            action={
              <Button
                variant="primary"
                disabled={reloading}
                onClick={async () => {
                  setReloading(true);
                  await reload();
                  setReloading(false);
                  setConflict(null);
                }}
              >
                {reloading ? "Loading…" : "Load the latest version"}
              </Button>
            }
          >
            Your changes were not saved, because they were based on version {slo.version}. Load the latest version to see what changed, then make your edits
            again.
          </Callout>
        ) : null}
      </div>
      {/* Re-keyed by version so loading the latest version resets the form to it. */}
      <SloForm
        key={slo.version}
        mode="edit"
        initial={sloToForm(slo)}
        onConflict={setConflict}
        onCancel={() => router.push(detailHref)}
        onSubmit={async (input) => {
          // The baseline goes through the same mapping as the form, so untouched fields compare equal.
          const baseline = (await sloValidation.get()).CreateSloInput.safeParse(formToInput(sloToForm(slo)));
          const patch = baseline.success ? changedFields(baseline.data, input) : input;
          if (Object.keys(patch).length === 0) {
            router.push(detailHref);
            return;
          }
          const saved = await update.mutateAsync({ ...patch, version: slo.version });
          router.push(`/slos/${encodeURIComponent(saved.slug)}`);
        }}
      />
    </div>
  );
}

function TuneLoaded({ slo }: { slo: SloDto }) {
  const detailHref = `/slos/${encodeURIComponent(slo.slug)}`;
  return (
    <div className="max-w-6xl">
      <PageHeader
        eyebrow={
          <>
            <Link href="/slos" className="hover:text-zinc-800 hover:underline">SLOs</Link> /{" "}
            <Link href={detailHref} className="hover:text-zinc-800 hover:underline">{slo.name}</Link>
          </>
        }
        title="Re-tune SLO"
        description={
          <>
            The definition of version {slo.version} against its history; the review shows the saved and the changed definition over the same past before saving.{" "}
            <Link href={`${detailHref}/edit`} className="text-indigo-700 underline">Edit every field in the form</Link> instead.
          </>
        }
      />
      <Suspense fallback={<p className="text-sm text-zinc-600">Loading…</p>}>
        <EditSloWizard slo={slo} />
      </Suspense>
    </div>
  );
}
