// GET /api/datasources – list datasources; POST /api/datasources – create one (secret stored encrypted)
import { created, route } from "@/lib/server/api";
import { createDatasource, listDatasources } from "@/lib/server/catalogue/datasources";
import { CreateDatasourceInput } from "@/lib/schemas/datasource";
import { otherMethods } from "@/lib/server/api-methods";

export const GET = route({ requires: "datasource.read" }, () => listDatasources());

export const POST = route({ requires: "datasource.write", body: CreateDatasourceInput }, async ({ body, auth }) => {
  const ds = await createDatasource(body, auth);
  return created(ds, `/api/datasources/${encodeURIComponent(ds.id)}`);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
