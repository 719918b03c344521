// The role → permission table (lib/auth/permissions.ts), pinned row by row: the one truth that
// the route wrapper, the verbs and the auth matrix test (tests/integration/auth-matrix.test.ts) read.
import { describe, expect, it } from "vitest";
import { allows, effectivePermissions, PERMISSIONS, ROLE_PERMISSIONS, ROLES, roleCovering, type Permission } from "@/lib/auth/permissions";

const sorted = (s: Iterable<string>) => [...s].sort();

describe("ROLE_PERMISSIONS", () => {
  it.each([
    ["viewer", ["datasource.read", "rules.read", "slo.read", "token.own"]],
    ["editor", ["datasource.read", "rules.read", "rules.write", "slo.read", "slo.write", "token.own"]],
    ["admin", ["datasource.read", "datasource.write", "rules.read", "rules.write", "slo.read", "slo.write", "token.own", "user.manage"]],
  ] as const)("%s has exactly %j", (role, want) => {
    expect(sorted(ROLE_PERMISSIONS[role])).toEqual(want);
    expect(new Set(ROLE_PERMISSIONS[role]).size).toBe(want.length);
  });

  it("each role is a strict superset of the one below; admin has every permission", () => {
    for (let i = 1; i < ROLES.length; i++) {
      const lower = ROLE_PERMISSIONS[ROLES[i - 1]];
      const upper = new Set(ROLE_PERMISSIONS[ROLES[i]]);
      expect(lower.every((p) => upper.has(p)), `${ROLES[i]} ⊇ ${ROLES[i - 1]}`).toBe(true);
      expect(upper.size).toBeGreaterThan(lower.length);
    }
    expect(sorted(ROLE_PERMISSIONS.admin)).toEqual(sorted(PERMISSIONS));
  });
});

describe("effectivePermissions", () => {
  it.each<[string, Parameters<typeof effectivePermissions>[0], string[] | undefined, Permission[]]>([
    ["a role alone", ["viewer"], undefined, ["datasource.read", "rules.read", "slo.read", "token.own"]],
    ["scopes narrow the role", ["admin"], ["slo.read", "slo.write"], ["slo.read", "slo.write"]],
    ["scopes never widen it", ["viewer"], ["slo.read", "slo.write", "datasource.write"], ["slo.read"]],
    ["unknown scope names give nothing", ["admin"], ["root", "*"], []],
    ["empty scopes give nothing", ["editor"], [], []],
    ["several roles unite", ["viewer", "editor"], undefined, ["datasource.read", "rules.read", "rules.write", "slo.read", "slo.write", "token.own"]],
    ["no roles, nothing", [], ["slo.read"], []],
  ])("%s", (_n, roles, scopes, want) => expect(sorted(effectivePermissions(roles, scopes))).toEqual(sorted(want)));
});

describe("allows", () => {
  const editor = { permissions: effectivePermissions(["editor"]), teams: ["checkout"] };
  it.each<[string, Permission, string | undefined, boolean]>([
    ["route-level check passes a team-limited editor", "slo.write", undefined, true],
    ["own team's SLO", "slo.write", "checkout", true],
    ["another team's SLO", "slo.write", "payments", false],
    ["the no-team SLO", "slo.write", "", false],
    ["reading is not team-limited", "slo.read", "payments", true],
    ["a permission the role lacks", "datasource.write", undefined, false],
  ])("%s", (_n, p, team, want) => expect(allows(editor, p, team)).toBe(want));

  it("an editor of every team (teams null) may change any team's SLO", () =>
    expect(allows({ permissions: effectivePermissions(["editor"]), teams: null }, "slo.write", "payments")).toBe(true));
});

describe("roleCovering", () => {
  it.each<[Permission[], string | null]>([
    [[...PERMISSIONS], "admin"],
    [[...ROLE_PERMISSIONS.editor], "editor"],
    [[...ROLE_PERMISSIONS.editor, "datasource.write"], "editor"],
    [[...ROLE_PERMISSIONS.viewer], "viewer"],
    [["slo.read"], null],
  ])("%j → %s", (perms, want) => expect(roleCovering(new Set(perms))).toBe(want));
});
