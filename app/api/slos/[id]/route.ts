// GET /api/slos/[id] – one SLO by id or slug; PATCH /api/slos/[id] – update one SLO (version-guarded)
import { IdParams, route } from "@/lib/server/api";
import { getSlo } from "@/lib/server/catalogue/slo-queries";
import { updateSlo } from "@/lib/server/catalogue/slo-update";
import { UpdateSloInput } from "@/lib/schemas/slo";
import { otherMethods } from "@/lib/server/api-methods";

export const GET = route({ params: IdParams }, ({ params }) => getSlo(params.id));

export const PATCH = route({ params: IdParams, body: UpdateSloInput }, ({ params, body, actor }) =>
  updateSlo(params.id, body, actor),
);

export const { POST, PUT, DELETE, OPTIONS } = otherMethods("GET", "PATCH");
