// GET /api/slos/[id]/latency – bucket-resolution p50/p90/p99 and request rate per step between from and to
import { IdParams, route } from "@/lib/server/api";
import { LatencyQuery } from "@/lib/schemas/latency";
import { sloLatency } from "@/lib/server/slo/latency";
import { otherMethods } from "@/lib/server/api-methods";

export const dynamic = "force-dynamic";

export const GET = route({ requires: "slo.read", params: IdParams, query: LatencyQuery }, async ({ params, query }) =>
  sloLatency(params.id, { fromSeconds: query.from, toSeconds: query.to, stepSeconds: query.step }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
