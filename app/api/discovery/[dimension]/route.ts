// GET /api/discovery/[services|operations|span-kinds]?datasource&service&operation&lookback – picker data with request rates
import { z } from "zod";
import { route, ValidationError } from "@/lib/server/api";
import { discover, DiscoveryQuery } from "@/lib/server/slo/discovery";
import { otherMethods } from "@/lib/server/api-methods";

export const dynamic = "force-dynamic";

const Params = z.object({ dimension: z.enum(["services", "operations", "span-kinds"]) }).strict();

export const GET = route({ requires: "slo.read", params: Params, query: DiscoveryQuery }, async ({ params, query }) => {
  if (params.dimension !== "services" && !query.service)
    throw new ValidationError([{ path: "service", message: `required to list ${params.dimension}` }], 400, "invalid query");
  return discover(params.dimension, query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
