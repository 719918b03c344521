// What an OpenID Connect sign-in means inside Sightline (issue 20 item 2). Pure, no I/O: the
// provider's groups → a role (SIGHTLINE_OIDC_ROLE_MAP, highest role wins) and an editor's teams
// (groups named "team:<name>") and the display name. Where to go afterwards: ./next-path.ts.
import { ROLES, isRole, type Role } from "./permissions";

/** Groups named `team:<name>` limit an editor to those teams' SLOs (no such group: every team). */
export const TEAM_GROUP_PREFIX = "team:";

export type RoleMap = ReadonlyMap<string, Role>;

/** Parses "group=role,group=role"; a bad entry is an error in words (the setting is wrong, not the user). */
export function parseRoleMap(text: string): { ok: true; map: RoleMap } | { ok: false; error: string } {
  const map = new Map<string, Role>();
  for (const raw of text.split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const eq = entry.lastIndexOf("=");
    const group = entry.slice(0, eq).trim();
    const role = entry.slice(eq + 1).trim();
    if (eq <= 0 || !group) return { ok: false, error: `SIGHTLINE_OIDC_ROLE_MAP: "${entry.slice(0, 80)}" is not group=role` };
    if (!isRole(role)) return { ok: false, error: `SIGHTLINE_OIDC_ROLE_MAP: "${role.slice(0, 40)}" (for group "${group.slice(0, 80)}") is not one of ${ROLES.join(", ")}` };
    const prev = map.get(group);
    map.set(group, prev && rank(prev) > rank(role) ? prev : role);
  }
  return { ok: true, map };
}

const rank = (r: Role) => ROLES.indexOf(r);

/** A groups claim as providers send it: a list (Keycloak, Dex, Okta), one string, or absent. */
export function groupsOf(claim: unknown): string[] {
  if (typeof claim === "string") return claim.trim() ? [claim.trim()] : [];
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === "string").map((g) => g.trim()).filter(Boolean);
  return [];
}

/** The role (highest mapped group, else `defaultRole`) and teams of a user in `groups`. */
export function roleAndTeams(groups: readonly string[], map: RoleMap, defaultRole: Role): { role: Role; teams: string[] } {
  let role: Role | null = null;
  for (const g of groups) {
    const r = map.get(g);
    if (r && (role === null || rank(r) > rank(role))) role = r;
  }
  const teams = [...new Set(groups.filter((g) => g.startsWith(TEAM_GROUP_PREFIX)).map((g) => g.slice(TEAM_GROUP_PREFIX.length).trim()).filter(Boolean))].sort();
  return { role: role ?? defaultRole, teams };
}

/** The name revision history shows: name, else preferred_username, else email, else the subject. */
export function displayName(claims: Record<string, unknown>): string {
  for (const k of ["name", "preferred_username", "email", "sub"]) {
    const v = claims[k];
    if (typeof v === "string" && v.trim()) return v.trim().slice(0, 200);
  }
  return "unknown";
}
