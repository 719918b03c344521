// GET /api/reports – one team's calendar-month report (?team=&month=YYYY-MM&format=json|csv)
import { route } from "@/lib/server/api";
import { ReportQuery } from "@/lib/schemas/report";
import { teamReport } from "@/lib/server/slo/report";
import { otherMethods } from "@/lib/server/api-methods";
import { reportCsv, reportFilename } from "@/lib/slo/report-csv";

export const dynamic = "force-dynamic";

export const GET = route({ requires: "slo.read", query: ReportQuery }, async ({ query }) => {
  const report = await teamReport(query.team, query.month);
  if (query.format === undefined) return report;
  const csv = query.format === "csv";
  return new Response(csv ? reportCsv(report) : JSON.stringify(report, null, 2), {
    headers: {
      "content-type": csv ? "text/csv; charset=utf-8; header=present" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${reportFilename(report.team, report.month.id, query.format)}"`,
      "cache-control": "no-store",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
