// OIDC groups → role and teams, and display names (lib/auth/oidc-claims.ts).
import { describe, expect, it } from "vitest";
import { displayName, groupsOf, parseRoleMap, roleAndTeams } from "@/lib/auth/oidc-claims";

const map = (text: string) => {
  const r = parseRoleMap(text);
  if (!r.ok) throw new Error(r.error);
  return r.map;
};

describe("parseRoleMap", () => {
  it("reads group=role pairs, spaces and empty entries tolerated; a group listed twice keeps its highest role", () => {
    expect([...map(" eng = editor, sre=admin,, eng=viewer").entries()]).toEqual([
      ["eng", "editor"],
      ["sre", "admin"],
    ]);
    // The last "=" splits, so a group may contain "=" (LDAP-style names).
    expect(map("cn=ops=admin").get("cn=ops")).toBe("admin");
  });
  it.each([
    ["eng", "is not group=role"],
    ["=admin", "is not group=role"],
    ["eng=owner", `"owner" (for group "eng") is not one of viewer, editor, admin`],
  ])("refuses %j in words", (text, message) => {
    const r = parseRoleMap(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(message);
  });
  it("an empty map is fine (everyone gets the default role)", () => expect(map("").size).toBe(0));
});

describe("groupsOf", () => {
  it.each<[unknown, string[]]>([
    [["eng", " team:payments ", 3, "", null], ["eng", "team:payments"]],
    ["sre", ["sre"]],
    ["  ", []],
    [undefined, []],
    [{ eng: true }, []],
  ])("%j → %j", (claim, groups) => expect(groupsOf(claim)).toEqual(groups));
});

describe("roleAndTeams", () => {
  const m = map("eng=editor,sre=admin,manager=viewer");
  it.each<[string[], string, string[]]>([
    [["eng", "team:payments"], "editor", ["payments"]],
    [["manager"], "viewer", []],
    [["sre", "eng", "manager"], "admin", []],
    [["eng", "team:search", "team:payments", "team:payments", "team:"], "editor", ["payments", "search"]],
    [["unknown"], "viewer", []],
    [[], "viewer", []],
  ])("%j → %s %j", (groups, role, teams) => expect(roleAndTeams(groups, m, "viewer")).toEqual({ role, teams }));
  it("no mapped group → the default role, whatever it is", () => expect(roleAndTeams(["x"], m, "editor").role).toBe("editor"));
});

describe("displayName", () => {
  it("prefers name, then preferred_username, email, sub", () => {
    expect(displayName({ sub: "1", name: "Alice", preferred_username: "alice" })).toBe("Alice");
    expect(displayName({ sub: "1", name: " ", preferred_username: "alice" })).toBe("alice");
    expect(displayName({ sub: "1", email: "a@example.com" })).toBe("a@example.com");
    expect(displayName({ sub: "1" })).toBe("1");
  });
});
