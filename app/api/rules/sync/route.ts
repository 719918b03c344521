// POST /api/rules/sync – make the configured rules target (directory + reload, or Mimir ruler) hold exactly the catalogue's rules; reports drift
import { route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { RulesSyncInput } from "@/lib/schemas/rules";
import { syncRules } from "@/lib/server/rules/sync";

export const dynamic = "force-dynamic";

export const POST = route({ body: RulesSyncInput }, ({ body }) => syncRules(body));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
