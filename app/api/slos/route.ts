// GET /api/slos – list SLOs (filters, search, pagination); POST /api/slos – create one SLO
import { created, route } from "@/lib/server/api";
import { createSlo } from "@/lib/server/catalogue/slo-create";
import { listSlos } from "@/lib/server/catalogue/slo-queries";
import { CreateSloInput, ListSlosQuery } from "@/lib/schemas/slo";
import { otherMethods } from "@/lib/server/api-methods";

export const GET = route({ requires: "slo.read", query: ListSlosQuery }, ({ query }) => listSlos(query));

export const POST = route({ requires: "slo.write", body: CreateSloInput }, async ({ body, auth }) => {
  const slo = await createSlo(body, auth);
  return created(slo, `/api/slos/${encodeURIComponent(slo.id)}`);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
