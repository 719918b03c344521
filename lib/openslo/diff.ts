// What an apply would change in one SLO: the editable fields whose values differ, old → new, each
// with the document path it comes from. Status is lifecycle (archive/restore in the app), not part
// of a file, so it is never compared. Pure.
import { defaultAlertSettings } from "@/lib/schemas/rules";
import type { CreateSloInput } from "@/lib/schemas/slo";
import type { FieldChange } from "@/lib/schemas/openslo";
import { FIELD_PATHS } from "./import";

const IGNORED = new Set(["status"]);

export function fieldChanges(stored: CreateSloInput, imported: CreateSloInput): FieldChange[] {
  // An absent `alerting` is stored as the defaults (lib/schemas/slo.ts): compare it so.
  const before = { ...stored, alerting: stored.alerting ?? defaultAlertSettings() };
  const after = { ...imported, alerting: imported.alerting ?? defaultAlertSettings() };
  const keys = (Object.keys(FIELD_PATHS) as (keyof CreateSloInput)[]).filter((k) => !IGNORED.has(k));
  return keys
    .filter((k) => canonical(before[k]) !== canonical(after[k]))
    .map((k) => ({ field: k, path: FIELD_PATHS[k], old: before[k] ?? null, new: after[k] ?? null }));
}

/** Deep, key-order-insensitive text of a value; undefined and null compare equal (an absent optional field). */
function canonical(v: unknown): string {
  if (v === undefined || v === null) return "null";
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}
