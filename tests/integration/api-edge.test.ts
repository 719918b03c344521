// The API's edge as a client meets it, against `next start` and a real PostgreSQL (issue 15,
// findings 1-4 and 9): text PostgreSQL cannot store, malformed percent-escapes (which Next itself
// answered with a text/plain 500 before any route ran, so only a real server shows them), 405 and
// unknown paths as problem+json, strict numbers and times in query strings, and PostgreSQL
// stopping under the running app. The outage test stops the database: it runs last.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { datasourceInput, rowCounts, sloInput } from "../helpers/catalogue";

let app: AppServer;
let sloId: string;

interface Answer {
  status: number;
  type: string | undefined;
  headers: http.IncomingHttpHeaders;
  // Response bodies are whatever the API sent; the tests assert their shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

/** node:http rather than fetch: the path goes out byte for byte (`%`, `%ff`) and any method works. */
function send(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(app.baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path, headers: body === undefined ? headers : { "content-type": "application/json", ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const type = res.headers["content-type"];
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode!, type, headers: res.headers, body: parsed, text });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function expectProblem(a: Answer, status: number, path?: string) {
  expect(a.type, `${a.status} ${a.text.slice(0, 300)}`).toBe("application/problem+json");
  expect(a.status).toBe(status);
  expect(a.body).toMatchObject({ status, type: expect.stringMatching(/^urn:sightline:problem:/), title: expect.any(String) });
  if (path !== undefined) expect(a.body.errors.map((e: { path: string }) => e.path)).toContain(path);
}

beforeAll(async () => {
  app = await startAppServer();
  const ds = await send("POST", "/api/datasources", JSON.stringify(datasourceInput({ prometheusUrl: "http://127.0.0.1:1" })));
  expect(ds.status).toBe(201);
  const slo = await send("POST", "/api/slos", JSON.stringify(sloInput(ds.body.id)));
  expect(slo.status).toBe(201);
  sloId = slo.body.id;
});

afterAll(async () => {
  await app?.stop();
});

describe("finding 1: text PostgreSQL cannot store is refused, naming the field", () => {
  it.each([
    ["/api/slos?q=%00", "q"],
    ["/api/slos/%00", "id"],
    ["/api/datasources/a%00b", "id"],
    ["/api/discovery/services?datasource=x%00", "datasource"],
    ["/api/slos/checkout-latency/status?at=1%00", "at"],
  ])("GET %s is a 400 naming %s", async (path, field) => {
    expectProblem(await send("GET", path), 400, field);
  });

  it("refuses a NUL or a lone surrogate in a body string with 422 and writes nothing", async () => {
    const before = await rowCounts(app.databaseUrl);
    const nul = await send("POST", "/api/slos", JSON.stringify(sloInput("ds", { slug: "nul", name: "a\u0000b" })));
    expectProblem(nul, 422, "name");
    // JSON.stringify escapes a lone surrogate as \ud800, exactly what a client would send.
    const lone = await send("POST", "/api/slos", JSON.stringify(sloInput("ds", { slug: "lone", name: "x\ud800" })));
    expectProblem(lone, 422, "name");
    const nested = await send("PATCH", `/api/slos/${sloId}`, '{"version":1,"extraMatchers":[{"label":"a","op":"=","value":"\\udc00"}]}');
    expectProblem(nested, 422, "extraMatchers.0.value");
    const ok = await send("GET", `/api/slos/${sloId}`);
    expect(ok.body.version).toBe(1);
    expect(await rowCounts(app.databaseUrl)).toEqual(before);
  });

  it("still accepts real text outside the BMP (a surrogate pair)", async () => {
    const res = await send("PATCH", `/api/slos/${sloId}`, JSON.stringify({ version: 1, description: "fast 🚀" }));
    expect(res.status).toBe(200);
    expect(res.body.description).toBe("fast 🚀");
  });
});

describe("finding 2: malformed percent-escapes in the path", () => {
  it.each(["/api/slos/%ff", "/api/slos/%E0%A4%A", "/api/slos/%ED%A0%80", "/api/slos/%", "/api/%ff/status", "/api/slos/%zz/status"])(
    "GET %s is a 400 problem, not Next's text/plain 500",
    async (path) => {
      expectProblem(await send("GET", path), 400, "path");
    },
  );
});

describe("finding 4: every error under /api is problem+json", () => {
  it("answers a method the route lacks with 405, an Allow header and a problem body", async () => {
    const del = await send("DELETE", `/api/slos/${sloId}`);
    expectProblem(del, 405);
    expect(del.headers.allow).toBe("GET, PATCH, HEAD, OPTIONS");
    const put = await send("PUT", "/api/slos", "{}");
    expectProblem(put, 405);
    expect(put.headers.allow).toBe("GET, POST, HEAD, OPTIONS");
    expect((await send("GET", `/api/slos/${sloId}/archive`)).headers.allow).toBe("POST, OPTIONS");
  });

  it("answers a method outside HTTP's usual seven with a 501 problem, not Next's text/plain 500", async () => {
    // TRACE is not here: Next 16 answers it with a text/plain 500 before proxy.ts can run.
    for (const method of ["PROPFIND", "PURGE", "M-SEARCH"]) expectProblem(await send(method, `/api/slos/${sloId}`), 501);
  });

  it("answers OPTIONS with the methods the route really serves", async () => {
    const res = await send("OPTIONS", `/api/slos/${sloId}/status`);
    expect(res.status).toBe(204);
    expect(res.headers.allow).toBe("GET, HEAD, OPTIONS");
  });

  it.each([
    ["GET", "/api/nope"],
    ["GET", "/api/slos/x/y/z"],
    ["POST", "/api/slos/x/nothing"],
    ["GET", "/api"],
  ])("%s %s is a JSON 404", async (method, path) => {
    expectProblem(await send(method, path), 404);
  });
});

describe("finding 9: numbers and times in query strings are read strictly", () => {
  it.each([
    ["at="],
    ["at=0x10"],
    ["at=1e9"],
    ["at=%201767225600"],
    ["at=Infinity"],
    ["at=2026-02-30T00:00:00Z"],
    ["at=1767225600&at=1767225601"],
    ["burnDownStep=0x100"],
    ["burnDownStep=3600.5"],
  ])("status?%s is a 400 naming the parameter", async (qs) => {
    const name = qs.split("=")[0];
    expectProblem(await send("GET", `/api/slos/${sloId}/status?${qs}`), 400, name);
  });

  it.each(["limit=", "limit=0x10", "offset=-1", "offset=1.5", "limit=%2010"])("list ?%s is a 400", async (qs) => {
    expectProblem(await send("GET", `/api/slos?${qs}`), 400, qs.split("=")[0]);
  });

  it("accepts unix seconds and RFC 3339 for the same moment (the backend is absent: 502 either way)", async () => {
    for (const at of ["1767225600", "1767225600.25", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00%2B01:00"]) {
      const res = await send("GET", `/api/slos/${sloId}/status?at=${at}`);
      expectProblem(res, 502);
    }
    const list = await send("GET", "/api/slos?limit=10&offset=0");
    expect(list.status).toBe(200);
    expect(list.body.limit).toBe(10);
  });

  it("reads from/to as times on the timeseries route", async () => {
    expectProblem(await send("GET", `/api/slos/${sloId}/timeseries?from=&to=1767225600`), 400, "from");
    expectProblem(await send("GET", `/api/slos/${sloId}/timeseries?from=2026-01-01T00:00:00Z&to=2026-01-01T06:00:00Z`), 502);
  });
});

describe("finding 3: PostgreSQL down (runs last: it stops the database)", () => {
  it("answers 503 with Retry-After for reads and writes instead of a 500", async () => {
    await app.stopDatabase();
    for (const [method, path, body] of [
      ["GET", "/api/slos"],
      ["GET", `/api/slos/${sloId}`],
      ["GET", "/api/datasources"],
      ["POST", "/api/slos", JSON.stringify(sloInput("x", { slug: "while-down" }))],
      ["PATCH", `/api/slos/${sloId}`, JSON.stringify({ version: 2, name: "renamed while down" })],
      ["GET", `/api/slos/${sloId}/status`],
    ] as const) {
      const res = await send(method, path, body);
      expectProblem(res, 503);
      expect(res.body).toMatchObject({ type: "urn:sightline:problem:database-unavailable", title: "The catalogue database is unavailable" });
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    }
  });
});
