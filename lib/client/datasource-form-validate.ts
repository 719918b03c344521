// The datasource form's client-side checks with the shared schemas (zod): saving and "Test
// connection". Their own module so that the settings page loads them, and zod with them, after
// the page (lib/client/lazy-module.ts `datasourceValidation`). Pure, no I/O.
import { CreateDatasourceInput, type UpdateDatasourceInput } from "@/lib/schemas/datasource";
import { TestConnectionInput, TestConnectionOverlay } from "@/lib/schemas/datasource-test";
import type { DatasourceDto } from "@/lib/schemas/datasource";
import { secretErrors, toRaw, type DatasourceFormErrors, type DatasourceFormField, type DatasourceFormValues } from "./datasource-form";

export function validateDatasourceForm(
  v: DatasourceFormValues,
  existing?: DatasourceDto,
): { input?: CreateDatasourceInput; patch?: UpdateDatasourceInput; errors: DatasourceFormErrors } {
  const raw = toRaw(v, existing);
  const r = CreateDatasourceInput.safeParse(raw);
  const errors: DatasourceFormErrors = {};
  if (!r.success)
    for (const i of r.error.issues) {
      const f = String(i.path[0] ?? "form") as DatasourceFormField;
      errors[f] ??= f === "slug" ? "Lowercase letters, digits and inner dashes." : i.message;
    }
  secretErrors(v, existing, errors);
  if (v.traceBackend !== "none" && v.traceUrl.trim() === "") errors.traceUrl = "Enter the trace backend's URL.";
  if (v.grafanaTempoUid.trim() !== "" && v.grafanaUrl.trim() === "") errors.grafanaUrl = "Enter the Grafana URL the Tempo datasource UID belongs to.";
  if (Object.keys(errors).length > 0 || !r.success) return { errors };
  if (!existing) return { input: r.data, errors };
  const patch: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(r.data))
    if (k === "authSecret" || k === "traceAuthSecret" || (existing as Record<string, unknown>)[k] !== val) patch[k] = val;
  return { patch: patch as UpdateDatasourceInput, errors };
}

const CONNECTION_KEYS = Object.keys(TestConnectionInput.shape);
const pickConnection = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => CONNECTION_KEYS.includes(k)));

/**
 * What "Test connection" sends, from the form as it stands (saved or not): a new datasource's
 * connection fields, or an existing one's unsaved edits (only what differs, and secrets only when
 * typed or cleared), which the server lays over the stored datasource. Name and slug need not be
 * valid to test.
 */
export function connectionTestRequest(
  v: DatasourceFormValues,
  existing?: DatasourceDto,
): { request?: { mode: "unsaved"; body: TestConnectionInput } | { mode: "stored"; id: string; body: TestConnectionOverlay }; errors: DatasourceFormErrors } {
  const raw = pickConnection(toRaw(v, existing));
  const errors: DatasourceFormErrors = {};
  const r = TestConnectionInput.safeParse(raw);
  if (!r.success) for (const i of r.error.issues) errors[String(i.path[0] ?? "form") as DatasourceFormField] ??= i.message;
  secretErrors(v, existing, errors);
  if (v.traceBackend !== "none" && v.traceUrl.trim() === "") errors.traceUrl = "Enter the trace backend's URL.";
  if (Object.keys(errors).length > 0 || !r.success) return { errors };
  if (!existing) return { request: { mode: "unsaved", body: r.data }, errors };
  const overlay: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(r.data))
    if (k === "authSecret" || k === "traceAuthSecret" || (existing as Record<string, unknown>)[k] !== val) overlay[k] = val;
  return { request: { mode: "stored", id: existing.id, body: TestConnectionOverlay.parse(overlay) }, errors };
}
