// GET /api/datasources/[id]/revisions – who changed the datasource, what and when, newest first
// (secrets only as set / not set / changed); a deleted datasource's history by its id
import { IdParams, route } from "@/lib/server/api";
import { listDatasourceRevisions } from "@/lib/server/catalogue/datasource-revisions";
import { otherMethods } from "@/lib/server/api-methods";

export const GET = route({ requires: "datasource.read", params: IdParams }, ({ params }) => listDatasourceRevisions(params.id));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
