"use client";
// The three groups of the SLO form. Each field shows its unit and what it means, because a
// latency SLO is only as good as the shared understanding of "fast enough".
import Link from "next/link";
import { useEffect } from "react";
import { useDatasources } from "@/lib/client/datasources/list";
import { describeError } from "@/lib/client/http";
import { formatErrorBudget } from "@/lib/client/format";
import { SPAN_KIND_CHOICES, WINDOW_CHOICES, type SloFormErrors, type SloFormField, type SloFormValues } from "@/lib/client/slo-form";
import { Field, inputClass, selectClass } from "../ui/field";

type SectionProps = {
  values: SloFormValues;
  errors: SloFormErrors;
  set: <K extends SloFormField>(k: K, v: SloFormValues[K]) => void;
};

function Section({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <fieldset className="grid gap-x-8 gap-y-4 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm md:grid-cols-[14rem_1fr]">
      <legend className="sr-only">{title}</legend>
      <div>
        <h2 aria-hidden className="text-sm font-semibold text-zinc-900">{title}</h2>
        <p className="mt-1 text-xs leading-relaxed text-zinc-500">{description}</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}

const text = (p: SectionProps, k: SloFormField & keyof SloFormValues, { className, ...extra }: Partial<React.ComponentProps<"input">> = {}) => (
  <input
    type="text"
    autoComplete="off"
    {...extra}
    value={String(p.values[k])}
    onChange={(e) => p.set(k, e.target.value as never)}
    className={inputClass(Boolean(p.errors[k]), className)}
  />
);

export function AboutSection(p: SectionProps & { mode: "create" | "edit" }) {
  return (
    <Section title="About" description="How people find and talk about this SLO.">
      <Field id="slo-name" label="Name" error={p.errors.name} hint="e.g. Checkout API latency" className="sm:col-span-2">
        {text(p, "name", { maxLength: 120, autoFocus: p.mode === "create" })}
      </Field>
      <Field
        id="slo-slug"
        label="Slug"
        error={p.errors.slug}
        hint={p.mode === "create" ? "Derived from the name; used in URLs and alert labels." : "Changing it breaks existing links and alert labels."}
        className="sm:col-span-2"
      >
        {text(p, "slug", { maxLength: 63, spellCheck: false, className: "font-mono" })}
      </Field>
      <Field id="slo-team" label="Team" error={p.errors.team} hint="Optional; filters the catalogue.">
        {text(p, "team", { maxLength: 63 })}
      </Field>
      <Field id="slo-owner" label="Owner" error={p.errors.owner} hint="Optional; a person or on-call rotation.">
        {text(p, "owner", { maxLength: 120 })}
      </Field>
      <Field id="slo-description" label="Description" error={p.errors.description} hint="Optional; why this objective matters to users." className="sm:col-span-2">
        <textarea value={p.values.description} onChange={(e) => p.set("description", e.target.value)} rows={2} maxLength={2000} className={inputClass(Boolean(p.errors.description))} />
      </Field>
    </Section>
  );
}

export function MeasureSection(p: SectionProps) {
  const ds = useDatasources();
  const { set, values } = p;
  // With exactly one datasource there is nothing to choose: preselect it.
  useEffect(() => {
    if (ds.data?.length === 1 && values.datasourceId === "") set("datasourceId", ds.data[0].id);
  }, [ds.data, values.datasourceId, set]);

  return (
    <Section title="What to measure" description="The spans this SLO counts, as labelled in your span metrics (Tempo metrics-generator or the OpenTelemetry spanmetrics connector).">
      <Field
        id="slo-datasourceId"
        label="Datasource"
        error={p.errors.datasourceId ?? (ds.isError ? `Could not load datasources: ${describeError(ds.error).title}` : undefined)}
        hint={
          ds.data?.length === 0 ? (
            <>
              No datasource yet. <Link href="/settings" className="font-medium text-indigo-700 underline">Add one in Settings</Link> first.
            </>
          ) : (
            "The Prometheus-compatible store holding the span metrics."
          )
        }
        className="sm:col-span-2"
      >
        <select value={values.datasourceId} onChange={(e) => set("datasourceId", e.target.value)} className={selectClass(Boolean(p.errors.datasourceId))} disabled={ds.isPending}>
          <option value="">{ds.isPending ? "Loading datasources…" : "Choose a datasource"}</option>
          {ds.data?.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.prometheusUrl})
            </option>
          ))}
        </select>
      </Field>
      <Field id="slo-service" label="Service" error={p.errors.service} hint="The service name label, e.g. checkout.">
        {text(p, "service", { maxLength: 256, spellCheck: false })}
      </Field>
      <Field id="slo-spanKind" label="Span kind" error={p.errors.spanKind} hint="Server spans measure what callers experience.">
        <select value={values.spanKind} onChange={(e) => set("spanKind", e.target.value)} className={selectClass(Boolean(p.errors.spanKind))}>
          {SPAN_KIND_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="slo-operation" label="Operation" error={p.errors.operation} hint={values.operationMatch === "regex" ? "Prometheus (RE2) syntax, matched against the whole span name: (?i) works; lookarounds and backreferences do not." : "The span name, e.g. POST /api/checkout."} className="sm:col-span-2">
        {text(p, "operation", { maxLength: 512, spellCheck: false, className: "font-mono" })}
      </Field>
      <Field id="slo-operationMatch" label="Match operation" error={p.errors.operationMatch} hint="A regular expression can cover several routes.">
        <select value={values.operationMatch} onChange={(e) => set("operationMatch", e.target.value as SloFormValues["operationMatch"])} className={selectClass(false)}>
          <option value="exact">Exactly</option>
          <option value="regex">As a regular expression</option>
        </select>
      </Field>
    </Section>
  );
}

export function ObjectiveSection(p: SectionProps) {
  const { values, set, errors } = p;
  const pct = Number(values.objectivePercent.replace(",", "."));
  const budget = Number.isFinite(pct) && pct > 0 && pct < 100 ? formatErrorBudget(pct / 100) : null;
  return (
    <Section title="Objective" description="A request is good when its span took at most the threshold. The objective is the share of good requests to keep over the window.">
      <Field id="slo-thresholdMs" label="Latency threshold" suffix="ms" error={errors.thresholdMs} hint="In milliseconds. Pick a histogram bucket boundary for an exact SLI.">
        {text(p, "thresholdMs", { inputMode: "decimal", className: "pr-10 tabular-nums", placeholder: "300" })}
      </Field>
      <Field id="slo-objectivePercent" label="Objective" suffix="%" error={errors.objectivePercent} hint={budget ? `In percent, below 100. Error budget: ${budget} of requests may be slower.` : "In percent, below 100 (e.g. 99.5)."}>
        {text(p, "objectivePercent", { inputMode: "decimal", className: "pr-8 tabular-nums" })}
      </Field>
      <Field id="slo-window" label="Window" error={errors.window} hint="Rolling windows move daily; a calendar month resets on the 1st (UTC).">
        <select value={values.window} onChange={(e) => set("window", e.target.value)} className={selectClass(Boolean(errors.window))}>
          {WINDOW_CHOICES.some((c) => c.value === values.window) ? null : <option value={values.window}>{values.window.replace("rolling:", "")} days, rolling</option>}
          {WINDOW_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="slo-minEvents" label="Minimum requests" suffix="requests" error={errors.minEvents} hint="Below this count a window is marked “too little traffic” instead of judged.">
        {text(p, "minEvents", { inputMode: "numeric", className: "pr-20 tabular-nums" })}
      </Field>
      <div className="flex items-start gap-2.5 sm:col-span-2">
        <input
          id="slo-countErrorsAsBad"
          type="checkbox"
          checked={values.countErrorsAsBad}
          onChange={(e) => set("countErrorsAsBad", e.target.checked)}
          aria-describedby="slo-countErrorsAsBad-hint"
          className="mt-0.5 size-4 rounded border-zinc-300 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        />
        <div>
          <label htmlFor="slo-countErrorsAsBad" className="text-sm font-medium text-zinc-800">Count failed requests as bad</label>
          <p id="slo-countErrorsAsBad-hint" className="text-xs text-zinc-500">Spans with status ERROR count against the objective even when they were fast.</p>
        </div>
      </div>
      <Field id="slo-status" label="Status" error={errors.status} hint="Drafts are listed but generate no alerts.">
        <select value={values.status} onChange={(e) => set("status", e.target.value as SloFormValues["status"])} className={selectClass(false)}>
          <option value="active">Active</option>
          <option value="draft">Draft</option>
        </select>
      </Field>
    </Section>
  );
}
