// GET /api/slos/[id] – one SLO by id or slug; PATCH /api/slos/[id] – update one SLO (version-guarded)
import { IdParams, route } from "@/lib/server/api";
import { getSlo } from "@/lib/server/catalogue/slo-queries";
import { updateSlo } from "@/lib/server/catalogue/slo-update";
import { UpdateSloInput } from "@/lib/schemas/slo";
import { otherMethods } from "@/lib/server/api-methods";

export const GET = route({ requires: "slo.read", params: IdParams }, ({ params }) => getSlo(params.id));

export const PATCH = route({ requires: "slo.write", params: IdParams, body: UpdateSloInput }, ({ params, body, auth }) =>
  updateSlo(params.id, body, auth),
);

export const { POST, PUT, DELETE, OPTIONS } = otherMethods("GET", "PATCH");
