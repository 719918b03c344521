// Local sign-in end to end through the route handlers on a real PostgreSQL (issue 20 items 2, 5),
// in SIGHTLINE_AUTH=local: the first admin is created once even when two callers race, its
// generated password is kept 0600 and printed once; sign-in, its cookie, rate limit; the session
// works for the API until sign-out, expiry, a forged signature or a disabled user; users admin.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as signIn from "@/app/api/auth/sign-in/route";
import * as signOut from "@/app/api/auth/sign-out/route";
import * as me from "@/app/api/auth/me/route";
import * as users from "@/app/api/users/route";
import * as oneUser from "@/app/api/users/[id]/route";
import * as slos from "@/app/api/slos/route";
import { ensureLocalAdmin, resetFirstAdminCache } from "@/lib/server/auth/local-users";
import { call, setupCatalogueDatabase, sql } from "../helpers/catalogue";

const db = setupCatalogueDatabase();
const ADMIN_PASSWORD = "first-admin-password-123";
const saved: Record<string, string | undefined> = {};
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "sightline-auth-"));
  for (const [k, v] of Object.entries({ SIGHTLINE_AUTH: "local", SIGHTLINE_DATA_DIR: dataDir, SIGHTLINE_ADMIN_PASSWORD: ADMIN_PASSWORD, SIGHTLINE_PUBLIC_URL: undefined })) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** The name=value part of a Set-Cookie header, as a browser would send it back. */
const cookieOf = (setCookie: string | null) => ({ cookie: (setCookie ?? "").split(";")[0] });

async function signedIn(username = "admin", password = ADMIN_PASSWORD) {
  resetFirstAdminCache();
  const res = await call(signIn.POST, { json: { username, password } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { res, headers: cookieOf(res.headers.get("set-cookie")) };
}

describe("first start", () => {
  it("creates one admin when two callers race, keeps a generated password 0600 and prints it once", async () => {
    delete process.env.SIGHTLINE_ADMIN_PASSWORD;
    const lines: string[] = [];
    try {
      resetFirstAdminCache();
      const first = ensureLocalAdmin((l) => lines.push(l));
      resetFirstAdminCache(); // a second server: no shared cache, only the database between them
      const second = ensureLocalAdmin((l) => lines.push(l));
      const outcomes = await Promise.all([first, second]);
      expect(outcomes.filter((o) => o.created)).toHaveLength(1);
      const rows = await sql(db().url, `SELECT subject, name, role FROM "User"`);
      expect(rows).toEqual([{ subject: "local:admin", name: "admin", role: "admin" }]);
      const file = path.join(dataDir, "admin-password");
      const password = readFileSync(file, "utf8").trim();
      expect(password).toMatch(/^[\w-]{24}$/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(lines.join("\n").split(password).length - 1).toBe(1);
      expect(lines.join("\n")).toContain(file);
      // Later starts find the admin and print nothing.
      resetFirstAdminCache();
      expect(await ensureLocalAdmin((l) => lines.push(l))).toEqual({ created: false });
      expect(lines.join("\n").split(password).length - 1).toBe(1);
      resetFirstAdminCache();
      expect((await call(signIn.POST, { json: { username: "admin", password } })).status).toBe(200);
    } finally {
      process.env.SIGHTLINE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    }
  });
});

describe("sign-in", () => {
  it("answers a wrong password and an unknown user alike, and sets a session cookie on success", async () => {
    resetFirstAdminCache();
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const wrong = await call(signIn.POST, { json: { username: "admin", password: "not-the-password" } });
    const unknown = await call(signIn.POST, { json: { username: "nobody", password: ADMIN_PASSWORD } });
    log.mockRestore();
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(401);
      expect(r.headers.get("set-cookie")).toBeNull();
      expect(r.body.detail).toBe("the user name or password is not right");
    }
    const missing = await call(signIn.POST, { json: { username: "admin" } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].path).toBe("password");

    const { res, headers } = await signedIn();
    expect(res.body).toMatchObject({ signedIn: true, mode: "local", user: { name: "admin", role: "admin" } });
    expect(res.body.permissions).toContain("user.manage");
    const attrs = res.headers.get("set-cookie")!.split(";").map((s) => s.trim());
    expect(attrs[0]).toMatch(/^sightline_session=[\w-]{43}\.[\w-]{43}$/);
    expect(attrs.slice(1).sort()).toEqual(["HttpOnly", "Max-Age=43200", "Path=/", "SameSite=Lax"]);
    // The database keeps only a hash of the id.
    const [row] = await sql(db().url, `SELECT "idHash" FROM "Session"`);
    expect(headers.cookie).not.toContain(row.idHash);

    const who = await call(me.GET, { headers });
    expect(who.body).toMatchObject({ mode: "local", signedIn: true, user: { name: "admin", role: "admin", via: "session" } });
    expect((await call(me.GET)).body).toEqual({ mode: "local", signedIn: false, user: null, permissions: [] });
  });

  it("marks the cookie Secure when SIGHTLINE_PUBLIC_URL is https", async () => {
    process.env.SIGHTLINE_PUBLIC_URL = "https://sightline.example.com";
    try {
      const { res } = await signedIn();
      expect(res.headers.get("set-cookie")).toMatch(/; Secure$/);
    } finally {
      delete process.env.SIGHTLINE_PUBLIC_URL;
    }
  });

  it("rate limits guesses per user with 429 and Retry-After", async () => {
    resetFirstAdminCache();
    await call(users.POST, { headers: (await signedIn()).headers, json: { username: "rita", role: "viewer", password: "rita-password-1234" } });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 6; i++) {
      last = await call(signIn.POST, { json: { username: "rita", password: `guess-${i}` } });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last!.body.type).toBe("urn:sightline:problem:rate-limited");
    // Even the right password waits: the limit is spent before the password is checked.
    expect((await call(signIn.POST, { json: { username: "rita", password: "rita-password-1234" } })).status).toBe(429);
  });
});

describe("the session", () => {
  it("works for the API until sign-out, then the same cookie is 401", async () => {
    const { headers } = await signedIn();
    expect((await call(slos.GET, { headers })).status).toBe(200);
    expect((await call(slos.GET)).status).toBe(401);
    const out = await call(signOut.POST, { headers, method: "POST" });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/^sightline_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    expect(await sql(db().url, `SELECT 1 FROM "Session"`)).toEqual([]);
    expect((await call(slos.GET, { headers })).status).toBe(401);
  });

  it("refuses an expired session, a forged signature and a disabled user", async () => {
    const a = await signedIn();
    await sql(db().url, `UPDATE "Session" SET "expiresAt" = now() - interval '1 second'`);
    expect((await call(slos.GET, { headers: a.headers })).status).toBe(401);

    const b = await signedIn();
    const [id, mac] = b.headers.cookie.split("=")[1].split(".");
    const forged = { cookie: `sightline_session=${id}.${mac.slice(0, -2)}${mac.endsWith("AA") ? "BB" : "AA"}` };
    expect((await call(slos.GET, { headers: forged })).status).toBe(401);
    expect((await call(slos.GET, { headers: { cookie: `sightline_session=${"A".repeat(43)}.${mac}` } })).status).toBe(401);
    expect((await call(slos.GET, { headers: b.headers })).status).toBe(200);

    await sql(db().url, `UPDATE "User" SET disabled = true`);
    expect((await call(slos.GET, { headers: b.headers })).status).toBe(401);
    expect((await call(signIn.POST, { json: { username: "admin", password: ADMIN_PASSWORD } })).status).toBe(401);
  });
});

describe("users admin", () => {
  it("lets an admin create and change users, and refuses an editor", async () => {
    const admin = (await signedIn()).headers;
    const created = await call(users.POST, { headers: admin, json: { username: "eddie", role: "editor", teams: ["payments"], password: "eddie-password-123" } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ username: "eddie", role: "editor", teams: ["payments"], kind: "local", disabled: false });
    expect(JSON.stringify(created.body)).not.toMatch(/scrypt|password/);
    expect((await call(users.POST, { headers: admin, json: { username: "eddie", role: "viewer", password: "another-password-1" } })).status).toBe(409);
    const list = await call(users.GET, { headers: admin });
    expect(list.body.users.map((u: { username: string }) => u.username)).toEqual(["admin", "eddie"]);

    const editor = (await signedIn("eddie", "eddie-password-123")).headers;
    const refused = await call(users.GET, { headers: editor });
    expect(refused.status).toBe(403);
    expect(refused.body.required).toBe("user.manage");
    expect((await call(users.POST, { headers: editor, json: { username: "mallory", role: "admin", password: "mallory-password-1" } })).status).toBe(403);
    expect((await call(oneUser.PATCH, { headers: editor, params: { id: created.body.id }, json: { role: "admin" } })).status).toBe(403);

    // A password reset ends eddie's sessions; the new password works.
    const reset = await call(oneUser.PATCH, { headers: admin, params: { id: created.body.id }, json: { password: "eddie-new-password-1", role: "viewer" } });
    expect(reset.status).toBe(200);
    expect(reset.body.role).toBe("viewer");
    expect((await call(me.GET, { headers: editor })).body.signedIn).toBe(false);
    expect((await call(me.GET, { headers: (await signedIn("eddie", "eddie-new-password-1")).headers })).body.user.role).toBe("viewer");
    // The last enabled admin cannot be demoted or disabled.
    const adminId = list.body.users[0].id;
    const last = await call(oneUser.PATCH, { headers: admin, params: { id: adminId }, json: { disabled: true } });
    expect(last.status).toBe(409);
    expect(last.body.detail).toContain("last enabled admin");
  });
});
