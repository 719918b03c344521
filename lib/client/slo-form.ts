// The SLO form's own value shape (strings, as inputs hold them, in the units people type:
// milliseconds and percent) and the pure mappings to and from the API's CreateSloInput
// (seconds and 0..1). Validation reuses the shared zod schema so the browser and the server
// agree; the server stays the authority. Pure, no I/O.
import type { CreateSloInput, SloDto, SloWindow } from "@/lib/schemas/slo";
import { SPAN_KINDS } from "@/lib/schemas/values";
import { tidy } from "./format";

export type SloFormValues = {
  name: string;
  slug: string;
  description: string;
  team: string;
  owner: string;
  service: string;
  operation: string;
  operationMatch: "exact" | "regex";
  /** "any" or a SpanKind value. */
  spanKind: string;
  /** Milliseconds, as typed. */
  thresholdMs: string;
  /** Percent, as typed: "99.5". */
  objectivePercent: string;
  /** "rolling:28" or "calendar:month". */
  window: string;
  countErrorsAsBad: boolean;
  minEvents: string;
  datasourceId: string;
  status: "active" | "draft";
};

export type SloFormField = keyof SloFormValues;
export type SloFormErrors = Partial<Record<SloFormField | "form", string>>;

export const WINDOW_CHOICES: { value: string; label: string }[] = [
  { value: "rolling:7", label: "7 days, rolling" },
  { value: "rolling:28", label: "28 days, rolling" },
  { value: "rolling:30", label: "30 days, rolling" },
  { value: "calendar:month", label: "Calendar month (UTC)" },
];

export const SPAN_KIND_CHOICES: { value: string; label: string }[] = [
  { value: "any", label: "Any kind" },
  ...SPAN_KINDS.map((k) => ({ value: k, label: k.replace("SPAN_KIND_", "").toLowerCase().replace(/^./, (c) => c.toUpperCase()) })),
];

export const windowToValue = (w: SloWindow) => (w.kind === "rolling" ? `rolling:${w.days}` : "calendar:month");

export function valueToWindow(v: string): SloWindow | undefined {
  if (v === "calendar:month") return { kind: "calendar", unit: "month" };
  const m = /^rolling:(\d+)$/.exec(v);
  return m ? { kind: "rolling", days: Number(m[1]) } : undefined;
}

// Re-exported: the SLO form's callers know it from here; the datasource form imports ./slugify
// directly so the settings page does not load the SLO schema (and its RE2 parser).
export { slugify } from "./slugify";

export const emptySloForm = (datasourceId = ""): SloFormValues => ({
  name: "",
  slug: "",
  description: "",
  team: "",
  owner: "",
  service: "",
  operation: "",
  operationMatch: "exact",
  spanKind: "SPAN_KIND_SERVER",
  thresholdMs: "",
  objectivePercent: "99.5",
  window: "rolling:28",
  countErrorsAsBad: false,
  minEvents: "0",
  datasourceId,
  status: "active",
});

export function sloToForm(s: SloDto): SloFormValues {
  return {
    name: s.name,
    slug: s.slug,
    description: s.description,
    team: s.team,
    owner: s.owner,
    service: s.service,
    operation: s.operation,
    operationMatch: s.operationMatch,
    spanKind: s.spanKind ?? "any",
    thresholdMs: String(tidy(s.thresholdSeconds * 1000, 6)),
    objectivePercent: String(tidy(s.objective * 100, 6)),
    window: windowToValue(s.window),
    countErrorsAsBad: s.countErrorsAsBad,
    minEvents: String(s.minEvents),
    datasourceId: s.datasourceId,
    status: s.status === "draft" ? "draft" : "active",
  };
}

/** A number field left empty or garbled becomes NaN so the schema reports it on that field. */
const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s.trim().replace(",", ".")));

/** Form values → the API's units. Does not validate; see `validateSloForm`. */
export function formToInput(v: SloFormValues): Record<string, unknown> {
  const ms = num(v.thresholdMs);
  const pct = num(v.objectivePercent);
  return {
    slug: v.slug.trim(),
    name: v.name.trim(),
    description: v.description.trim(),
    team: v.team.trim(),
    owner: v.owner.trim(),
    service: v.service.trim(),
    operation: v.operation.trim(),
    operationMatch: v.operationMatch,
    spanKind: v.spanKind === "any" ? null : v.spanKind,
    thresholdSeconds: Number.isFinite(ms) ? tidy(ms / 1000) : ms,
    objective: Number.isFinite(pct) ? tidy(pct / 100) : pct,
    window: valueToWindow(v.window),
    countErrorsAsBad: v.countErrorsAsBad,
    minEvents: num(v.minEvents),
    datasourceId: v.datasourceId,
    status: v.status,
  };
}

/** Maps an API field path ("thresholdSeconds", "window.days") onto the form field showing it. */
export function apiPathToField(path: string): SloFormField | "form" {
  const head = path.split(".")[0];
  const map: Record<string, SloFormField> = { thresholdSeconds: "thresholdMs", objective: "objectivePercent" };
  if (head in map) return map[head];
  const fields: SloFormField[] = Object.keys(emptySloForm()) as SloFormField[];
  return (fields as string[]).includes(head) ? (head as SloFormField) : "form";
}

/** Messages the schema writes in seconds and fractions, reworded in the units the form shows. */
function reword(field: SloFormField | "form", message: string, raw: unknown): string {
  if (field === "thresholdMs") {
    if (typeof raw !== "number" || Number.isNaN(raw)) return "Enter the threshold in milliseconds, e.g. 300.";
    return "Must be more than 0 ms and at most 3,600,000 ms (1 hour).";
  }
  if (field === "objectivePercent") {
    if (typeof raw !== "number" || Number.isNaN(raw)) return "Enter the objective in percent, e.g. 99.5.";
    return "Must be above 0 % and below 100 % (100 % leaves no error budget).";
  }
  if (field === "minEvents") return "A whole number of requests, 0 or more.";
  if (field === "datasourceId") return "Choose a datasource.";
  if (field === "window") return "Choose a window.";
  // zod's words for an empty required text ("Too small: expected string to have >=1 characters").
  if (typeof raw === "string" && raw.trim() === "" && /^Too small/.test(message)) return EMPTY_TEXT[field] ?? "Required.";
  return message;
}

const EMPTY_TEXT: Partial<Record<SloFormField | "form", string>> = {
  name: "Enter a name, e.g. Checkout API latency.",
  slug: "Enter a slug: lowercase letters, digits and dashes.",
  service: "Enter the service name, as in the span metrics' service label.",
  operation: "Enter the operation (the span name).",
};

/** Maps API or schema field errors onto form fields; the first message per field wins. */
export function fieldErrorsToForm(errors: { path: string; message: string }[], input?: Record<string, unknown>): SloFormErrors {
  const out: SloFormErrors = {};
  for (const e of errors) {
    const field = apiPathToField(e.path);
    const head = e.path.split(".")[0];
    // The form has no field for extra label matchers (they come from the API or an import):
    // the form-level message says which one is wrong.
    const matcher = /^extraMatchers\.(\d+)/.exec(e.path);
    const message = matcher ? `Label matcher ${Number(matcher[1]) + 1}: ${e.message}` : e.message;
    out[field] ??= reword(field, message, input?.[head]);
  }
  return out;
}

/** Only the fields that differ from the saved SLO, so a PATCH never rewrites what nobody touched. */
export function changedFields(before: CreateSloInput, after: CreateSloInput): Partial<CreateSloInput> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(after) as (keyof CreateSloInput)[])
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = after[k];
  return out as Partial<CreateSloInput>;
}
