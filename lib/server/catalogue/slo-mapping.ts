// Row <-> DTO for SLOs. The table splits `window` into windowKind/windowDays; everything else maps
// one to one. Output is re-parsed through SloDto so no column ever leaks past the contract.
import "server-only";
import type { Prisma, Slo } from "@/lib/generated/prisma/client";
import { defaultAlertSettings } from "@/lib/schemas/rules";
import { CreateSloInput, SloDto, type SloWindow } from "@/lib/schemas/slo";

export function toSloDto(row: Slo): SloDto {
  const window: SloWindow =
    row.windowKind === "rolling" ? { kind: "rolling", days: row.windowDays ?? 0 } : { kind: "calendar", unit: "month" };
  return SloDto.parse({
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    team: row.team,
    owner: row.owner,
    service: row.service,
    operation: row.operation,
    operationMatch: row.operationMatch,
    spanKind: row.spanKind,
    extraMatchers: row.extraMatchers,
    thresholdSeconds: row.thresholdSeconds,
    objective: row.objective,
    window,
    countErrorsAsBad: row.countErrorsAsBad,
    minEvents: row.minEvents,
    alerting: row.alerting,
    datasourceId: row.datasourceId,
    status: row.status,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}

// Bookkeeping that changes on every write and says nothing about what the user changed.
const BOOKKEEPING = new Set(["id", "version", "createdAt", "updatedAt"]);

/** The editable fields of a stored SLO, in CreateSloInput shape (the base a PATCH merges onto). */
export function editableFields(dto: SloDto): CreateSloInput {
  return Object.fromEntries(Object.entries(dto).filter(([k]) => !BOOKKEEPING.has(k))) as CreateSloInput;
}

/** Columns for a validated SLO (everything except id, version and timestamps). */
export function sloColumns(input: CreateSloInput) {
  const { window, extraMatchers, alerting, ...rest } = input;
  return {
    ...rest,
    extraMatchers: extraMatchers as Prisma.InputJsonValue,
    alerting: (alerting ?? defaultAlertSettings()) as Prisma.InputJsonValue,
    windowKind: window.kind,
    windowDays: window.kind === "rolling" ? window.days : null,
  };
}

/** Top-level fields whose values differ (deep, key-order-insensitive). Pure. */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown>): string[] {
  if (!before) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !BOOKKEEPING.has(k) && canonical(before[k]) !== canonical(after[k])).sort();
}

function canonical(v: unknown): string {
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/**
 * The columns the overview reads: no description, alert settings or bookkeeping. At 10,000 rows,
 * Prisma materialising every column and each row re-parsed through SloDto cost ~150 ms of a
 * 10,000-SLO overview; these rows are mapped directly (they were validated when written), and only
 * the JSON column, which the database does not type, is parsed.
 */
export const OVERVIEW_SLO_COLUMNS = {
  id: true, slug: true, name: true, team: true, owner: true, service: true, operation: true, operationMatch: true, spanKind: true,
  extraMatchers: true, thresholdSeconds: true, objective: true, windowKind: true, windowDays: true, countErrorsAsBad: true,
  minEvents: true, datasourceId: true, status: true,
} as const satisfies Prisma.SloSelect;
export type OverviewSloRow = Prisma.SloGetPayload<{ select: typeof OVERVIEW_SLO_COLUMNS }>;
/** What the overview knows of an SLO. */
export type OverviewSloInput = Omit<SloDto, "description" | "alerting" | "version" | "createdAt" | "updatedAt">;

const StoredMatchers = SloDto.shape.extraMatchers;
const NO_MATCHERS: OverviewSloInput["extraMatchers"] = [];

export function toOverviewInput(row: OverviewSloRow): OverviewSloInput {
  const raw = row.extraMatchers;
  return {
    id: row.id, slug: row.slug, name: row.name, team: row.team, owner: row.owner, service: row.service, operation: row.operation,
    operationMatch: row.operationMatch, spanKind: row.spanKind,
    extraMatchers: Array.isArray(raw) && raw.length === 0 ? NO_MATCHERS : StoredMatchers.parse(raw),
    thresholdSeconds: row.thresholdSeconds, objective: row.objective,
    window: row.windowKind === "rolling" ? { kind: "rolling", days: row.windowDays ?? 0 } : { kind: "calendar", unit: "month" },
    countErrorsAsBad: row.countErrorsAsBad, minEvents: row.minEvents, datasourceId: row.datasourceId, status: row.status,
  };
}
