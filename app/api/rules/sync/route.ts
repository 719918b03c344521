// POST /api/rules/sync – make the configured rules target (directory + reload, or Mimir ruler) hold exactly the catalogue's rules; reports drift
// GET /api/rules/sync – the last sync (when, what drift it found, or why it failed)
import { route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { RulesSyncInput } from "@/lib/schemas/rules";
import { syncRules } from "@/lib/server/rules/sync";
import { lastSync } from "@/lib/server/rules/sync-log";

export const dynamic = "force-dynamic";

export const GET = route({ requires: "rules.read" }, () => lastSync());

export const POST = route({ requires: "rules.write", body: RulesSyncInput }, ({ body }) => syncRules(body));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
