// Small local HTTP servers standing in for a misbehaving metrics backend (slow, lying, huge,
// redirecting). Each records what it was asked; closeStubs() in afterEach/afterAll stops them all.
//
//   const { url, seen } = await serveStub((req, n, res) => res.writeHead(503).end());
//   const proxy = await slowProxy(prom.url, 800);   // every answer of a real Prometheus 800 ms late
import http from "node:http";
import type net from "node:net";

export interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
export type StubHandler = (req: Seen, n: number, res: http.ServerResponse) => void;

const servers: http.Server[] = [];

export async function closeStubs(): Promise<void> {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r())))));
}

export async function serveStub(handler: StubHandler): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = http.createServer(async (req, res) => {
    let body = "";
    for await (const c of req) body += c;
    const s = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
    seen.push(s);
    handler(s, seen.length, res);
  });
  // A client that gives up mid-answer resets the socket; that is expected here, not a test failure.
  server.on("clientError", (_e, socket) => socket.destroy());
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, seen };
}

export const sendJson = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(body));

/** Forwards every request to `upstream` and answers `delayMs` later (a backend taking its time on each call). */
export async function slowProxy(upstream: string, delayMs: number): Promise<{ url: string; seen: Seen[] }> {
  return serveStub((req, _n, res) => {
    setTimeout(async () => {
      try {
        const r = await fetch(upstream + req.url, {
          method: req.method,
          headers: { "content-type": String(req.headers["content-type"] ?? "application/x-www-form-urlencoded") },
          body: req.method === "GET" ? undefined : req.body,
        });
        res.writeHead(r.status, { "Content-Type": r.headers.get("content-type") ?? "application/json" }).end(Buffer.from(await r.arrayBuffer()));
      } catch {
        if (!res.headersSent) res.writeHead(502).end();
      }
    }, delayMs);
  });
}
