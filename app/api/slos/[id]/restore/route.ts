// POST /api/slos/[id]/restore – bring an archived SLO back to its earlier status (body {version})
import { IdParams, route } from "@/lib/server/api";
import { restoreSlo } from "@/lib/server/catalogue/slo-lifecycle";
import { SloVersionInput } from "@/lib/schemas/slo";
import { otherMethods } from "@/lib/server/api-methods";

export const POST = route({ requires: "slo.write", params: IdParams, body: SloVersionInput }, ({ params, body, auth }) =>
  restoreSlo(params.id, body.version, auth),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
