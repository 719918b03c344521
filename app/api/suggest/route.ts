// POST /api/suggest – realistic (threshold, objective) pairs from a selection's own history
import { route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { SuggestRequest } from "@/lib/schemas/suggest";
import { suggestForSelection } from "@/lib/server/slo/suggest";

export const dynamic = "force-dynamic";

export const POST = route({ requires: "slo.read", body: SuggestRequest }, ({ body }) => suggestForSelection(body));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
