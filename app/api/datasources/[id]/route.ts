// GET /api/datasources/[id] – one datasource by id or slug; PATCH – update it;
// DELETE – remove it when no SLO uses it (409 saying how many do)
import { IdParams, route } from "@/lib/server/api";
import { getDatasource, updateDatasource } from "@/lib/server/catalogue/datasources";
import { deleteDatasource } from "@/lib/server/catalogue/datasource-delete";
import { UpdateDatasourceInput } from "@/lib/schemas/datasource";
import { otherMethods } from "@/lib/server/api-methods";

export const GET = route({ requires: "datasource.read", params: IdParams }, ({ params }) => getDatasource(params.id));

export const PATCH = route({ requires: "datasource.write", params: IdParams, body: UpdateDatasourceInput }, ({ params, body, auth }) =>
  updateDatasource(params.id, body, auth),
);

export const DELETE = route({ requires: "datasource.write", params: IdParams }, async ({ params, auth }) => {
  await deleteDatasource(params.id, auth);
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
