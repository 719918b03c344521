// GET /api/slos/[id]/status – SLI, error budget, burn rates, freshness and exactness (?at=unix seconds)
import { IdParams, route } from "@/lib/server/api";
import { StatusQuery } from "@/lib/schemas/status";
import { sloStatus } from "@/lib/server/slo/status";
import { otherMethods } from "@/lib/server/api-methods";

export const dynamic = "force-dynamic";

export const GET = route({ requires: "slo.read", params: IdParams, query: StatusQuery }, async ({ params, query }) =>
  sloStatus(params.id, { atSeconds: query.at ?? Date.now() / 1000, burnDownStepSeconds: query.burnDownStep }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
