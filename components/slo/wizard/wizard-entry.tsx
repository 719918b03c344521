"use client";
// Entry points of the wizard: a new SLO (optionally duplicated from ?from=<slug>), or the
// definition part of an edit. A prefill source loads first; its definition is then written into
// the URL (wizard.tsx), so the link from then on says everything.
import { useSearchParams } from "next/navigation";
import { useMemo } from "react";
import type { SloDto } from "@/lib/schemas/slo-dto";
import { describeError } from "@/lib/client/http";
import { useSlo } from "@/lib/client/slos/get";
import { stateFromSlo } from "@/lib/client/wizard-map";
import { Callout } from "../../ui/callout";
import { SloWizard } from "./wizard";

export function NewSloWizard() {
  const from = useSearchParams().get("from") ?? "";
  return from ? <DuplicateWizard from={from} /> : <SloWizard />;
}

function DuplicateWizard({ from }: { from: string }) {
  const q = useSlo(from);
  const initial = useMemo(() => (q.data ? stateFromSlo(q.data, "copy") : undefined), [q.data]);
  if (q.isError) return <Callout title={`Could not load the SLO to duplicate (${from}): ${describeError(q.error).title}`}>{describeError(q.error).detail}</Callout>;
  if (!initial) return <p role="status" aria-busy="true" className="text-sm text-zinc-600">Loading {from}…</p>;
  return <SloWizard initial={initial} />;
}

const TUNE = { tune: "1" };

export function EditSloWizard({ slo }: { slo: SloDto }) {
  const initial = useMemo(() => stateFromSlo(slo, "edit"), [slo]);
  return <SloWizard edit={slo} initial={initial} fixedParams={TUNE} />;
}
