// GET /api/datasources/[id] – one datasource by id or slug; PATCH /api/datasources/[id] – update it
import { IdParams, route } from "@/lib/server/api";
import { getDatasource, updateDatasource } from "@/lib/server/catalogue/datasources";
import { UpdateDatasourceInput } from "@/lib/schemas/datasource";
import { otherMethods } from "@/lib/server/api-methods";

export const GET = route({ params: IdParams }, ({ params }) => getDatasource(params.id));

export const PATCH = route({ params: IdParams, body: UpdateDatasourceInput }, ({ params, body }) =>
  updateDatasource(params.id, body),
);

export const { POST, PUT, DELETE, OPTIONS } = otherMethods("GET", "PATCH");
