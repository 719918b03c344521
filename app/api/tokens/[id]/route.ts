// DELETE /api/tokens/[id] – revoke an API token (one's own, or anyone's for an admin); it stays listed as revoked
import { IdParams, route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { revokeToken } from "@/lib/server/auth/tokens";

export const DELETE = route({ requires: "token.own", params: IdParams }, ({ params, auth }) => revokeToken(params.id, auth));

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods("DELETE");
