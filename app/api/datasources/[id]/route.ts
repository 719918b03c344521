// GET /api/datasources/[id] – one datasource by id or slug; PATCH – update it;
// DELETE – remove it when no SLO uses it (409 saying how many do)
import { IdParams, route } from "@/lib/server/api";
import { getDatasource, updateDatasource } from "@/lib/server/catalogue/datasources";
import { deleteDatasource } from "@/lib/server/catalogue/datasource-delete";
import { UpdateDatasourceInput } from "@/lib/schemas/datasource";
import { otherMethods } from "@/lib/server/api-methods";

export const GET = route({ params: IdParams }, ({ params }) => getDatasource(params.id));

export const PATCH = route({ params: IdParams, body: UpdateDatasourceInput }, ({ params, body, actor }) =>
  updateDatasource(params.id, body, actor),
);

export const DELETE = route({ params: IdParams }, async ({ params, actor }) => {
  await deleteDatasource(params.id, actor);
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
