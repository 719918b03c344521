// GET /api/slos – list SLOs (filters, search, pagination); POST /api/slos – create one SLO
import { created, route } from "@/lib/server/api";
import { createSlo } from "@/lib/server/catalogue/slo-create";
import { listSlos } from "@/lib/server/catalogue/slo-queries";
import { CreateSloInput, ListSlosQuery } from "@/lib/schemas/slo";
import { otherMethods } from "@/lib/server/api-methods";

export const GET = route({ query: ListSlosQuery }, ({ query }) => listSlos(query));

export const POST = route({ body: CreateSloInput }, async ({ body, actor }) => {
  const slo = await createSlo(body, actor);
  return created(slo, `/api/slos/${encodeURIComponent(slo.id)}`);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
