// Words for revision history entries: field names people recognise, values in display units.
// Pure, no I/O.
import { asSloWindow, windowLabel } from "@/lib/schemas/values";
import { formatObjective, formatThresholdMs } from "./format";

export const fieldLabels: Record<string, string> = {
  slug: "Slug",
  name: "Name",
  description: "Description",
  team: "Team",
  owner: "Owner",
  service: "Service",
  operation: "Operation",
  operationMatch: "Operation match",
  spanKind: "Span kind",
  extraMatchers: "Extra label matchers",
  thresholdSeconds: "Threshold",
  objective: "Objective",
  window: "Window",
  countErrorsAsBad: "Failed requests count as bad",
  minEvents: "Minimum requests",
  datasourceId: "Datasource",
  status: "Status",
};

export const actionLabels: Record<string, string> = {
  created: "Created",
  updated: "Updated",
  archived: "Archived",
  restored: "Restored",
};

export const labelField = (f: string) => fieldLabels[f] ?? f;
export const labelAction = (a: string) => actionLabels[a] ?? a.charAt(0).toUpperCase() + a.slice(1);

/** One field's value as a short string; "—" for empty. */
export function formatFieldValue(field: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (field === "thresholdSeconds" && typeof v === "number") return formatThresholdMs(v);
  if (field === "objective" && typeof v === "number") return formatObjective(v);
  if (field === "window") {
    const w = asSloWindow(v);
    return w ? windowLabel(w) : JSON.stringify(v);
  }
  if (field === "spanKind" && typeof v === "string") return v.replace("SPAN_KIND_", "").toLowerCase();
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (Array.isArray(v)) return v.length === 0 ? "none" : v.map((m) => (m && typeof m === "object" && "label" in m ? `${m.label}${m.op}"${m.value}"` : JSON.stringify(m))).join(", ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
