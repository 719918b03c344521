// The route wrapper (lib/server/api.ts) without a database: input parsing, the actor, and the
// mapping of every typed error to problem+json.
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  BackendProblem,
  DuplicateError,
  NotFoundError,
  StateConflictError,
  VersionConflictError,
  created,
  route,
} from "@/lib/server/api";

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const get = (url = "http://t/api/x", headers: Record<string, string> = {}) => new Request(url, { headers });
const post = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://t/api/x", { method: "POST", body, headers });

async function run(handler: ReturnType<typeof route>, req: Request, params?: Record<string, string>) {
  const res = await handler(req, ctx(params));
  return { status: res.status, type: res.headers.get("content-type"), headers: res.headers, body: await res.json() };
}

describe("route()", () => {
  it("hands parsed params, query, body and actor to the handler, and ignores a caller-written x-sightline-actor", async () => {
    const seen = vi.fn();
    const h = route(
      { requires: "public", params: z.object({ id: z.string() }), query: z.object({ n: z.coerce.number() }).strict(), body: z.object({ a: z.number() }).strict() },
      async (input) => {
        seen(input.params, input.query, input.body, input.actor);
        return { ok: true };
      },
    );
    const req = new Request("http://t/api/x?n=3", { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json", "x-sightline-actor": " dana " } });
    const res = await run(h, req, { id: "abc" });
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
    // The suite runs in demo auth (vitest.config.mts): the actor is "demo", whatever the header says.
    expect(seen).toHaveBeenCalledWith({ id: "abc" }, { n: 3 }, { a: 1 }, "demo");
  });

  it("uses 'anonymous' on a public route when nobody is signed in, and passes Responses through (201 + Location)", async () => {
    const h = route({ requires: "public" }, async ({ actor }) => created({ actor }, "/api/x/1"));
    process.env.SIGHTLINE_AUTH = "local"; // no cookie: nobody is signed in (no database needed)
    const res = await run(h, get()).finally(() => (process.env.SIGHTLINE_AUTH = "demo"));
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe("/api/x/1");
    expect(res.body).toEqual({ actor: "anonymous" });
  });

  it("rejects a repeated query parameter instead of picking one", async () => {
    const h = route({ requires: "public", query: z.object({ team: z.string() }).strict() }, async () => ({}));
    const res = await run(h, get("http://t/api/x?team=a&team=b"));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(["team"]);
  });

  it("does not run the handler when input is invalid", async () => {
    const handler = vi.fn(async () => ({}));
    const h = route({ requires: "public", body: z.object({ a: z.number() }).strict() }, handler);
    expect((await run(h, post('{"a":"1"}'))).status).toBe(422);
    expect((await run(h, post("{"))).status).toBe(400);
    expect((await run(h, post('{"a":1}', { "content-type": "text/plain" }))).status).toBe(415);
    expect(handler).not.toHaveBeenCalled();
  });

  it("accepts a body of exactly 64 KiB and refuses one byte more", async () => {
    const h = route({ requires: "public", body: z.object({ s: z.string() }).strict() }, async ({ body }) => ({ n: body.s.length }));
    const wrapper = '{"s":""}'.length;
    expect((await run(h, post(JSON.stringify({ s: "x".repeat(65536 - wrapper) })))).status).toBe(200);
    expect((await run(h, post(JSON.stringify({ s: "x".repeat(65537 - wrapper) })))).status).toBe(413);
  });
});

describe("problem+json mapping", () => {
  const throwing = (err: unknown) => route({ requires: "public" }, async () => {
    throw err;
  });

  it.each([
    [new NotFoundError("SLO", "x"), 404, "urn:sightline:problem:not-found"],
    [new DuplicateError("SLO", "slug", "x"), 409, "urn:sightline:problem:duplicate"],
    [new StateConflictError("archived"), 409, "urn:sightline:problem:conflict"],
    [new BackendProblem("unavailable", "prometheus", "connection refused"), 502, "urn:sightline:problem:backend-unavailable"],
    [new BackendProblem("timeout", "tempo", "no answer in 10 s"), 504, "urn:sightline:problem:backend-timeout"],
    [new BackendProblem("bad_response", "jaeger", "HTTP 500"), 502, "urn:sightline:problem:backend-bad-response"],
    [new BackendProblem("unauthorized", "prometheus", "HTTP 401"), 502, "urn:sightline:problem:backend-unauthorized"],
  ])("%s → %i %s", async (err, status, type) => {
    const res = await run(throwing(err), get());
    expect(res.type).toBe("application/problem+json");
    expect(res.body).toMatchObject({ status, type });
    expect(res.body.errors).toEqual(expect.any(Array));
  });

  it("says which backend failed and why, in words", async () => {
    const res = await run(throwing(new BackendProblem("unavailable", "prometheus", "connection refused")), get());
    expect(res.body.detail).toBe("no data from Prometheus: connection refused");
    expect(res.body.title).toBe("Prometheus is unavailable");
    expect(res.body).toMatchObject({ backend: "prometheus", kind: "unavailable" });
  });

  it("carries the current version in a version conflict", async () => {
    const res = await run(throwing(new VersionConflictError("SLO", 1, 4)), get());
    expect(res.body).toMatchObject({ status: 409, type: "urn:sightline:problem:version-conflict", currentVersion: 4 });
    expect(res.body.errors).toEqual([{ path: "version", message: "stale: current version is 4" }]);
  });

  it("answers 500 without leaking the message or stack of an unexpected error, and logs it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await run(throwing(new Error("password=hunter2 at db.ts:12")), get());
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain("hunter2");
    expect(JSON.stringify(res.body)).not.toContain("db.ts");
    expect(res.body.detail).toContain(res.body.reference);
    expect(log).toHaveBeenCalledOnce();
    expect(String(log.mock.calls[0][0])).toContain(res.body.reference);
    log.mockRestore();
  });
});
