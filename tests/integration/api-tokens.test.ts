// API tokens end to end through the route handlers on a real PostgreSQL (issue 20 item 3), in
// trusted-proxy mode: created for one's own rights or fewer (never more, not even by a token),
// shown once, stored hashed, listed without secrets, usable as Bearer, refused once revoked or
// expired, revocable by the owner or an admin, rate limited.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as tokens from "@/app/api/tokens/route";
import * as oneToken from "@/app/api/tokens/[id]/route";
import * as slos from "@/app/api/slos/route";
import * as datasources from "@/app/api/datasources/route";
// Aliased: the helper is not a React hook, whatever its name says to the hooks lint rule.
import { as, useProxyAuth as proxyModeForThisFile } from "../helpers/auth";
import { call, setupCatalogueDatabase, sql } from "../helpers/catalogue";

const db = setupCatalogueDatabase();
proxyModeForThisFile();
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

async function mint(headers: Record<string, string>, json: Record<string, unknown> = {}) {
  return call(tokens.POST, { headers, json: { name: "ci", ...json } });
}

describe("API tokens", () => {
  it("is shown once, stored as a SHA-256 only, and works as Bearer with the owner's rights", async () => {
    const res = await mint(as("ed", "editor"), { name: "ci-apply" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const t = res.body;
    expect(t.secret).toMatch(/^slt_[a-f0-9]{24}_[A-Za-z0-9_-]{43}$/);
    expect(res.headers.get("location")).toBe(`/api/tokens/${t.id}`);
    expect(t.scopes).toEqual(["rules.read", "rules.write", "slo.read", "slo.write", "token.own", "datasource.read"].sort());
    expect(t.owner).toBe("ed");
    // Default lifetime 90 days.
    expect(Math.round((Date.parse(t.expiresAt) - Date.parse(t.createdAt)) / 86_400_000)).toBe(90);
    expect(t.prefix).toBe(t.secret.slice(0, t.prefix.length));

    const [row] = await sql(db().url, `SELECT "secretHash", prefix FROM "ApiToken" WHERE id = $1`, [t.id]);
    // base64url may contain "_": the secret is everything after "slt_<id>_".
    const secretPart = t.secret.slice(`slt_${t.id}_`.length);
    expect(row.secretHash).toBe(createHash("sha256").update(secretPart).digest("hex"));
    const [user] = await sql(db().url, `SELECT subject, role FROM "User"`);
    expect(user).toEqual({ subject: "proxy:ed", role: "editor" });

    const list = await call(tokens.GET, { headers: as("ed", "editor") });
    expect(list.status).toBe(200);
    expect(list.body.unavailable).toBeNull();
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(secretPart);
    expect(JSON.stringify(list.body)).not.toContain(row.secretHash);
    expect(list.body.items[0]).toMatchObject({ id: t.id, name: "ci-apply", lastUsedAt: null, revokedAt: null });

    // As Bearer, in proxy mode, with no proxy headers: the token alone decides.
    expect((await call(slos.GET, { headers: bearer(t.secret) })).status).toBe(200);
    const ds = await call(datasources.POST, { headers: bearer(t.secret), json: { slug: "x", name: "x", prometheusUrl: "http://prom.example:9090" } });
    expect(ds.status).toBe(403);
    expect(ds.body.required).toBe("datasource.write");
    const after = await call(tokens.GET, { headers: as("ed", "editor") });
    expect(after.body.items[0].lastUsedAt).not.toBeNull();
  });

  it("never gives more than the creator has: a viewer asking for slo.write, a token asking beyond its scopes", async () => {
    const viewer = await mint(as("vi", "viewer"), { scopes: ["slo.read", "slo.write"] });
    expect(viewer.status).toBe(403);
    expect(viewer.body.detail).toBe('a token can have only rights you have: your role (viewer) does not give "slo.write"');
    expect(viewer.body.required).toBe("slo.write");

    const narrow = await mint(as("ad", "admin"), { scopes: ["slo.read", "token.own"] });
    expect(narrow.status).toBe(201);
    const escalate = await mint(bearer(narrow.body.secret), { scopes: ["slo.read", "datasource.write"] });
    expect(escalate.status).toBe(403);
    expect(escalate.body.detail).toContain("the API token this request uses does not give \"datasource.write\"");
    // Without scopes a token-made token gets the making token's rights, not the owner's.
    const child = await mint(bearer(narrow.body.secret), { name: "child" });
    expect(child.status).toBe(201);
    expect(child.body.scopes).toEqual(["slo.read", "token.own"]);
  });

  it("validates its input in words", async () => {
    const bad = await mint(as("ad"), { name: "", scopes: ["slo.read", "root"], expiresInDays: 400, extra: 1 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["expiresInDays", "extra", "name", "scopes.1"]);
    const never = await mint(as("ad"), { expiresInDays: null });
    expect(never.status).toBe(201);
    expect(never.body.expiresAt).toBeNull();
  });

  it("stops working when revoked or expired, and stays listed as revoked", async () => {
    const t = (await mint(as("ed", "editor"))).body;
    const del = await call(oneToken.DELETE, { method: "DELETE", params: { id: t.id }, headers: as("ed", "editor") });
    expect(del.status).toBe(200);
    expect(del.body.revokedAt).not.toBeNull();
    const again = await call(oneToken.DELETE, { method: "DELETE", params: { id: t.id }, headers: as("ed", "editor") });
    expect(again.body.revokedAt).toBe(del.body.revokedAt);
    const refused = await call(slos.GET, { headers: bearer(t.secret) });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="sightline"');
    expect(refused.body.detail).toContain("was revoked");
    expect((await call(tokens.GET, { headers: as("ed", "editor") })).body.items[0].revokedAt).toBe(del.body.revokedAt);

    const e = (await mint(as("ed", "editor"), { name: "short" })).body;
    await sql(db().url, `UPDATE "ApiToken" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [e.id]);
    const expired = await call(slos.GET, { headers: bearer(e.secret) });
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toContain("expired on");

    // A wrong secret for a real id is the same 401 as an unknown token.
    const wrong = await call(slos.GET, { headers: bearer(`slt_${e.id}_${"A".repeat(43)}`) });
    expect(wrong.status).toBe(401);
    expect(wrong.body.detail).toBe("the API token is not valid (unknown, mistyped or deleted)");
  });

  it("lets only the owner or an admin revoke; an unknown id is a 404", async () => {
    const t = (await mint(as("ed", "editor"))).body;
    const other = await call(oneToken.DELETE, { method: "DELETE", params: { id: t.id }, headers: as("eve", "editor") });
    expect(other.status).toBe(403);
    expect(other.body.required).toBe("user.manage");
    expect((await call(oneToken.DELETE, { method: "DELETE", params: { id: t.id }, headers: as("root", "admin") })).status).toBe(200);
    expect((await call(oneToken.DELETE, { method: "DELETE", params: { id: "nope" }, headers: as("root", "admin") })).status).toBe(404);
    // Others' tokens are not in one's list.
    expect((await call(tokens.GET, { headers: as("eve", "editor") })).body.items).toEqual([]);
  });

  it("rate-limits creation per user with a Retry-After", async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 11; i++) statuses.push((last = await mint(as("busy", "viewer"))).status);
    expect(statuses).toEqual([...Array(10).fill(201), 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last!.body.type).toBe("urn:sightline:problem:rate-limited");
  });
});

describe("API tokens in demo mode", () => {
  it("refuses creation in words (nobody to own it) and lists none", async () => {
    const saved = process.env.SIGHTLINE_AUTH;
    process.env.SIGHTLINE_AUTH = "demo";
    try {
      const res = await call(tokens.POST, { json: { name: "ci" } });
      expect(res.status).toBe(409);
      expect(res.body.detail).toContain("demo mode has no users");
      const list = await call(tokens.GET);
      expect(list.body).toEqual({ items: [], unavailable: expect.stringContaining("demo mode") });
    } finally {
      process.env.SIGHTLINE_AUTH = saved;
    }
  });
});
