// POST /api/datasource-tests – test the connections of a datasource not saved yet (the form's values).
// Not /api/datasources/test: that static segment would shadow a datasource whose slug is "test".
import { route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { testUnsavedDatasource } from "@/lib/server/datasource-test";
import { TestConnectionInput } from "@/lib/schemas/datasource-test";

export const POST = route({ requires: "datasource.write", body: TestConnectionInput }, ({ body }) => testUnsavedDatasource(body));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
