// Who is asking (issue 20 item 2), once per request, for the route wrapper and server pages:
//   1. `Authorization: Bearer` → an API token, in every mode. A bad token is a 401, never a
//      fall-back to the cookie: a script must learn its token is wrong.
//   2. SIGHTLINE_AUTH=demo → everyone is admin (pages show a banner saying so).
//   3. SIGHTLINE_AUTH=proxy → the trusted proxy's header (./proxy-header.ts).
//   4. local / oidc → the session cookie (./session.ts); OIDC only changes how a session starts.
// null means nobody is signed in.
import "server-only";
import { getEnv } from "@/lib/env";
import { demoAuth, type AuthContext } from "./context";
import { proxyContext } from "./proxy-header";
import { sessionContext } from "./session";
import { bearerOf, tokenContext } from "./token-verify";

export async function resolveAuth(request: Request): Promise<AuthContext | null> {
  const bearer = bearerOf(request);
  if (bearer !== null) return tokenContext(bearer);
  const env = getEnv();
  switch (env.SIGHTLINE_AUTH) {
    case "demo":
      return demoAuth();
    case "proxy":
      return proxyContext(request, env);
    case "local":
    case "oidc":
      return sessionContext(request);
  }
}
