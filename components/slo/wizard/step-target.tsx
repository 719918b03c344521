"use client";
// The target: suggested (threshold, objective) pairs with their reasoning, the engineer's own
// intent judged against the history, or a manual pick — thresholds only from the real bucket
// boundaries, so the SLI is exact. Then the backtest of the chosen target over the baseline.
import type { SuggestResponse } from "@/lib/schemas/suggest";
import { COMMON_OBJECTIVES } from "@/lib/schemas/values";
import { formatMs, formatObjective, formatRatio } from "@/lib/slo/format";
import { useBacktest } from "@/lib/client/backtest";
import { describeError } from "@/lib/client/http";
import { WINDOW_CHOICES } from "@/lib/client/slo-form";
import { useDebouncedText } from "@/lib/client/use-debounced-text";
import { backtestRequestFor, parseIntent } from "@/lib/client/wizard-map";
import type { WizardState } from "@/lib/client/wizard-state";
import { Button } from "../../ui/button";
import { Callout } from "../../ui/callout";
import { cx } from "../../ui/cx";
import { inputClass, selectClass } from "../../ui/field";
import { Skeleton } from "../../ui/skeleton";
import { BacktestView } from "./backtest-view";
import { Panel } from "./step-history";
import { useWizardSuggest } from "./use-wizard-suggest";
import type { StepProps } from "./wizard";

const OBJECTIVE_CHOICES = [0.9, 0.95, ...COMMON_OBJECTIVES];
const VERDICT: Record<NonNullable<SuggestResponse["intent"]>["verdict"], { words: string; tone: string }> = {
  supported: { words: "Supported by the history", tone: "text-emerald-700" },
  uncertain: { words: "Uncertain: the bucket straddling the threshold decides", tone: "text-amber-700" },
  not_supported: { words: "Not supported by the history", tone: "text-red-700" },
  not_measurable: { words: "Not measurable: no bucket boundary at or below the threshold", tone: "text-red-700" },
  too_little_traffic: { words: "Too little traffic to judge this objective", tone: "text-amber-700" },
};

export function StepTarget({ state, go, edit }: StepProps) {
  const { query: q, baseline } = useWizardSuggest(state);
  const data = q.data;
  const set = (patch: Partial<WizardState>) => go({ ...state, ...patch }, "replace");
  const choose = (thresholdSeconds: number, objective: number) => set({ thresholdSeconds, objective });
  // The whole requested baseline: a replay clipped to the oldest sample came back empty (see the report).
  const bt = useBacktest(backtestRequestFor(state, baseline, edit?.id));
  const result = bt.data?.draft ?? null;

  return (
    <div className="space-y-5">
      {q.error ? (
        <Callout title={`No data from Prometheus: ${describeError(q.error).title}`} action={<Button onClick={() => q.refetch()}>Try again</Button>}>
          {describeError(q.error).detail}
        </Callout>
      ) : null}
      {!data && q.isPending ? <Skeleton className="h-40 w-full" /> : null}

      {data ? (
        <>
          <div className="grid gap-3 md:grid-cols-2" data-testid="suggestions">
            {data.suggestions.length === 0 ? (
              <p className="text-sm text-zinc-600 md:col-span-2">No pair of threshold and objective keeps enough budget over this history{data.excluded.length ? " (after the exclusions)" : ""}. Pick one below and read its backtest.</p>
            ) : (
              data.suggestions.map((s) => {
                const chosen = state.thresholdSeconds === s.thresholdSeconds && state.objective === s.objective;
                return (
                  <article key={s.kind} data-testid={`suggestion-${s.kind}`} className={cx("rounded-md border p-4", chosen ? "border-indigo-500 bg-indigo-50/50" : "border-zinc-200")}>
                    <h3 className="text-sm font-semibold text-zinc-900">
                      {s.kind === "tight" ? "Tight" : "Comfortable"}: {formatMs(s.thresholdSeconds)} at {formatObjective(s.objective)}
                    </h3>
                    <p className="mt-1 text-sm text-zinc-700">{s.reasoning}</p>
                    <Button className="mt-3" variant={chosen ? "primary" : "secondary"} aria-pressed={chosen} onClick={() => choose(s.thresholdSeconds, s.objective)}>
                      {chosen ? "Chosen" : "Use this"}
                    </Button>
                  </article>
                );
              })
            )}
          </div>

          <IntentBox state={state} data={data} set={set} choose={choose} />

          <fieldset className="flex flex-wrap items-end gap-3 text-sm">
            <legend className="mb-1 text-sm font-medium text-zinc-800">Or pick it yourself</legend>
            <label className="text-xs text-zinc-700">
              Threshold (a real bucket boundary)
              <select value={state.thresholdSeconds ?? ""} onChange={(e) => set({ thresholdSeconds: e.target.value ? Number(e.target.value) : null })} className={selectClass(false, "mt-0.5 w-44")}>
                <option value="">Choose…</option>
                {data.candidates.map((c) => (
                  <option key={c.boundarySeconds} value={c.boundarySeconds}>
                    {formatMs(c.boundarySeconds)}
                    {c.sli === null ? "" : ` (${formatRatio(c.sli)} within)`}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-xs text-zinc-700">
              Objective
              <select value={state.objective ?? ""} onChange={(e) => set({ objective: e.target.value ? Number(e.target.value) : null })} className={selectClass(false, "mt-0.5 w-28")}>
                <option value="">Choose…</option>
                {[...new Set([...OBJECTIVE_CHOICES, ...(state.objective ? [state.objective] : [])])].sort().map((o) => (
                  <option key={o} value={o}>
                    {formatObjective(o)}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-xs text-zinc-700">
              Window
              <select value={state.window} onChange={(e) => set({ window: e.target.value })} className={selectClass(false, "mt-0.5 w-48")}>
                {WINDOW_CHOICES.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
        </>
      ) : null}

      {state.thresholdSeconds !== null && state.objective !== null ? (
        <Panel title="Backtest: had this SLO existed over the baseline" note="The SLI and budget the status page would have shown at each moment, and when each alert tier would have fired. Exclusions do not apply here: this replays the whole past." testId="backtest">
          {bt.error ? (
            <Callout title={`The backtest could not run: ${describeError(bt.error).title}`} action={<Button onClick={() => bt.refetch()}>Try again</Button>}>
              {describeError(bt.error).detail}
            </Callout>
          ) : result ? (
            <div aria-busy={bt.isFetching}>
              <BacktestView r={result} />
            </div>
          ) : (
            <div role="status" aria-busy="true">
              <span className="sr-only">Replaying the past…</span>
              <Skeleton className="h-60 w-full" />
            </div>
          )}
        </Panel>
      ) : null}
    </div>
  );
}

function IntentBox({ state, data, set, choose }: { state: WizardState; data: SuggestResponse; set: (p: Partial<WizardState>) => void; choose: (t: number, o: number) => void }) {
  const [text, setText] = useDebouncedText(state.intent, (intent) => set({ intent }), 500);
  const parsed = parseIntent(text);
  const ev = data.intent;
  const current = parseIntent(state.intent);
  return (
    <div className="rounded-md border border-zinc-200 p-4" data-testid="intent">
      <label htmlFor="wizard-intent" className="block text-sm font-semibold text-zinc-900">
        What do you have in mind?
      </label>
      <p id="wizard-intent-hint" className="text-xs text-zinc-500">
        e.g. “99 % under 300 ms” or “p99 ≤ 250 ms”. The history says whether it holds, which boundary measures it, and what is realistic nearby.
      </p>
      <input id="wizard-intent" aria-describedby="wizard-intent-hint" value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} autoComplete="off" className={inputClass(parsed === "invalid", "mt-1 max-w-sm")} />
      <p aria-live="polite" className="mt-1 text-xs text-red-700">{parsed === "invalid" ? "Write it as “99 % under 300 ms” or “p99 ≤ 250 ms”." : ""}</p>
      {ev && current && current !== "invalid" ? (
        <div className="mt-2 space-y-1 text-sm" data-testid="intent-verdict">
          <p className={cx("font-medium", VERDICT[ev.verdict].tone)}>{VERDICT[ev.verdict].words}</p>
          <p className="text-zinc-700">
            {ev.fit.kind === "exact"
              ? `${formatMs(ev.thresholdSeconds)} is a bucket boundary: measured exactly.`
              : ev.measuredBySeconds !== null
                ? `${formatMs(ev.thresholdSeconds)} is not a boundary: measured at ${formatMs(ev.measuredBySeconds)} (the boundary below, so it never overstates)${ev.fit.upperSeconds !== null ? `, ${formatMs(ev.fit.upperSeconds)} above` : ""}.`
                : `No boundary at or below ${formatMs(ev.thresholdSeconds)}.`}{" "}
            Breached on {ev.daysBreached} of {ev.daysJudged} judged days and in {ev.windowsBreached.toLocaleString("en-US")} of {ev.windowsEvaluated.toLocaleString("en-US")} rolling windows.
          </p>
          <p className="text-zinc-700">{ev.reasoning}</p>
          <div className="flex flex-wrap gap-2 pt-1">
            {ev.measuredBySeconds !== null && ev.verdict === "supported" ? <Button onClick={() => choose(ev.measuredBySeconds!, ev.objective)}>Use {formatMs(ev.measuredBySeconds)} at {formatObjective(ev.objective)}</Button> : null}
            {ev.alternatives.sameObjective ? (
              <Button onClick={() => choose(ev.alternatives.sameObjective!.thresholdSeconds, ev.objective)}>
                Use {formatMs(ev.alternatives.sameObjective.thresholdSeconds)} at {formatObjective(ev.objective)} (worst window {formatRatio(ev.alternatives.sameObjective.worstWindowSli)})
              </Button>
            ) : null}
            {ev.alternatives.sameThreshold && ev.measuredBySeconds !== null ? (
              <Button onClick={() => choose(ev.measuredBySeconds!, ev.alternatives.sameThreshold!.objective)}>
                Use {formatMs(ev.measuredBySeconds)} at {formatObjective(ev.alternatives.sameThreshold.objective)} (worst window {formatRatio(ev.alternatives.sameThreshold.worstWindowSli)})
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
