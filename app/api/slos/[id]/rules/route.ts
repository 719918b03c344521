// GET /api/slos/[id]/rules?format=prometheus|prometheusrule – the alert and recording rules of one SLO
import { IdParams, route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { RulesQuery } from "@/lib/schemas/rules";
import { sloRules } from "@/lib/server/rules/generate";
import { rulesResponse } from "@/lib/server/rules/respond";

export const dynamic = "force-dynamic";

export const GET = route({ requires: "rules.read", params: IdParams, query: RulesQuery }, async ({ params, query }) => {
  const { slo, groups, warnings } = await sloRules(params.id);
  return rulesResponse(groups, query.format, `sightline-${slo.slug}`, warnings);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
