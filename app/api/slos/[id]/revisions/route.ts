// GET /api/slos/[id]/revisions – who changed what and when, newest first
import { IdParams, route } from "@/lib/server/api";
import { listSloRevisions } from "@/lib/server/catalogue/revisions";
import { otherMethods } from "@/lib/server/api-methods";

export const GET = route({ requires: "slo.read", params: IdParams }, ({ params }) => listSloRevisions(params.id));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
