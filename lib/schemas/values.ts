// Values the browser needs at first render without zod: the enums' members, the window label, the
// common objectives, URL origins. The zod schemas (slo-dto.ts, suggest.ts, datasource.ts) are built
// from these and re-export them, so server code reads them where it always did; client code that
// renders imports them from here and so keeps zod (~32 kB compressed) out of its first load
// (docs/overview.md, "Page weight"). No zod here, no I/O.

export const SPAN_KINDS = ["SPAN_KIND_SERVER", "SPAN_KIND_CLIENT", "SPAN_KIND_INTERNAL", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"] as const;
export type SpanKindValue = (typeof SPAN_KINDS)[number];

export const SLO_STATUSES = ["draft", "active", "archived"] as const;
export type SloStatusValue = (typeof SLO_STATUSES)[number];

export const isOneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === "string" && (values as readonly string[]).includes(v);

/** Rolling windows in whole days (1 to 90), or the calendar month (UTC): SloWindow's shape. */
export type SloWindowValue = { kind: "rolling"; days: number } | { kind: "calendar"; unit: "month" };

export const windowLabel = (w: SloWindowValue) => (w.kind === "rolling" ? `${w.days} days rolling` : "calendar month");

/** SloWindow's rules without zod, for labels of stored values (revision history). */
export function asSloWindow(v: unknown): SloWindowValue | null {
  if (typeof v !== "object" || v === null) return null;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (o.kind === "rolling" && keys.length === 2 && typeof o.days === "number" && Number.isInteger(o.days) && o.days >= 1 && o.days <= 90) return { kind: "rolling", days: o.days };
  if (o.kind === "calendar" && keys.length === 2 && o.unit === "month") return { kind: "calendar", unit: "month" };
  return null;
}

export const COMMON_OBJECTIVES = [0.99, 0.995, 0.999, 0.9995] as const;

export function urlOrigin(u: string): string | null {
  try {
    return new URL(u).origin;
  } catch {
    return null;
  }
}
