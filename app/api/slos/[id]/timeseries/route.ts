// GET /api/slos/[id]/timeseries – per-step good/total, SLI and request rate between from and to (unix seconds)
import { IdParams, route } from "@/lib/server/api";
import { TimeseriesQuery } from "@/lib/schemas/status";
import { sloTimeseries } from "@/lib/server/slo/timeseries";
import { otherMethods } from "@/lib/server/api-methods";

export const dynamic = "force-dynamic";

export const GET = route({ requires: "slo.read", params: IdParams, query: TimeseriesQuery }, async ({ params, query }) =>
  sloTimeseries(params.id, { fromSeconds: query.from, toSeconds: query.to, stepSeconds: query.step }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
