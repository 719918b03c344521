"use client";
// Create or edit one datasource. The secrets are write-only: the form shows whether one is stored
// ("set"/"not set") and only sends a secret the user typed. "Test connection" tests what the form
// holds now, saved or not.
import { useState, type FormEvent } from "react";
import type { DatasourceDto, UpdatedDatasourceDto } from "@/lib/schemas/datasource";
import { useSaveDatasource } from "@/lib/client/datasources/save";
import { datasourceValidation, useLazyModule } from "@/lib/client/lazy-module";
import { datasourceToForm, emptyDatasourceForm, needsCredentials, secretWillBeDropped, type DatasourceFormErrors, type DatasourceFormField, type DatasourceFormValues } from "@/lib/client/datasource-form";
import { useTestConnection } from "@/lib/client/datasources/test-connection";
import { ApiError, describeError } from "@/lib/client/http";
import { slugify } from "@/lib/client/slugify";
import { Button } from "../ui/button";
import { Callout } from "../ui/callout";
import { Field, inputClass, selectClass } from "../ui/field";
import { ConnectionTestResult } from "./connection-test-result";
import { TraceFieldset } from "./trace-fieldset";

export function DatasourceForm({ existing, onDone }: { existing?: DatasourceDto; onDone: (saved: DatasourceDto | UpdatedDatasourceDto | null) => void }) {
  const [v, setV] = useState<DatasourceFormValues>(() => (existing ? datasourceToForm(existing) : emptyDatasourceForm()));
  const [errors, setErrors] = useState<DatasourceFormErrors>({});
  const [slugTouched, setSlugTouched] = useState(Boolean(existing));
  // The validators (and zod) are fetched once the page has loaded; a click before that waits for them.
  useLazyModule(datasourceValidation);
  const save = useSaveDatasource();
  const tester = useTestConnection();
  const id = (f: string) => `ds-${f}`;

  const set = <K extends DatasourceFormField>(k: K, val: DatasourceFormValues[K]) =>
    setV((prev) => ({ ...prev, [k]: val, ...(k === "name" && !slugTouched ? { slug: slugify(String(val)) } : {}) }));
  const input = (k: DatasourceFormField, { className, ...extra }: React.ComponentProps<"input"> = {}) => (
    <input type="text" autoComplete="off" spellCheck={false} {...extra} value={String(v[k])} onChange={(e) => set(k, e.target.value as never)} className={inputClass(Boolean(errors[k]), className)} />
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = (await datasourceValidation.get()).validateDatasourceForm(v, existing);
    setErrors(r.errors);
    if (Object.keys(r.errors).length > 0) {
      const first = Object.keys(r.errors)[0];
      document.getElementById(id(first))?.focus();
      return;
    }
    try {
      const saved = existing ? await save.mutateAsync({ mode: "update", id: existing.id, input: r.patch ?? {} }) : await save.mutateAsync({ mode: "create", input: r.input! });
      onDone(saved);
    } catch (err) {
      const next: DatasourceFormErrors = {};
      if (err instanceof ApiError) {
        for (const fe of err.fieldErrors) next[(fe.path.split(".")[0] || "form") as DatasourceFormField] ??= fe.message;
        if (err.status === 409 && !next.slug) next.slug = err.detail || "Another datasource already uses this slug.";
      }
      if (Object.keys(next).length === 0) next.form = [describeError(err).title, describeError(err).detail].filter(Boolean).join(": ");
      setErrors(next);
    }
  };

  const runTest = async () => {
    const r = (await datasourceValidation.get()).connectionTestRequest(v, existing);
    setErrors(r.errors);
    tester.reset();
    if (r.request) tester.mutate(r.request);
    else document.getElementById(id(Object.keys(r.errors)[0]))?.focus();
  };
  const testError = tester.error
    ? tester.error instanceof ApiError && tester.error.fieldErrors.length > 0
      ? tester.error.fieldErrors.map((f) => `${f.path}: ${f.message}`).join("; ")
      : [describeError(tester.error).title, describeError(tester.error).detail].filter(Boolean).join(": ")
    : undefined;

  const secretState = existing?.hasAuthSecret ? "set" : "not set";
  const dropping = secretWillBeDropped(v, existing);
  const secretHint = dropping
    ? "The URL now points at another host: saving removes the stored secret instead of sending it there. Type it here to use it with the new host."
    : existing && needsCredentials(existing) && existing.authKind === v.authKind
      ? "Not set: it was removed when the URL moved to another host, or never entered. Queries go out without credentials until you enter it."
      : existing?.hasAuthSecret
        ? "Stored and never shown. Leave empty to keep it; type to replace it."
        : v.authKind === "basic"
          ? "user:password, stored write-only."
          : "The token, stored write-only.";
  return (
    <form onSubmit={submit} noValidate aria-label={existing ? `Edit datasource ${existing.name}` : "New datasource"} className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm">
      <h2 className="text-sm font-semibold text-zinc-900">{existing ? `Edit “${existing.name}”` : "New datasource"}</h2>
      <div aria-live="polite">{errors.form ? <Callout title="The datasource was not saved">{errors.form}</Callout> : null}</div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id("name")} label="Name" error={errors.name} hint="e.g. Production Prometheus">
          {input("name", { autoFocus: true, maxLength: 120 })}
        </Field>
        <Field id={id("slug")} label="Slug" error={errors.slug} hint="Lowercase, used in exports and alert labels.">
          {input("slug", { className: "font-mono", maxLength: 63, onInput: () => setSlugTouched(true) })}
        </Field>
        <Field id={id("prometheusUrl")} label="Prometheus URL" error={errors.prometheusUrl} hint="Any Prometheus-compatible API: Prometheus, Mimir, Thanos, VictoriaMetrics. Credentials go under Authentication, not in the URL." className="sm:col-span-2">
          {input("prometheusUrl", { type: "url", placeholder: "http://prometheus:9090", className: "font-mono" })}
        </Field>
        <Field id={id("pathPrefix")} label="Path prefix" error={errors.pathPrefix} hint="Put before /api/v1, e.g. /prometheus for Mimir. Usually empty.">
          {input("pathPrefix", { className: "font-mono", placeholder: "/prometheus" })}
        </Field>
        <Field id={id("tenant")} label="Tenant" error={errors.tenant} hint="Sent as X-Scope-OrgID (Mimir, Cortex, Tempo). Usually empty.">
          {input("tenant")}
        </Field>
        <Field id={id("authKind")} label="Authentication" error={errors.authKind}>
          <select value={v.authKind} onChange={(e) => set("authKind", e.target.value as DatasourceFormValues["authKind"])} className={selectClass(false)}>
            <option value="none">None</option>
            <option value="bearer">Bearer token</option>
            <option value="basic">Basic (user:password)</option>
          </select>
        </Field>
        {v.authKind !== "none" ? (
          <Field
            id={id("authSecret")}
            label={<>Secret <span className="font-normal text-zinc-500">({secretState})</span></>}
            error={errors.authSecret}
            hint={<span className={dropping ? "font-medium text-amber-800" : undefined}>{secretHint}</span>}
          >
            {input("authSecret", { type: "password", autoComplete: "new-password", placeholder: existing?.hasAuthSecret ? "••••••••" : "" })}
          </Field>
        ) : (
          <p className="self-end pb-2 text-xs text-zinc-500">Secret: {secretState}{existing?.hasAuthSecret ? " (saving with no authentication removes it)" : ""}</p>
        )}
        <Field id={id("producerProfile")} label="Span metrics producer" error={errors.producerProfile} hint="Decides metric and label names. Auto-detect reads them from the datasource.">
          <select value={v.producerProfile} onChange={(e) => set("producerProfile", e.target.value as DatasourceFormValues["producerProfile"])} className={selectClass(false)}>
            <option value="auto">Detect automatically</option>
            <option value="tempo">Tempo metrics-generator (seconds)</option>
            <option value="otel">OpenTelemetry spanmetrics connector (milliseconds)</option>
          </select>
        </Field>
        <TraceFieldset v={v} existing={existing} errors={errors} set={set} input={input} id={id} />
      </div>
      <ConnectionTestResult report={tester.data} pending={tester.isPending} error={testError} />
      <div className="flex justify-end gap-3 border-t border-zinc-200 pt-4">
        <Button onClick={runTest} disabled={tester.isPending} className="mr-auto">
          {tester.isPending ? "Testing…" : "Test connection"}
        </Button>
        <Button variant="ghost" onClick={() => onDone(null)}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : existing ? "Save datasource" : "Add datasource"}
        </Button>
      </div>
    </form>
  );
}
