// A team's monthly report as CSV: one row per SLO. Pure, no I/O.
// RFC 4180: CRLF line ends, a field holding a comma, quote, CR or LF is quoted and its quotes
// doubled. Formula injection (OWASP "CSV Injection"): a text field a spreadsheet would run as a
// formula (starting with = + - @, tab or CR) gets a leading apostrophe; numbers are written by us
// and never start with one of those, so they are left as numbers.
import type { ReportResponse } from "@/lib/schemas/report";

export const REPORT_CSV_COLUMNS = [
  "team",
  "month",
  "slo_slug",
  "slo_name",
  "service",
  "operation",
  "objective",
  "threshold_seconds",
  "verdict",
  "sli",
  "sli_upper_bound",
  "budget_used",
  "requests",
  "bad_requests",
  "fast_burn_periods",
  "worst_period_start",
  "worst_period_end",
  "worst_period_peak_burn_rate",
  "worst_period_bad_requests",
  "note",
] as const;

type Cell = string | number | null;

/** Text cell: guarded against formula execution, then quoted when RFC 4180 requires it. */
export function csvText(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

const cell = (v: Cell): string => (v === null ? "" : typeof v === "number" ? (Number.isFinite(v) ? String(v) : "") : csvText(v));
const iso = (s: number) => new Date(s * 1000).toISOString();

export function reportCsv(r: ReportResponse): string {
  const lines = [REPORT_CSV_COLUMNS.join(",")];
  for (const { slo, result } of r.slos) {
    const common: Cell[] = [r.team, r.month.id, slo.slug, slo.name, slo.service, slo.operation, slo.objective, slo.thresholdSeconds];
    let rest: Cell[];
    if (result.kind === "answered") {
      const w = result.fastBurn[0];
      rest = [
        result.verdict,
        result.sli,
        result.sliBounds?.upper ?? null,
        result.budgetUsed,
        result.total,
        result.bad,
        result.fastBurn.length + result.morePeriods,
        w ? iso(w.startSeconds) : null,
        w ? iso(w.endSeconds) : null,
        w ? w.peakBurnRate : null,
        w ? w.badRequests : null,
        result.samplesSeen ? (result.gapSeconds > 0 ? `${result.gapSeconds} s without samples` : "") : "no samples in this month",
      ];
    } else rest = [result.kind === "unavailable" ? "unavailable" : "not_counted", null, null, null, null, null, null, null, null, null, null, result.kind === "unavailable" ? result.detail : "month not started"];
    lines.push([...common, ...rest].map(cell).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

/** `sightline-report-<team>-<month>.csv`, the team reduced to characters safe in a filename. */
export const reportFilename = (team: string, month: string, ext: "csv" | "json") =>
  `sightline-report-${team.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 63) || "team"}-${month}.${ext}`;
