// GET /api/slos/[id]/revisions – who changed what and when, newest first
import { IdParams, route } from "@/lib/server/api";
import { listSloRevisions } from "@/lib/server/catalogue/revisions";

export const GET = route({ params: IdParams }, ({ params }) => listSloRevisions(params.id));
