// POST /api/slos/[id]/archive – archive one SLO (body {version})
import { IdParams, route } from "@/lib/server/api";
import { archiveSlo } from "@/lib/server/catalogue/slo-lifecycle";
import { SloVersionInput } from "@/lib/schemas/slo";
import { otherMethods } from "@/lib/server/api-methods";

export const POST = route({ requires: "slo.write", params: IdParams, body: SloVersionInput }, ({ params, body, auth }) =>
  archiveSlo(params.id, body.version, auth),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
