"use client";
// What the signed-in person may do, for client components that offer actions (issue 20 item 3):
// the layout passes the request's permissions down once, so a viewer is not shown "New SLO" or
// "Edit" that the API would refuse. The API still checks every request; this is only about offers.
import { createContext, useContext, type ReactNode } from "react";

type Grant = { permissions: readonly string[]; teams: readonly string[] | null };
const Ctx = createContext<Grant | null>(null);

export function PermissionsProvider({ permissions, teams, children }: Grant & { children: ReactNode }) {
  return <Ctx.Provider value={{ permissions, teams }}>{children}</Ctx.Provider>;
}

/**
 * `can(permission, team?)`. Without a provider (component tests) everything is offered. A team
 * given for slo.write narrows it to a team-limited editor's teams, as the API does.
 */
export function usePermissions(): (permission: string, team?: string) => boolean {
  const grant = useContext(Ctx);
  return (permission, team) => {
    if (!grant) return true;
    if (!grant.permissions.includes(permission)) return false;
    return permission !== "slo.write" || team === undefined || grant.teams === null || grant.teams.includes(team);
  };
}
