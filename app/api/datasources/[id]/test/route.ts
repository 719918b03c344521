// POST /api/datasources/[id]/test – test the connections of a stored datasource; the body ({} or
// unsaved edits) is laid over it, so Settings can test an edit before saving it
import { IdParams, route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { testStoredDatasource } from "@/lib/server/datasource-test";
import { TestConnectionOverlay } from "@/lib/schemas/datasource-test";

export const POST = route({ requires: "datasource.write", params: IdParams, body: TestConnectionOverlay }, ({ params, body }) => testStoredDatasource(params.id, body));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
