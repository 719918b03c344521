"use client";
// The "Traces" part of the datasource form: which backend, where, its own credential (write-only,
// like Prometheus's) and the Grafana link settings for "Open in Grafana Explore".
import type { DatasourceDto } from "@/lib/schemas/datasource";
import { traceNeedsCredentials, traceSecretWillBeDropped, type DatasourceFormErrors, type DatasourceFormField, type DatasourceFormValues } from "@/lib/client/datasource-form";
import { Field, selectClass } from "../ui/field";

export function TraceFieldset({
  v,
  existing,
  errors,
  set,
  input,
  id,
}: {
  v: DatasourceFormValues;
  existing?: DatasourceDto;
  errors: DatasourceFormErrors;
  set: <K extends DatasourceFormField>(k: K, val: DatasourceFormValues[K]) => void;
  input: (k: DatasourceFormField, extra?: React.ComponentProps<"input">) => React.JSX.Element;
  id: (f: string) => string;
}) {
  const stored = existing?.hasTraceAuthSecret ? "stored" : "not set";
  const dropping = traceSecretWillBeDropped(v, existing);
  const hint = dropping
    ? "The trace URL now points at another host: saving removes the stored secret instead of sending it there. Type it here to use it with the new host."
    : existing && traceNeedsCredentials(existing) && existing.traceAuthKind === v.traceAuthKind
      ? "Not set: it was removed when the trace URL moved to another host, or never entered."
      : existing?.hasTraceAuthSecret
        ? "Stored; leave empty to keep it, type to replace it. Never shown."
        : v.traceAuthKind === "basic"
          ? "user:password, stored write-only; sent only to the trace backend URL."
          : "The token, stored write-only; sent only to the trace backend URL.";
  return (
    <fieldset className="grid gap-4 rounded-md border border-zinc-200 p-4 sm:col-span-2 sm:grid-cols-2">
      <legend className="px-1 text-sm font-semibold text-zinc-900">Traces</legend>
      <Field id={id("traceBackend")} label="Trace backend" error={errors.traceBackend} hint="Where exemplar trace IDs are opened.">
        <select value={v.traceBackend} onChange={(e) => set("traceBackend", e.target.value as DatasourceFormValues["traceBackend"])} className={selectClass(false)}>
          <option value="none">None</option>
          <option value="tempo">Tempo</option>
          <option value="jaeger">Jaeger</option>
        </select>
      </Field>
      {v.traceBackend !== "none" ? (
        <Field
          id={id("traceUrl")}
          label="Trace backend URL"
          error={errors.traceUrl}
          hint={v.traceBackend === "tempo" ? "Tempo's query frontend, e.g. http://tempo:3200. The tenant above is sent as X-Scope-OrgID." : "Jaeger's query service, e.g. http://jaeger:16686."}
        >
          {input("traceUrl", { type: "url", placeholder: v.traceBackend === "jaeger" ? "http://jaeger:16686" : "http://tempo:3200", className: "font-mono" })}
        </Field>
      ) : null}
      {v.traceBackend !== "none" ? (
        <>
          <Field id={id("traceAuthKind")} label="Trace backend authentication" error={errors.traceAuthKind} hint="Its own credential: the Prometheus secret is never sent here.">
            <select value={v.traceAuthKind} onChange={(e) => set("traceAuthKind", e.target.value as DatasourceFormValues["traceAuthKind"])} className={selectClass(false)}>
              <option value="none">None</option>
              <option value="bearer">Bearer token</option>
              <option value="basic">Basic (user:password)</option>
            </select>
          </Field>
          {v.traceAuthKind !== "none" ? (
            <Field
              id={id("traceAuthSecret")}
              label={<>Trace secret <span className="font-normal text-zinc-500">({stored})</span></>}
              error={errors.traceAuthSecret}
              hint={<span className={dropping ? "font-medium text-amber-800" : undefined}>{hint}</span>}
            >
              {input("traceAuthSecret", { type: "password", autoComplete: "new-password", placeholder: existing?.hasTraceAuthSecret ? "••••••••" : "" })}
            </Field>
          ) : (
            <p className="self-end pb-2 text-xs text-zinc-500">Trace secret: {stored}{existing?.hasTraceAuthSecret ? " (saving with no authentication removes it)" : ""}</p>
          )}
        </>
      ) : null}
      <Field id={id("grafanaUrl")} label="Grafana URL" error={errors.grafanaUrl} hint="Optional; for “Open in Grafana Explore” links.">
        {input("grafanaUrl", { type: "url", placeholder: "https://grafana.example.com", className: "font-mono" })}
      </Field>
      <Field
        id={id("grafanaTempoUid")}
        label="Tempo datasource UID in Grafana"
        error={errors.grafanaTempoUid}
        hint="Optional. In Grafana: Connections → Data sources → your Tempo datasource; the UID is the last part of its URL (…/datasources/edit/<uid>)."
      >
        {input("grafanaTempoUid", { className: "font-mono", maxLength: 40, placeholder: "P214B5B846CF3925F" })}
      </Field>
    </fieldset>
  );
}
