"use client";
// The SLO creation wizard: datasource → service → operation → history → target → details → review.
// All state is in the URL (lib/client/wizard-state.ts). Navigation rule: moving between steps and
// choices that reset later steps are pushed (back/forward walk them); tweaks inside a step
// (typing, a candidate threshold, an exclusion) replace the entry, so back leaves the step instead
// of undoing keystrokes. Focus moves to the new step's heading, so keyboard and screen-reader users
// land where the content changed.
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef } from "react";
import type { SloDto } from "@/lib/schemas/slo-dto";
import { effectiveStep, nextStep, parseWizardState, previousStep, STEP_TITLES, stepComplete, WIZARD_STEPS, wizardSearch, type WizardState, type WizardStep } from "@/lib/client/wizard-state";
import { cx } from "../../ui/cx";
import { Button } from "../../ui/button";
import { StepDatasource } from "./step-datasource";
import { StepService } from "./step-service";
import { StepOperation } from "./step-operation";
import { StepHistory } from "./step-history";
import { StepTarget } from "./step-target";
import { StepDetails } from "./step-details";
import { StepReview } from "./step-review";

export type Go = (next: WizardState, how?: "push" | "replace") => void;
export type StepProps = { state: WizardState; go: Go; edit?: SloDto };

/** `fixedParams` stay in every URL the wizard writes (the edit page's `tune=1`, which is not wizard state). */
export function SloWizard({ edit, initial, fixedParams }: { edit?: SloDto; initial?: WizardState; fixedParams?: Record<string, string> }) {
  const sp = useSearchParams();
  const pathname = usePathname();
  const state = useMemo(() => parseWizardState(new URLSearchParams(sp.toString())), [sp]);
  const step = effectiveStep(state);

  const go: Go = useCallback(
    (next, how = "push") => {
      // Entering History pins the baseline's end into the URL: a shared link then shows the same past.
      const pinned = next.endSeconds === null && WIZARD_STEPS.indexOf(next.step) >= WIZARD_STEPS.indexOf("history") ? { ...next, endSeconds: Math.floor(Date.now() / 3_600_000) * 3600 } : next;
      const fixed = new URLSearchParams(fixedParams).toString();
      const qs = [fixed, wizardSearch(pinned)].filter(Boolean).join("&");
      // The history API, not router.push: Next.js syncs useSearchParams with it and skips the
      // server round trip a soft navigation would make for every keystroke.
      window.history[how === "push" ? "pushState" : "replaceState"](null, "", qs ? `${pathname}?${qs}` : pathname);
    },
    [pathname, fixedParams],
  );

  // A prefill (Duplicate, Edit) arrives as a link without the definition in it: write the SLO's
  // definition into the URL once, keeping a step the link asked for.
  const needsPrefill = initial !== undefined && state.service === "";
  useEffect(() => {
    if (needsPrefill) go({ ...initial, step: sp.get("step") ? state.step : initial.step }, "replace");
  }, [needsPrefill, initial, go, sp, state.step]);

  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // Not on first load: the page heading is where a fresh visit starts.
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  if (needsPrefill) return <p role="status" aria-busy="true" className="text-sm text-zinc-600">Loading the definition…</p>;

  const props: StepProps = { state: { ...state, step }, go, edit };
  const index = WIZARD_STEPS.indexOf(step);
  const canNext = stepComplete(state, step) && step !== "review";

  return (
    <div
      onKeyDown={(e) => {
        // Escape steps back, unless a control inside handled it (a search box clearing itself).
        if (e.key === "Escape" && !e.defaultPrevented && index > 0 && !(e.target instanceof HTMLSelectElement)) go({ ...state, step: previousStep(step) });
      }}
    >
      <nav aria-label="Wizard steps" className="mb-6">
        <ol className="flex flex-wrap gap-1.5 text-sm">
          {WIZARD_STEPS.map((s, i) => {
            const reachable = i <= index || WIZARD_STEPS.slice(0, i).every((p) => stepComplete(state, p));
            const current = s === step;
            return (
              <li key={s}>
                <button
                  type="button"
                  disabled={!reachable}
                  aria-current={current ? "step" : undefined}
                  onClick={() => go({ ...state, step: s })}
                  className={cx(
                    "rounded-full border px-3 py-1 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
                    current ? "border-indigo-600 bg-indigo-600 text-white" : reachable ? "border-zinc-300 bg-white text-zinc-700 hover:bg-zinc-50" : "border-zinc-200 text-zinc-400",
                  )}
                >
                  <span className="tabular-nums">{i + 1}.</span> {STEP_TITLES[s]}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <section aria-labelledby="wizard-step-title" className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm">
        <h2 id="wizard-step-title" ref={heading} tabIndex={-1} className="mb-4 text-lg font-semibold text-zinc-900 outline-none">
          {index + 1}. {STEP_TITLES[step]}
        </h2>
        <StepBody step={step} {...props} />
      </section>
      <div className="mt-5 flex items-center justify-between gap-3">
        <Button variant="ghost" disabled={index === 0} onClick={() => go({ ...state, step: previousStep(step) })}>
          ← Back
        </Button>
        {step === "review" ? null : (
          <Button variant="primary" disabled={!canNext} onClick={() => go({ ...state, step: nextStep(step) })}>
            Next: {STEP_TITLES[nextStep(step)]} →
          </Button>
        )}
      </div>
    </div>
  );
}

function StepBody({ step, ...p }: StepProps & { step: WizardStep }) {
  switch (step) {
    case "datasource":
      return <StepDatasource {...p} />;
    case "service":
      return <StepService {...p} />;
    case "operation":
      return <StepOperation {...p} />;
    case "history":
      return <StepHistory {...p} />;
    case "target":
      return <StepTarget {...p} />;
    case "details":
      return <StepDetails {...p} />;
    case "review":
      return <StepReview {...p} />;
  }
}
