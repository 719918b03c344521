// The route wrapper's edge checks without a server (issue 15): text no route may take, strict
// query decoding, deep JSON, database outages mapped to 503, and the 405/404 helpers.
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { route } from "@/lib/server/api";
import { noRoute, otherMethods } from "@/lib/server/api-methods";
import { jsonTextIssues, parseQuery, textProblem } from "@/lib/server/api-text";
import { isDatabaseUnavailable } from "@/lib/server/database-errors";

const ctx = (params: Record<string, unknown> = {}) => ({ params: Promise.resolve(params) });
const json = (body: string) => new Request("http://t/api/x", { method: "POST", body, headers: { "content-type": "application/json" } });

async function run(res: Promise<Response>) {
  const r = await res;
  const text = await r.text();
  return { status: r.status, type: r.headers.get("content-type"), headers: r.headers, body: text ? JSON.parse(text) : undefined };
}
const pathsOf = (body: { errors: { path: string }[] }) => body.errors.map((e) => e.path);

describe("text checks", () => {
  it.each([
    ["a\u0000b", /NUL/],
    ["\ud800", /surrogate/],
    ["x\udc00y", /surrogate/],
    ["\udc00\ud800", /surrogate/], // a pair in the wrong order is two lone halves
  ])("%j is refused", (s, why) => {
    expect(textProblem(s)).toMatch(why);
  });

  it.each(["", "plain", "🚀", "\u00e9\u4e2d", "\t\n"])("%j is fine", (s) => {
    expect(textProblem(s)).toBeNull();
  });

  it("walks every string and key of a JSON body with its path", () => {
    const v = JSON.parse('{"a":"ok","b":[{"c":"\\u0000"}],"\\ud800":1,"d":{"e":["x","\\udfff"]}}');
    expect(jsonTextIssues(v).map((i) => i.path).sort()).toEqual(["", "b.0.c", "d.e.1"]);
  });

  it("refuses JSON nested deeper than 32 levels without overflowing the stack", () => {
    const deep = JSON.parse("[".repeat(30_000) + "]".repeat(30_000));
    expect(() => jsonTextIssues({ a: deep })).toThrow(/deeper than 32/);
    expect(() => jsonTextIssues(JSON.parse("[".repeat(32) + "]".repeat(32)))).not.toThrow();
  });

  it("decodes query strings strictly, like URLSearchParams otherwise", () => {
    expect(parseQuery("?a=1&b=x+y&a=2&c&d=%C3%A9")).toEqual({ query: { a: ["1", "2"], b: "x y", c: "", d: "é" }, issues: [] });
    expect(parseQuery("?q=%ff&t=%E0%A4%A&n=a%00&ok=1").issues.map((i) => i.path)).toEqual(["q", "t", "n"]);
    expect(parseQuery("?%ff=1").issues).toEqual([{ path: "query", message: expect.stringMatching(/parameter name/) }]);
  });
});

describe("route() applies them before any schema or handler", () => {
  const handler = vi.fn(async () => ({ ok: true }));
  const h = route({ requires: "public", params: z.object({ id: z.string() }), query: z.object({ q: z.string().optional() }).strict(), body: z.object({ name: z.string() }).strict() }, handler);

  it("400 for a NUL in a path param or query value, 422 for one in the body, naming the field", async () => {
    const r1 = await run(h(new Request("http://t/api/x", { method: "POST" }), ctx({ id: "a\u0000" })));
    expect([r1.status, pathsOf(r1.body)]).toEqual([400, ["id"]]);
    const r2 = await run(h(new Request("http://t/api/x?q=%00", { method: "POST" }), ctx({ id: "a" })));
    expect([r2.status, pathsOf(r2.body)]).toEqual([400, ["q"]]);
    const r3 = await run(h(json('{"name":"\\ud800"}'), ctx({ id: "a" })));
    expect([r3.status, r3.type, pathsOf(r3.body)]).toEqual([422, "application/problem+json", ["name"]]);
    expect(handler).not.toHaveBeenCalled();
  });

  it("checks routes without a query schema too (a param of a catch-all is an array)", async () => {
    const bare = route({ requires: "public" }, async () => ({}));
    expect((await run(bare(new Request("http://t/api/x?x=%00"), ctx()))).status).toBe(400);
    expect((await run(bare(new Request("http://t/api/x"), ctx({ rest: ["ok", "b\u0000"] })))).status).toBe(400);
  });
});

describe("database outages", () => {
  // The shapes seen from Prisma 7 + @prisma/adapter-pg with PostgreSQL stopped or refusing.
  const prismaUnreachable = Object.assign(new Error("Can't reach database server"), {
    code: "P1001",
    meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 1 } } },
  });
  const adapterShutdown = { name: "DriverAdapterError", cause: { kind: "postgres", originalCode: "57P01", code: "57P01", message: "terminating connection due to administrator command" } };

  it.each([
    ["P1001 not reachable", prismaUnreachable],
    ["P1017 connection closed", Object.assign(new Error("Server has closed the connection."), { code: "P1017" })],
    ["P2024 pool timeout", Object.assign(new Error("Timed out fetching a new connection"), { code: "P2024" })],
    ["57P01 admin shutdown, wrapped", Object.assign(new Error("db error"), { code: "P2010", meta: { driverAdapterError: adapterShutdown } })],
    ["57P03 starting up", Object.assign(new Error("the database system is starting up"), { code: "57P03" })],
    ["pg's Connection terminated", new Error("Connection terminated unexpectedly")],
    ["in a cause chain", new Error("outer", { cause: new Error("Connection terminated due to connection timeout") })],
  ])("%s is a 503 with Retry-After", async (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
    const errorLog = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await run(route({ requires: "public" }, async () => { throw err; })(new Request("http://t/api/x"), ctx()));
    errorLog.mockRestore();
    expect(res).toMatchObject({ status: 503, type: "application/problem+json", body: { type: "urn:sightline:problem:database-unavailable", title: "The catalogue database is unavailable" } });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it.each([
    ["a unique violation", Object.assign(new Error("Unique constraint failed"), { code: "P2002" })],
    ["a metrics fetch refused", new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) })],
    ["a plain bug", new Error("undefined is not a function")],
  ])("%s is not", (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});

describe("405 and 404 helpers", () => {
  it("answers the missing methods with 405 problem+json and the real Allow list", async () => {
    const { PUT, DELETE, POST, OPTIONS } = otherMethods("GET", "PATCH");
    for (const h of [PUT, DELETE, POST]) {
      const res = await run(h(new Request("http://t/api/x")));
      expect(res).toMatchObject({ status: 405, type: "application/problem+json", body: { type: "urn:sightline:problem:method-not-allowed" } });
      expect(res.headers.get("allow")).toBe("GET, PATCH, HEAD, OPTIONS");
    }
    const opt = await OPTIONS(new Request("http://t/api/x", { method: "OPTIONS" }));
    expect([opt.status, opt.headers.get("allow")]).toEqual([204, "GET, PATCH, HEAD, OPTIONS"]);
  });

  it("answers every method on an unknown path with a 404 problem", async () => {
    for (const h of Object.values(noRoute())) {
      const res = await run(h(new Request("http://t/api/nope")));
      expect(res).toMatchObject({ status: 404, type: "application/problem+json", body: { detail: "no API route at /api/nope" } });
    }
  });
});
