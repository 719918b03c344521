"use client";
// The operation (span name), exactly or as a regex, and the span kind. A regex shows which of the
// listed operations it selects (RE2, as Prometheus matches) and how many series the backend holds
// for it; above SERIES_WARNING_LIMIT a warning says why that is costly.
import { useMemo } from "react";
import { describeError } from "@/lib/client/http";
import { formatRps } from "@/lib/client/status/format";
import { useDebouncedText } from "@/lib/client/use-debounced-text";
import { useDiscovery } from "@/lib/client/wizard-discovery";
import { SERIES_WARNING_LIMIT } from "@/lib/client/wizard-map";
import { useRegexEngineReady } from "@/lib/client/use-regex-engine";
import { matchingOperations } from "@/lib/client/wizard-regex";
import { withSelection } from "@/lib/client/wizard-state";
import { SPAN_KIND_CHOICES } from "@/lib/client/slo-form";
import { Callout } from "../../ui/callout";
import { Field, inputClass } from "../../ui/field";
import { cx } from "../../ui/cx";
import { DISCOVERY_LOOKBACK_SECONDS, lookbackWords } from "./discovery-lookback";
import { Picker } from "./picker";
import { useSeriesCount } from "./use-series-count";
import type { StepProps } from "./wizard";

const kindLabel = (k: string) => SPAN_KIND_CHOICES.find((c) => c.value === k)?.label ?? k;

export function StepOperation({ state, go }: StepProps) {
  const ops = useDiscovery("operations", { datasource: state.datasourceId, service: state.service, lookback: DISCOVERY_LOOKBACK_SECONDS });
  const exact = state.operationMatch === "exact";
  const kinds = useDiscovery("span-kinds", { datasource: state.datasourceId, service: state.service, operation: state.operation, lookback: DISCOVERY_LOOKBACK_SECONDS }, exact && state.operation !== "");
  const [regex, setRegex] = useDebouncedText(exact ? "" : state.operation, (v) => go(withSelection(state, { operation: v }), "replace"));
  const engineReady = useRegexEngineReady();
  const preview = useMemo(() => (exact || !engineReady ? null : matchingOperations(regex, (ops.data?.items ?? []).map((i) => i.value))), [exact, engineReady, regex, ops.data]);
  const series = useSeriesCount(state);

  const mode = (m: "exact" | "regex") => go(withSelection(state, { operationMatch: m, operation: "" }), "replace");

  return (
    <div className="space-y-5">
      <fieldset>
        <legend className="text-sm font-medium text-zinc-800">Match the operation</legend>
        <div className="mt-1 flex gap-4 text-sm">
          {(["exact", "regex"] as const).map((m) => (
            <label key={m} className="flex items-center gap-1.5">
              <input type="radio" name="operation-match" checked={state.operationMatch === m} onChange={() => mode(m)} className="accent-indigo-600" />
              {m === "exact" ? "Exactly one operation" : "A regular expression (several routes)"}
            </label>
          ))}
        </div>
      </fieldset>

      {exact ? (
        <Picker
          label={`Operation of ${state.service}`}
          testId="operation-list"
          items={ops.data?.items}
          selected={state.operation}
          onPick={(operation) => go(withSelection(state, { operation, spanKind: "any" }), "replace")}
          isPending={ops.isPending}
          error={ops.error}
          onRetry={() => ops.refetch()}
          emptyText={`${state.service} sent no spans in the ${lookbackWords}.`}
        />
      ) : (
        <div className="space-y-2">
          <Field
            id="wizard-operation-regex"
            label="Operation regex"
            error={preview?.problem ?? undefined}
            hint="Prometheus (RE2) syntax, matched against the whole span name, e.g. GET /api/.*"
          >
            <input type="text" value={regex} onChange={(e) => setRegex(e.target.value)} spellCheck={false} autoComplete="off" className={inputClass(Boolean(preview?.problem), "font-mono")} />
          </Field>
          {preview && !preview.problem && regex ? (
            <p data-testid="regex-matches" className="text-sm text-zinc-700">
              Matches {preview.matches.length} of the {ops.data?.items.length ?? 0} operations {state.service} sent in the {lookbackWords}
              {preview.matches.length ? `: ${preview.matches.slice(0, 8).join(", ")}${preview.matches.length > 8 ? ", …" : ""}` : "."}
            </p>
          ) : !exact && regex && !preview ? (
            <p data-testid="regex-matches-pending" className="text-sm text-zinc-500">
              Checking the pattern…
            </p>
          ) : null}
        </div>
      )}

      {state.operation ? (
        <div aria-live="polite" data-testid="series-count" className="text-sm text-zinc-700">
          {series.isPending ? "Counting the series this selects…" : series.error ? `Could not count the series: ${describeError(series.error).title}` : series.data !== undefined ? (
            <>Selects {series.data.toLocaleString("en-US")} series.</>
          ) : null}
          {series.data !== undefined && series.data > SERIES_WARNING_LIMIT ? (
            <Callout tone="warning" className="mt-2" title={`${series.data.toLocaleString("en-US")} series is more than ${SERIES_WARNING_LIMIT}`}>
              Every SLI query reads each of them per bucket boundary, and status pages and alert rules slow down with it. A narrower regex or an exact operation is usually what was meant.
            </Callout>
          ) : null}
        </div>
      ) : null}

      {exact && state.operation ? (
        <fieldset>
          <legend className="text-sm font-medium text-zinc-800">Span kind</legend>
          <p className="text-xs text-zinc-500">Server spans measure what callers experience. Kinds seen for {state.operation}, with their rates:</p>
          {kinds.error ? <p className="mt-1 text-sm text-red-700">No data from Prometheus: {describeError(kinds.error).title}. {describeError(kinds.error).detail}</p> : null}
          <div className="mt-2 flex flex-wrap gap-2 text-sm">
            {[{ value: "any", requestsPerSecond: undefined as number | undefined }, ...(kinds.data?.items ?? [])].map((k) => (
              <label key={k.value} className={cx("flex items-center gap-1.5 rounded-md border px-2.5 py-1", state.spanKind === k.value ? "border-indigo-500 bg-indigo-50" : "border-zinc-300")}>
                <input type="radio" name="span-kind" checked={state.spanKind === k.value} onChange={() => go(withSelection(state, { spanKind: k.value }), "replace")} className="accent-indigo-600" />
                {k.value === "any" ? "Any kind" : kindLabel(k.value)}
                {k.requestsPerSecond === undefined ? null : <span className="text-xs tabular-nums text-zinc-500">{formatRps(k.requestsPerSecond)}</span>}
              </label>
            ))}
            {kinds.isPending ? <span className="text-xs text-zinc-500">Loading span kinds…</span> : null}
          </div>
        </fieldset>
      ) : null}

      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" checked={state.countErrorsAsBad} onChange={(e) => go({ ...state, countErrorsAsBad: e.target.checked, thresholdSeconds: null, objective: null }, "replace")} className="mt-0.5 accent-indigo-600" />
        <span>
          Count failed requests as bad <span className="block text-xs text-zinc-500">Spans with status ERROR count against the objective even when they were fast.</span>
        </span>
      </label>
    </div>
  );
}
