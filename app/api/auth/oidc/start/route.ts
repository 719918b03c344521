// GET /api/auth/oidc/start?next=/path – begin single sign-on: redirect to the OpenID Connect provider
import { z } from "zod";
import { route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { startOidcSignIn } from "@/lib/server/auth/oidc";

const Query = z.object({ next: z.string().max(2048).optional() });

export const GET = route({ requires: "public", query: Query }, ({ query, request }) => startOidcSignIn(request, query.next));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
