// GET /api/rules?format=prometheus|prometheusrule – alert and recording rules of every active SLO
import { route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { RulesQuery } from "@/lib/schemas/rules";
import { catalogueRules } from "@/lib/server/rules/generate";
import { rulesResponse } from "@/lib/server/rules/respond";

export const dynamic = "force-dynamic";

export const GET = route({ requires: "rules.read", query: RulesQuery }, async ({ query }) => {
  const { groups, warnings } = await catalogueRules();
  return rulesResponse(groups, query.format, "sightline-slos", warnings);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
