// The authenticated context every route handler and business verb receives (issue 20 item 1):
// who is acting (the name revision history records), with which role, limited to which teams,
// and how they proved it. Built once per request by resolveAuth (./resolve.ts).
import "server-only";
import { allows, effectivePermissions, type Grant, type Permission, type Role } from "@/lib/auth/permissions";
import { ForbiddenError } from "@/lib/server/errors";

export type AuthVia = "session" | "token" | "proxy" | "demo" | "system";

export interface AuthContext extends Grant {
  /** The name revision history records ("alice", "ci-pipeline (token of alice)", "demo"). */
  actor: string;
  /** The catalogue user; null for demo mode and system contexts (scripts, seeding). */
  userId: string | null;
  roles: Role[];
  via: AuthVia;
  /** Set when the request authenticated with an API token. */
  tokenId?: string;
}

export function contextFor(p: { actor: string; userId: string | null; role: Role; teams: readonly string[]; via: AuthVia; scopes?: readonly string[]; tokenId?: string }): AuthContext {
  return {
    actor: p.actor,
    userId: p.userId,
    roles: [p.role],
    // An editor limited to teams; admins and viewers are never team-limited (admins may do all,
    // viewers read all).
    teams: p.role === "editor" && p.teams.length > 0 ? [...p.teams] : null,
    permissions: effectivePermissions([p.role], p.scopes),
    via: p.via,
    ...(p.tokenId ? { tokenId: p.tokenId } : {}),
  };
}

/** Full rights, for scripts that act on the catalogue directly (demo seeding, benchmarks, tests). */
export function systemAuth(actor = "system"): AuthContext {
  return contextFor({ actor, userId: null, role: "admin", teams: [], via: "system" });
}

/** Demo mode (SIGHTLINE_AUTH=demo): everyone is admin, and every page says so. */
export function demoAuth(): AuthContext {
  return contextFor({ actor: "demo", userId: null, role: "admin", teams: [], via: "demo" });
}

/** Throws a 403 in words unless `auth` allows `permission` (on `team`'s SLO when given). */
export function assertAllowed(auth: AuthContext, permission: Permission, team?: string): void {
  if (allows(auth, permission, team)) return;
  const who = auth.via === "token" ? `this API token (of ${auth.actor})` : auth.actor;
  if (auth.permissions.has(permission) && team !== undefined)
    throw new ForbiddenError(`${who} may change only the SLOs of team${auth.teams!.length > 1 ? "s" : ""} ${auth.teams!.map((t) => `"${t}"`).join(", ")}, not of "${team || "(no team)"}"`, permission);
  const scoped = auth.via === "token" ? " or the token's scopes" : "";
  throw new ForbiddenError(`this needs the permission "${permission}", which the role ${auth.roles.join("/")}${scoped} does not give`, permission);
}
