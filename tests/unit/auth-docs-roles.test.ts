// docs/auth.md's roles table says what lib/auth/permissions.ts does: one row per permission, a
// "yes" exactly where the role has it. A permission added to the table without a docs row fails here.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES } from "@/lib/auth/permissions";

it("docs/auth.md's roles table matches the permission table", () => {
  const doc = readFileSync(path.resolve(__dirname, "..", "..", "docs", "auth.md"), "utf8");
  const section = doc.slice(doc.indexOf("## Roles"), doc.indexOf("\n## ", doc.indexOf("## Roles") + 1));
  const rows = new Map<string, string[]>();
  for (const line of section.split("\n")) {
    const m = /^\| `([a-z.]+)` \| (.+?) \| (.+?) \| (.+?) \|/.exec(line);
    if (m) rows.set(m[1], [m[2], m[3], m[4]]);
  }
  expect([...rows.keys()].sort()).toEqual([...PERMISSIONS].sort());
  for (const [perm, cells] of rows)
    expect(cells.map((c) => c.trim() === "yes"), perm).toEqual(ROLES.map((r) => (ROLE_PERMISSIONS[r] as readonly string[]).includes(perm)));
});
