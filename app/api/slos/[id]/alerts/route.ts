// GET /api/slos/[id]/alerts?at – each generated alert's state (inactive/pending/firing/disabled) and firing history over the SLO window
import { IdParams, route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { AlertStateQuery } from "@/lib/schemas/rules";
import { sloAlerts } from "@/lib/server/rules/alert-state";

export const dynamic = "force-dynamic";

export const GET = route({ requires: "slo.read", params: IdParams, query: AlertStateQuery }, ({ params, query }) => sloAlerts(params.id, query.at ?? Date.now() / 1000));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
