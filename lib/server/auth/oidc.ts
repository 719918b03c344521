// OpenID Connect sign-in (issue 20 item 2): the authorization code flow with PKCE (S256), state
// and nonce, through openid-client (which checks the ID token's signature, issuer, audience,
// nonce and expiry). The provider's groups decide the role at every sign-in (lib/auth/oidc-claims.ts),
// so a change at the provider takes effect the next time the person signs in; then an ordinary
// session starts (./session.ts). Every failure ends on /sign-in with a sentence, never a 500.
// Sign-out ends the Sightline session only: the provider's own session is left alone (no
// RP-initiated logout), so "sign out" does not sign a person out of every other app.
import "server-only";
import * as client from "openid-client";
import { displayName, groupsOf, roleAndTeams } from "@/lib/auth/oidc-claims";
import { DEFAULT_NEXT, safeNextPath } from "@/lib/auth/next-path";
import { getEnv } from "@/lib/env";
import { getDb } from "@/lib/server/db";
import { clearFlowCookie, FLOW_COOKIE, flowCookie, readFlow } from "./oidc-flow-cookie";
import { describe, oidcConfiguration, oidcSettings, OidcUnavailable, type OidcSettings } from "./oidc-config";
import { createSession, readCookie, secureCookies } from "./session";
import { signedMessageParams } from "./sign-in-message";

export const CALLBACK_PATH = "/api/auth/oidc/callback";

/**
 * The app's address: SIGHTLINE_PUBLIC_URL (set it behind a proxy), else the address the browser
 * used (Host / X-Forwarded-*, as the cross-site check reads it: next start's request.url says
 * "localhost" whatever the browser asked for). A wrong one fails at the provider, which accepts
 * only its registered redirect URI.
 */
function appBase(request: Request): string {
  const pub = getEnv().SIGHTLINE_PUBLIC_URL;
  if (pub) return pub.replace(/\/+$/, "");
  const first = (v: string | null) => v?.split(",")[0].trim() || null;
  const url = new URL(request.url);
  const proto = first(request.headers.get("x-forwarded-proto")) ?? url.protocol.replace(/:$/, "");
  const host = first(request.headers.get("x-forwarded-host")) ?? request.headers.get("host") ?? url.host;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return url.origin;
  }
}

const redirectUri = (request: Request) => `${appBase(request)}${CALLBACK_PATH}`;

function redirect(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const c of cookies) headers.append("set-cookie", c);
  return new Response(null, { status: 302, headers });
}

/** Back to the sign-in page with a sentence to show (signed: ./sign-in-message.ts) and where to go after. */
async function toSignIn(request: Request, message: string, next = DEFAULT_NEXT, cookies: string[] = []): Promise<Response> {
  const q = new URLSearchParams(await signedMessageParams(message));
  if (next !== DEFAULT_NEXT) q.set("next", next);
  return redirect(`${appBase(request)}/sign-in?${q}`, cookies);
}

/** GET /api/auth/oidc/start?next= : remembers state, nonce and verifier, then off to the provider. */
export async function startOidcSignIn(request: Request, nextParam: string | undefined): Promise<Response> {
  const next = safeNextPath(nextParam);
  let settings: OidcSettings;
  let config: client.Configuration;
  try {
    settings = oidcSettings();
    config = await oidcConfiguration(settings);
  } catch (e) {
    if (e instanceof OidcUnavailable) return toSignIn(request, `Sign-in did not complete: ${e.message}.`, next);
    throw e;
  }
  const flow = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), next };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(request),
    scope: settings.scopes,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: "S256",
  });
  return redirect(url.href, [await flowCookie(flow, secureCookies(request))]);
}

/** GET /api/auth/oidc/callback : the provider's answer → a session, or /sign-in with why not. */
export async function finishOidcSignIn(request: Request): Promise<Response> {
  const secure = secureCookies(request);
  const clear = clearFlowCookie(secure);
  const params = new URL(request.url).searchParams;
  const flow = await readFlow(readCookie(request.headers.get("cookie"), FLOW_COOKIE));
  const next = flow?.next ?? DEFAULT_NEXT;

  const providerError = params.get("error");
  if (providerError) {
    const why = providerError === "access_denied" ? "the sign-in provider refused access (you may have cancelled, or are not allowed to use Sightline)" : `the sign-in provider answered "${providerError.slice(0, 60)}"`;
    const detail = params.get("error_description");
    return toSignIn(request, `Sign-in did not complete: ${why}${detail ? `: ${detail.slice(0, 200)}` : ""}.`, next, [clear]);
  }
  if (!flow) return toSignIn(request, "Sign-in did not complete: it took longer than 10 minutes, or was started in another browser. Please try again.", DEFAULT_NEXT, [clear]);
  if (params.get("state") !== flow.state) return toSignIn(request, "Sign-in did not complete: the answer from the sign-in provider does not belong to this sign-in (state mismatch). Please try again.", next, [clear]);

  let settings: OidcSettings;
  let claims: Record<string, unknown>;
  try {
    settings = oidcSettings();
    const config = await oidcConfiguration(settings);
    // The URL the provider redirected to, as registered there (behind a proxy request.url is the
    // internal address): openid-client sends it back as redirect_uri with the code.
    const current = new URL(redirectUri(request));
    current.search = new URL(request.url).search;
    const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
    const idClaims = tokens.claims()!;
    claims = { ...idClaims };
    // Many providers put groups and profile only in userinfo (oidc-provider, Keycloak without a mapper).
    if (config.serverMetadata().userinfo_endpoint) claims = { ...idClaims, ...pick(await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)) };
  } catch (e) {
    if (e instanceof OidcUnavailable) return toSignIn(request, `Sign-in did not complete: ${e.message}.`, next, [clear]);
    console.error(`[sightline] OIDC sign-in refused: ${describe(e)}`);
    return toSignIn(request, `Sign-in did not complete: the sign-in provider's answer was refused (${describe(e)}).`, next, [clear]);
  }

  const issuer = settings.issuer.href.replace(/\/+$/, "");
  const subject = `oidc:${issuer}#${String(claims.sub)}`;
  const { role, teams } = roleAndTeams(groupsOf(claims[settings.groupsClaim]), settings.roleMap, settings.defaultRole);
  const name = displayName(claims);
  const email = typeof claims.email === "string" ? claims.email.slice(0, 320) : "";
  const db = await getDb();
  // Role and teams follow the provider at every sign-in; `disabled` is Sightline's own and stays.
  const user = await db.user.upsert({ where: { subject }, create: { subject, name, email, role, teams }, update: { name, email, role, teams } });
  if (user.disabled) return toSignIn(request, "Sign-in refused: this Sightline account is disabled. Ask an administrator.", DEFAULT_NEXT, [clear]);
  const { setCookie } = await createSession(user.id, request);
  return redirect(`${appBase(request)}${next}`, [clear, setCookie]);
}

/** Userinfo claims that may refine the ID token's (groups, profile); `sub` always stays the ID token's. */
function pick(info: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(info).filter(([k]) => k !== "sub"));
}
