"use client";
// Review and save. A new SLO is created (POST /api/slos) and the SLO page opens; an edit shows the
// saved and the changed definition side by side over the same past (one backtest request with
// both), then PATCHes only the fields that changed, with the version it was loaded from.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sloValidation, useLazyModule } from "@/lib/client/lazy-module";
import { formatMs, formatObjective } from "@/lib/slo/format";
import { useBacktest } from "@/lib/client/backtest";
import { ApiError, describeError, isVersionConflict } from "@/lib/client/http";
import { changedFields, formToInput, sloToForm, WINDOW_CHOICES } from "@/lib/client/slo-form";
import { useCreateSlo } from "@/lib/client/slos/create";
import { useUpdateSlo } from "@/lib/client/slos/update";
import { backtestRequestFor, baselineNote, createInputFor } from "@/lib/client/wizard-map";
import { STEP_TITLES, type WizardStep } from "@/lib/client/wizard-state";
import { Button } from "../../ui/button";
import { Callout } from "../../ui/callout";
import { Skeleton } from "../../ui/skeleton";
import { BacktestView } from "./backtest-view";
import { useWizardSuggest } from "./use-wizard-suggest";
import type { StepProps } from "./wizard";

/** Which step holds the field an API error names, so the message can send the user there. */
const FIELD_STEP: Record<string, WizardStep> = {
  datasourceId: "datasource",
  service: "service",
  operation: "operation",
  operationMatch: "operation",
  spanKind: "operation",
  thresholdSeconds: "target",
  objective: "target",
  window: "target",
};
const stepOf = (path: string): WizardStep => FIELD_STEP[path.split(".")[0]] ?? "details";

export function StepReview({ state, go, edit }: StepProps) {
  const router = useRouter();
  const { baseline: requested, query } = useWizardSuggest(state);
  // The note names the past the suggestion really learned from (clipped to the oldest sample held).
  const baseline = query.data?.baseline ?? requested;
  const create = useCreateSlo();
  const update = useUpdateSlo(edit?.id ?? "");
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const raw = createInputFor(state, baseline);
  // The schema (and zod) are fetched once the page has loaded; saving before that waits for them.
  useLazyModule(sloValidation);
  const compare = useBacktest(edit ? backtestRequestFor(state, requested, edit.id) : null);
  const pending = create.isPending || update.isPending;

  const save = async () => {
    setFailure(null);
    const { CreateSloInput } = await sloValidation.get();
    const parsed = CreateSloInput.safeParse(raw);
    if (!parsed.success) return setErrors(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
    setErrors([]);
    try {
      if (edit) {
        const before = CreateSloInput.parse(formToInput(sloToForm(edit)));
        const patch = changedFields(before, parsed.data);
        if (Object.keys(patch).length === 0) return router.push(`/slos/${encodeURIComponent(edit.slug)}`);
        const saved = await update.mutateAsync({ ...patch, version: edit.version });
        router.push(`/slos/${encodeURIComponent(saved.slug)}`);
      } else {
        const slo = await create.mutateAsync(parsed.data);
        router.push(`/slos/${encodeURIComponent(slo.slug)}?created=1`);
      }
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) setErrors(e.fieldErrors);
      else if (isVersionConflict(e)) setFailure("Someone else saved this SLO while you were editing. Open it again to see their version, then make your changes.");
      else if (e instanceof ApiError && e.status === 409) setErrors([{ path: "slug", message: e.detail || "Another SLO already uses this slug." }]);
      else setFailure(`${describeError(e).title}${describeError(e).detail ? `: ${describeError(e).detail}` : ""}`);
    }
  };

  const rows: [string, string, WizardStep][] = [
    ["Service", state.service, "service"],
    ["Operation", state.operationMatch === "regex" ? `matches /${state.operation}/` : state.operation, "operation"],
    ["Span kind", state.spanKind === "any" ? "any" : state.spanKind, "operation"],
    ["Target", state.thresholdSeconds !== null && state.objective !== null ? `${formatObjective(state.objective)} of requests within ${formatMs(state.thresholdSeconds)}` : "—", "target"],
    ["Window", WINDOW_CHOICES.find((c) => c.value === state.window)?.label ?? state.window, "target"],
    ["Failed requests", state.countErrorsAsBad ? "count as bad" : "judged by latency only", "operation"],
    ["Name", state.name, "details"],
    ["Slug", state.slug, "details"],
    ["Team · owner", [state.team || "—", state.owner || "—"].join(" · "), "details"],
    ["Status", state.status, "details"],
    ["Baseline note", baselineNote(baseline, state.exclusions), "history"],
  ];

  return (
    <div className="space-y-5">
      <dl className="grid grid-cols-[10rem_1fr_auto] gap-x-4 gap-y-1.5 text-sm" data-testid="review">
        {rows.map(([k, v, step]) => (
          <div key={k} className="contents">
            <dt className="text-zinc-500">{k}</dt>
            <dd className="break-words text-zinc-900">{v}</dd>
            <dd>
              <button type="button" onClick={() => go({ ...state, step })} className="text-xs text-indigo-700 underline hover:text-indigo-900">
                Change<span className="sr-only"> {k.toLowerCase()}</span>
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-zinc-500">The catalogue has no baseline field: the note above is appended to the description and kept with every revision.</p>

      {edit ? (
        <div>
          <h3 className="mb-2 text-sm font-semibold text-zinc-900">Saved vs changed, over the same past</h3>
          {compare.error ? (
            <Callout title={`The backtest could not run: ${describeError(compare.error).title}`}>{describeError(compare.error).detail}</Callout>
          ) : compare.data ? (
            <div className="grid gap-4 lg:grid-cols-2" data-testid="backtest-compare">
              {[
                ["Saved definition", compare.data.current],
                ["Changed definition", compare.data.draft],
              ].map(([title, r]) => (
                <div key={title as string} className="rounded-md border border-zinc-200 p-3">
                  <h4 className="mb-2 text-sm font-medium text-zinc-800">{title as string}</h4>
                  {r && typeof r !== "string" ? <BacktestView r={r} compact /> : <p className="text-sm text-zinc-600">No result.</p>}
                </div>
              ))}
            </div>
          ) : (
            <Skeleton className="h-60 w-full" />
          )}
        </div>
      ) : null}

      <div aria-live="assertive">
        {failure ? <Callout title="The SLO was not saved">{failure}</Callout> : null}
        {errors.length ? (
          <Callout title="The SLO was not saved: some choices need attention">
            <ul className="space-y-1" data-testid="review-errors">
              {errors.map((e) => (
                <li key={`${e.path}:${e.message}`}>
                  <span className="font-mono">{e.path || "form"}</span>: {e.message}{" "}
                  <button type="button" className="underline" onClick={() => go({ ...state, step: stepOf(e.path) })}>
                    Go to {STEP_TITLES[stepOf(e.path)]}
                  </button>
                </li>
              ))}
            </ul>
          </Callout>
        ) : null}
      </div>
      <div className="flex justify-end">
        <Button variant="primary" onClick={save} disabled={pending}>
          {pending ? "Saving…" : edit ? "Save changes" : "Create SLO"}
        </Button>
      </div>
    </div>
  );
}
