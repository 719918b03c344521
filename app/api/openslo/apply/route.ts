// POST /api/openslo/apply – plan (dryRun) or apply a file of OpenSLO v1 SLOs: per SLO create/update/unchanged/conflict/invalid with a field diff
import { route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { applyOpenSlo } from "@/lib/server/openslo/apply";
import { OpenSloApplyInput } from "@/lib/schemas/openslo";

// A file of SLOs outgrows the API's usual 64 KiB (about 30 SLOs): 2 MiB is some thousand.
export const POST = route({ requires: "slo.write", body: OpenSloApplyInput, maxBodyBytes: 2 * 1024 * 1024 }, ({ body, auth }) => applyOpenSlo(body, auth));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
