// Who may do what (issue 20 item 1). Pure, no I/O: the role → permission table that the route
// wrapper (lib/server/api.ts, `requires:`) and the business verbs consult, and that
// tests/unit/auth-permissions.test.ts pins row by row.
//
// Viewers read everything (managers, on-call). Editors also change SLOs and sync alert rules,
// optionally only their teams' SLOs. Admins also configure datasources (a datasource URL decides
// what the server connects to, so it is an admin's call) and manage users' tokens.

export const ROLES = ["viewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Read SLOs, their status, history, exemplars, traces, the overview and reports. */
  "slo.read",
  /** Create, change, archive and restore SLOs; import OpenSLO. */
  "slo.write",
  /** Read datasources (secrets are never shown to anyone) and their history. */
  "datasource.read",
  /** Create, change, delete and connection-test datasources. */
  "datasource.write",
  /** Read generated rules and their sync state. */
  "rules.read",
  /** Push generated rules to Prometheus / the ruler. */
  "rules.write",
  /** Create, list and revoke one's own API tokens. */
  "token.own",
  /** List, create and change local users (role, teams, disabled, password reset). */
  "user.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const VIEWER: readonly Permission[] = ["slo.read", "datasource.read", "rules.read", "token.own"];
const EDITOR: readonly Permission[] = [...VIEWER, "slo.write", "rules.write"];
const ADMIN: readonly Permission[] = [...EDITOR, "datasource.write", "user.manage"];

/** The table. Each role's permissions are a superset of the role below it. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: VIEWER,
  editor: EDITOR,
  admin: ADMIN,
};

/** Permissions that are about one team's SLOs, so an editor limited to teams has them only there. */
export const TEAM_SCOPED: ReadonlySet<Permission> = new Set(["slo.write"]);

export function isPermission(s: string): s is Permission {
  return (PERMISSIONS as readonly string[]).includes(s);
}

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** The union of the roles' permissions, narrowed to `scopes` when given (an API token's). */
export function effectivePermissions(roles: readonly Role[], scopes?: readonly string[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r]) out.add(p);
  if (scopes) for (const p of [...out]) if (!scopes.includes(p)) out.delete(p);
  return out;
}

/** What a request may do, as the route wrapper and verbs see it. */
export interface Grant {
  permissions: ReadonlySet<Permission>;
  /** Teams an editor is limited to; null = every team. */
  teams: readonly string[] | null;
}

/**
 * Whether the grant allows `permission`, on `team`'s SLO when the permission is team-scoped.
 * Without a team (a route-level check) a team-limited editor passes: the verb checks the SLO's team.
 */
export function allows(grant: Grant, permission: Permission, team?: string): boolean {
  if (!grant.permissions.has(permission)) return false;
  if (team === undefined || !TEAM_SCOPED.has(permission) || grant.teams === null) return true;
  return grant.teams.includes(team);
}

/** The highest role whose permissions are all within `permissions` (what a token is "worth"). */
export function roleCovering(permissions: ReadonlySet<Permission>): Role | null {
  for (const r of [...ROLES].reverse()) if (ROLE_PERMISSIONS[r].every((p) => permissions.has(p))) return r;
  return null;
}
