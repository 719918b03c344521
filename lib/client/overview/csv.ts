// The dashboard as CSV: the SLOs shown, in the order shown, one line each. RFC 4180: fields
// holding a comma, a double quote, CR or LF are quoted, quotes doubled, lines end with CRLF.
// Text cells that a spreadsheet would run as a formula (starting with = + - @, or a tab or CR
// that some spreadsheets skip before one) get a leading apostrophe (OWASP "CSV injection"): SLO
// names, teams and problems are user or backend text. Numbers are written as numbers (a negative
// budget is a number, not a formula). Ratios stay 0..1, rates are multiples. Pure, no I/O.
import type { OverviewSlo } from "@/lib/schemas/overview";

type Cell = string | number | null;

export const CSV_COLUMNS = [
  "team", "service", "slo", "slug", "operation", "state", "measurement", "sli", "objective",
  "budget_remaining", "worst_burn_rate", "worst_burn_window", "worst_burn_severity", "path", "datasource", "problem",
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, guarded against formulas and quoted when RFC 4180 needs it. */
export function csvField(v: Cell): string {
  if (v === null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const line = (cells: Cell[]) => cells.map(csvField).join(",");

export function overviewCsv(slos: OverviewSlo[]): string {
  const rows = slos.map((s) =>
    line([
      s.team, s.service, s.name, s.slug, s.operation, s.state, s.measurement, s.sli, s.objective,
      s.budgetRemaining, s.worstBurnRate?.rate ?? null, s.worstBurnRate?.window ?? null, s.worstBurnRate?.severity ?? null,
      s.path, s.datasource.name, s.problem,
    ]),
  );
  return [line([...CSV_COLUMNS]), ...rows].map((l) => `${l}\r\n`).join("");
}

/** `sightline-dashboard-2026-12-02T0610Z.csv` for the moment shown (UTC). */
export const csvFileName = (atSeconds: number) => `sightline-dashboard-${new Date(atSeconds * 1000).toISOString().slice(0, 16).replace(":", "")}Z.csv`;
