// URL state of /reports, shared by the server page (parses it to prefetch) and the client body
// (writes it), so a team's month is a link anyone can open or print:
//   ?team=<team>      default: the first team with SLOs
//   ?month=YYYY-MM    default: the last complete month (UTC)
// Malformed values fall back to the defaults. Pure, no I/O.
type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

const first = (raw: RawParams, k: string): string => {
  const v = raw instanceof URLSearchParams ? raw.get(k) : raw[k];
  return (Array.isArray(v) ? v[0] : (v ?? "")).trim();
};

const MONTH = /^(19[7-9]\d|20\d\d)-(0[1-9]|1[0-2])$/;

export type ReportSearch = { team: string; month: string | undefined };

export function parseReportSearch(raw: RawParams): ReportSearch {
  const month = first(raw, "month");
  return { team: first(raw, "team").slice(0, 63), month: MONTH.test(month) ? month : undefined };
}

/** "YYYY-MM" of the month before the one holding `nowSeconds` (UTC). */
export function lastCompleteMonth(nowSeconds: number): string {
  const d = new Date(nowSeconds * 1000);
  const prev = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  return `${prev.getUTCFullYear()}-${String(prev.getUTCMonth() + 1).padStart(2, "0")}`;
}

export const reportHref = (team: string, month: string): string => `/reports?${new URLSearchParams({ team, month }).toString()}`;

/** The API's download of the same report. */
export const reportDownloadHref = (team: string, month: string, format: "csv" | "json"): string =>
  `/api/reports?${new URLSearchParams({ team, month, format }).toString()}`;
