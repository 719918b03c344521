// The OpenID Connect client configuration (issue 20 item 2): the env checked at use, and the
// provider's discovery document read once per process (with a timeout) and cached. A failed
// discovery is not cached, so the next sign-in tries again once the provider is back.
import "server-only";
import * as client from "openid-client";
import { getEnv } from "@/lib/env";
import { parseRoleMap, type RoleMap } from "@/lib/auth/oidc-claims";
import type { Role } from "@/lib/auth/permissions";

/** Discovery, token and userinfo calls each get this long. */
const PROVIDER_TIMEOUT_MS = 8_000;

/** Sign-in cannot proceed; `message` is said to the person signing in (no secrets in it). */
export class OidcUnavailable extends Error {}

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string | undefined;
  scopes: string;
  groupsClaim: string;
  roleMap: RoleMap;
  defaultRole: Role;
}

export function oidcSettings(): OidcSettings {
  const env = getEnv();
  if (env.SIGHTLINE_AUTH !== "oidc") throw new OidcUnavailable(`single sign-on is not turned on (SIGHTLINE_AUTH is "${env.SIGHTLINE_AUTH}", not "oidc")`);
  const missing = [!env.SIGHTLINE_OIDC_ISSUER && "SIGHTLINE_OIDC_ISSUER", !env.SIGHTLINE_OIDC_CLIENT_ID && "SIGHTLINE_OIDC_CLIENT_ID"].filter(Boolean);
  if (missing.length) throw new OidcUnavailable(`single sign-on is not configured: SIGHTLINE_AUTH=oidc needs ${missing.join(" and ")}`);
  const roleMap = parseRoleMap(env.SIGHTLINE_OIDC_ROLE_MAP);
  if (!roleMap.ok) throw new OidcUnavailable(`single sign-on is misconfigured: ${roleMap.error}`);
  const issuer = new URL(env.SIGHTLINE_OIDC_ISSUER!);
  // Plain http only to a provider on this machine (a local Dex, the tests' provider): anywhere
  // else tokens and codes would cross the network in the clear.
  if (issuer.protocol !== "https:" && !isLoopback(issuer.hostname))
    throw new OidcUnavailable(`single sign-on is misconfigured: SIGHTLINE_OIDC_ISSUER must be https (http is accepted only for localhost)`);
  const scopes = env.SIGHTLINE_OIDC_SCOPES.split(/\s+/).includes("openid") ? env.SIGHTLINE_OIDC_SCOPES : `openid ${env.SIGHTLINE_OIDC_SCOPES}`;
  return {
    issuer,
    clientId: env.SIGHTLINE_OIDC_CLIENT_ID!,
    clientSecret: env.SIGHTLINE_OIDC_CLIENT_SECRET,
    scopes,
    groupsClaim: env.SIGHTLINE_OIDC_GROUPS_CLAIM,
    roleMap: roleMap.map,
    defaultRole: env.SIGHTLINE_OIDC_DEFAULT_ROLE,
  };
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

let cached: { key: string; config: Promise<client.Configuration> } | null = null;

/** The discovered configuration for `s`, cached per process (per issuer, client and secret). */
export function oidcConfiguration(s: OidcSettings): Promise<client.Configuration> {
  const key = JSON.stringify([s.issuer.href, s.clientId, s.clientSecret ?? ""]);
  if (cached?.key === key) return cached.config;
  const config = discover(s);
  cached = { key, config };
  config.catch(() => {
    if (cached?.config === config) cached = null;
  });
  return config;
}

async function discover(s: OidcSettings): Promise<client.Configuration> {
  const auth = s.clientSecret ? client.ClientSecretBasic(s.clientSecret) : client.None();
  try {
    return await client.discovery(s.issuer, s.clientId, undefined, auth, {
      ...(s.issuer.protocol === "http:" ? { execute: [client.allowInsecureRequests] } : {}),
      // Seconds; openid-client keeps it for the token and userinfo calls too.
      timeout: PROVIDER_TIMEOUT_MS / 1000,
    });
  } catch (e) {
    throw new OidcUnavailable(`sign-in provider unavailable: ${s.issuer.origin} could not be reached or sent no usable discovery document (${describe(e)})`);
  }
}

/** A provider error in a few words (never a token or a secret: openid-client's messages name fields, not values). */
export function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e).slice(0, 200);
  const cause = e.cause instanceof Error ? `: ${e.cause.message}` : "";
  const name = e.name === "TimeoutError" || (e.cause instanceof Error && e.cause.name === "TimeoutError") ? "timed out" : e.message;
  return `${name}${cause}`.replace(/\s+/g, " ").slice(0, 240);
}
