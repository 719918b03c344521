// POST /api/auth/sign-in's verb (issue 20 item 2): rate limit, check the password, start a session.
// Limits: 5 attempts in a burst per (address, user name), refilled over 5 minutes, so a typo-prone
// person is barely slowed; and 20 per user name from anywhere over 15 minutes, because the address
// is only as good as X-Forwarded-For (./rate-limit.ts clientAddress) and must not be the only key.
import "server-only";
import { getEnv } from "@/lib/env";
import type { MeDto, SignInInput } from "@/lib/schemas/auth";
import { HttpProblem, ProblemType, StateConflictError } from "@/lib/server/errors";
import { effectivePermissions, type Role } from "@/lib/auth/permissions";
import type { AuthContext } from "./context";
import { checkLocalCredentials, ensureLocalAdmin } from "./local-users";
import { clientAddress, enforceRateLimit, RateLimiter } from "./rate-limit";
import { createSession } from "./session";

const pairLimiter = new RateLimiter({ limit: 5, windowSeconds: 300 });
const userLimiter = new RateLimiter({ limit: 20, windowSeconds: 900 });

export const BAD_CREDENTIALS = "the user name or password is not right";

export async function signIn(input: SignInInput, request: Request): Promise<Response> {
  const mode = getEnv().SIGHTLINE_AUTH;
  if (mode !== "local")
    throw new StateConflictError(
      mode === "oidc"
        ? "sign-in with a password is off: this Sightline signs people in with single sign-on (/api/auth/oidc/start)"
        : mode === "proxy"
          ? "sign-in happens at the reverse proxy in front of Sightline"
          : "demo mode has no sign-in: everyone is admin",
    );
  await ensureLocalAdmin();
  const user = input.username.toLowerCase();
  const pairKey = `signin:${clientAddress(request) ?? "unknown"}:${user}`;
  enforceRateLimit(pairLimiter, [pairKey], "sign-in attempts for this user from this address");
  enforceRateLimit(userLimiter, [`signin:user:${user}`], "sign-in attempts for this user");
  const found = await checkLocalCredentials(input.username, input.password);
  if (!found) throw new HttpProblem(401, ProblemType.unauthenticated, "Not signed in", BAD_CREDENTIALS);
  pairLimiter.reset(pairKey);
  const { setCookie, expiresAt } = await createSession(found.id, request);
  const body: MeDto & { expiresAt: string } = {
    mode,
    signedIn: true,
    user: { name: found.name, role: found.role, teams: found.teams, via: "session" },
    permissions: [...effectivePermissions([found.role as Role])].sort(),
    expiresAt: expiresAt.toISOString(),
  };
  return Response.json(body, { headers: { "set-cookie": setCookie, "cache-control": "no-store" } });
}

/** GET /api/auth/me: who is asking, in any mode. */
export function me(auth: AuthContext | null): MeDto {
  return {
    mode: getEnv().SIGHTLINE_AUTH,
    signedIn: auth !== null,
    user: auth ? { name: auth.actor, role: auth.roles.join("/"), teams: auth.teams ? [...auth.teams] : null, via: auth.via } : null,
    permissions: auth ? [...auth.permissions].sort() : [],
  };
}
