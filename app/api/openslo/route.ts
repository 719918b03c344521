// GET /api/openslo?team&service&format=yaml|json&versions – every active SLO as OpenSLO v1 (docs/slo-as-code.md)
import { route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { exportOpenSlo } from "@/lib/server/openslo/export";
import { stringifyOpenSloYaml } from "@/lib/openslo/yaml";
import { OpenSloExportQuery } from "@/lib/schemas/openslo";

export const dynamic = "force-dynamic";

export const GET = route({ requires: "slo.read", query: OpenSloExportQuery }, async ({ query, request }) => {
  const documents = await exportOpenSlo({ team: query.team, service: query.service, withVersion: query.versions === "true" });
  // ?format wins; otherwise a client asking for JSON (and not YAML) gets JSON; YAML is the default.
  const accept = request.headers.get("accept") ?? "";
  const json = query.format ? query.format === "json" : /application\/json/.test(accept) && !/yaml/.test(accept);
  if (json) return { documents };
  return new Response(stringifyOpenSloYaml(documents), {
    headers: { "content-type": "application/yaml; charset=utf-8", "cache-control": "no-store", "content-disposition": 'inline; filename="slos.yaml"' },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
