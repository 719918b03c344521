// GET /api/tokens – the caller's own API tokens (never a secret or hash); POST /api/tokens – create one (its secret is in this answer only)
import { created, route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { clientAddress, enforceRateLimit, RateLimiter } from "@/lib/server/auth/rate-limit";
import { createToken, listTokens } from "@/lib/server/auth/tokens";
import { CreateTokenInput } from "@/lib/schemas/tokens";

// Creating tokens is rare (a person setting up CI); 10 per 10 minutes per user and per address
// slows a stolen session minting tokens in bulk. Per process: see rate-limit.ts.
const creations = new RateLimiter({ limit: 10, windowSeconds: 600 });

export const GET = route({ requires: "token.own" }, ({ auth }) => listTokens(auth));

export const POST = route({ requires: "token.own", body: CreateTokenInput }, async ({ body, auth, request }) => {
  const ip = clientAddress(request);
  enforceRateLimit(creations, [`user:${auth.userId ?? auth.actor}`, ...(ip ? [`ip:${ip}`] : [])], "API tokens created");
  const token = await createToken(body, auth);
  return created(token, `/api/tokens/${token.id}`);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
