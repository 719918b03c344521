// A stand-in for Mimir's query frontend: serves `/prometheus/api/v1/*` from a Prometheus's
// `/api/v1/*` and answers 401 without `X-Scope-OrgID`, as a multi-tenant Mimir does.
//
//   const mimir = await startMimirProxy(prom.url);
//   createMetricsSource({ baseUrl: mimir.url, pathPrefix: "/prometheus", tenant: "team-a" });
import http from "node:http";
import type net from "node:net";

export interface MimirProxy {
  url: string;
  /** Tenants of the requests forwarded so far, in order. */
  tenants: string[];
  stop(): Promise<void>;
}

export async function startMimirProxy(upstream: string): Promise<MimirProxy> {
  const tenants: string[] = [];
  const server = http.createServer(async (req, res) => {
    const tenant = req.headers["x-scope-orgid"];
    if (typeof tenant !== "string" || tenant === "") {
      res.writeHead(401, { "Content-Type": "text/plain" }).end("no org id\n");
      return;
    }
    const url = req.url ?? "";
    if (!url.startsWith("/prometheus/api/v1/")) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("404 page not found\n");
      return;
    }
    tenants.push(tenant);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    try {
      const headers: Record<string, string> = {};
      for (const h of ["content-type", "accept"]) if (typeof req.headers[h] === "string") headers[h] = req.headers[h] as string;
      const r = await fetch(upstream + url.slice("/prometheus".length), {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
      });
      const body = Buffer.from(await r.arrayBuffer());
      res.writeHead(r.status, { "Content-Type": r.headers.get("content-type") ?? "application/json" }).end(body);
    } catch (e) {
      res.writeHead(502, { "Content-Type": "text/plain" }).end(`upstream error: ${String(e)}\n`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  let stopped: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    tenants,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })),
  };
}
