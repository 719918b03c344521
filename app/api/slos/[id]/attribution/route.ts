// GET /api/slos/[id]/attribution – bad requests per operation, span kind, status code and varying label over a window (?at=&window=)
import { IdParams, route } from "@/lib/server/api";
import { AttributionQuery } from "@/lib/schemas/attribution";
import { sloAttribution } from "@/lib/server/slo/attribution";
import { otherMethods } from "@/lib/server/api-methods";

export const dynamic = "force-dynamic";

export const GET = route({ requires: "slo.read", params: IdParams, query: AttributionQuery }, async ({ params, query }) =>
  sloAttribution(params.id, { atSeconds: query.at ?? Date.now() / 1000, windowSeconds: query.window }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
