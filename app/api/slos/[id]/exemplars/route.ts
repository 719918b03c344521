// GET /api/slos/[id]/exemplars – the SLO's exemplars between from and to (unix seconds or RFC 3339), slowest first, traces checked
import { IdParams, route } from "@/lib/server/api";
import { ExemplarsQuery } from "@/lib/schemas/exemplars";
import { sloExemplars } from "@/lib/server/slo/exemplars";
import { otherMethods } from "@/lib/server/api-methods";

export const dynamic = "force-dynamic";

export const GET = route({ requires: "slo.read", params: IdParams, query: ExemplarsQuery }, async ({ params, query }) =>
  sloExemplars(params.id, {
    fromSeconds: query.from,
    toSeconds: query.to,
    aboveOnly: query.above === "1",
    narrow: query.label !== undefined && query.value !== undefined ? { label: query.label, value: query.value } : undefined,
    limit: query.limit,
  }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
