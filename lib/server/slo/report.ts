import "server-only";
// GET /api/reports as a business verb: one team's calendar month. Every active SLO of the team is
// read (four at a time, one MetricsSource per datasource so each backend's deadline is shared),
// each through reportSloMonth; an SLO whose backend is down is listed as unavailable and the others
// are still answered. A future month is answered without a single backend call.
import type { ReportResponse } from "@/lib/schemas/report";
import type { MetricsSource } from "@/lib/server/metrics/client";
import { listTeams, listTeamSlos } from "@/lib/server/catalogue/teams";
import { ValidationError } from "@/lib/server/errors";
import { monthAt, monthTiming, parseMonth, previousMonth, teamTotals } from "@/lib/slo/report";
import { reportSloMonth } from "./report-slo";
import { metricsSourceFor } from "./source";

const CONCURRENCY = 4;

export async function teamReport(team: string, monthId: string | undefined, nowSeconds = Date.now() / 1000): Promise<ReportResponse> {
  const month = monthId === undefined ? previousMonth(monthAt(nowSeconds)) : parseMonth(monthId);
  if (!month) throw new ValidationError([{ path: "month", message: "must be a month as YYYY-MM" }]);
  const timing = monthTiming(month, nowSeconds);
  const [rows, teams] = await Promise.all([listTeamSlos(team), listTeams()]);
  const sources = new Map<string, MetricsSource>();
  const sourceFor = (row: (typeof rows)[number]) => {
    let s = sources.get(row.datasource.id);
    if (!s) sources.set(row.datasource.id, (s = metricsSourceFor(row.datasource)));
    return s;
  };

  const results = await mapLimit(rows, CONCURRENCY, async ({ slo, datasource }) =>
    timing === "future" ? ({ kind: "not_counted" } as const) : reportSloMonth(slo, datasource, sourceFor({ slo, datasource }), month, nowSeconds),
  );
  const slos = rows.map(({ slo }, i) => ({
    slo: { id: slo.id, slug: slo.slug, name: slo.name, service: slo.service, operation: slo.operation, objective: slo.objective, thresholdSeconds: slo.thresholdSeconds, window: slo.window },
    result: results[i],
  }));
  const counted: Parameters<typeof teamTotals>[0][number][] = [];
  for (const r of results) {
    if (r.kind === "answered") counted.push({ kind: "answered", month: r });
    else if (r.kind === "unavailable") counted.push({ kind: "unavailable" });
  }
  const answered = results.filter((r) => r.kind === "answered");
  const notice =
    timing === "future" ? "future" : rows.length === 0 ? "no_slos" : answered.length > 0 && answered.every((r) => r.kind === "answered" && !r.samplesSeen) ? "before_data" : null;
  return {
    team,
    month: { id: month.id, label: month.label, startSeconds: month.startSeconds, endSeconds: month.endSeconds, days: month.days },
    timing,
    countedUntilSeconds: Math.min(month.endSeconds, Math.max(month.startSeconds, Math.floor(nowSeconds))),
    generatedAtSeconds: Math.floor(nowSeconds),
    notice,
    totals: { ...teamTotals(counted), slos: rows.length },
    slos,
    teams,
  };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
