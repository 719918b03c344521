// GET /api/auth/oidc/callback – the provider's redirect back: code → checked ID token → session → `next`
import { z } from "zod";
import { route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { finishOidcSignIn } from "@/lib/server/auth/oidc";

// The values themselves are checked by openid-client against the flow cookie; here only their size.
const text = z.string().max(4096).optional();
const Query = z.object({ code: text, state: text, iss: text, session_state: text, error: text, error_description: text, error_uri: text });

export const GET = route({ requires: "public", query: Query }, ({ request }) => finishOidcSignIn(request));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
