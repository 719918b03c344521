// GET /api/slos/[id]/exemplars/check?traceId= – whether the SLO's trace backend still has this trace (checked when an exemplar is opened)
import { IdParams, route } from "@/lib/server/api";
import { TraceCheckQuery } from "@/lib/schemas/exemplars";
import { checkSloTrace } from "@/lib/server/slo/exemplar-trace-check";
import { otherMethods } from "@/lib/server/api-methods";

export const dynamic = "force-dynamic";

export const GET = route({ requires: "slo.read", params: IdParams, query: TraceCheckQuery }, async ({ params, query }) => checkSloTrace(params.id, query.traceId));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
