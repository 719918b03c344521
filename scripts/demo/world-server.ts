// The demo world's live endpoint, one small HTTP server standing in for a span-metrics producer
// and for Tempo:
//   GET /metrics                OpenMetrics scrape with trace exemplars (Prometheus, every 15 s)
//   GET /api/traces/<id>        Tempo v1 trace by ID ({"batches":[…]})
//   GET /api/v2/traces/<id>     Tempo v2 trace by ID ({"trace":{"resourceSpans":[…]}})
//   GET /ready, /api/echo, /api/status/buildinfo   as Tempo answers them (health checks)
// Unknown or expired trace IDs get Tempo's answer: 404 with an empty body; malformed IDs a 400.
// With `jaegerPort`, a second listener answers Jaeger's query API over the same traces
// (jaeger-routes.ts): Tempo and Jaeger both use /api/traces/<id>, so each gets its own port.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { LiveWorld } from "@/lib/demo/live";
import { parseTraceId, tempoV1Body, tempoV2Body, type ResourceInfo } from "@/lib/demo/tempo-json";
import { OPENMETRICS_CONTENT_TYPE, renderOpenMetricsScrape } from "@/lib/spanmetrics/render";
import { jaegerRoutes } from "./jaeger-routes";
import { writeBankSync } from "./state";

export interface WorldServerOptions {
  live: LiveWorld;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** When set, Jaeger's query API is served on this port too (0 picks a free one); Tempo's stays on `port`. */
  jaegerPort?: number;
  /** When set, trace lookups need `X-Scope-OrgID: <tenant>` like a multi-tenant Tempo. */
  tenant?: string;
  /**
   * Counters are saved here before every scrape is answered and on close, so a restart continues
   * from at least what Prometheus last saw (a lower value would read as a reset and a huge increase).
   */
  stateFile?: string;
  resource: ResourceInfo;
  now?: () => number;
  log?: (msg: string) => void;
}

export interface WorldServer {
  url: string;
  port: number;
  /** The Jaeger listener's base URL, when `jaegerPort` was given. */
  jaegerUrl?: string;
  close(): Promise<void>;
}

const TRACE_V1 = /^\/api\/traces\/([^/]*)$/;
const TRACE_V2 = /^\/api\/v2\/traces\/([^/]*)$/;

export async function startWorldServer(opts: WorldServerOptions): Promise<WorldServer> {
  const now = opts.now ?? Date.now;
  const { live } = opts;

  const server = http.createServer((req, res) => {
    try {
      route(req, res);
    } catch (err) {
      opts.log?.(`world server: ${(err as Error).stack ?? err}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error\n");
    }
  });

  function route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain", "method not allowed\n");
    if (url.pathname === "/metrics") {
      live.advanceTo(now());
      const body = renderOpenMetricsScrape(live.families(), { exemplarTraceLabel: live.profile.exemplarTraceLabel });
      save();
      return send(res, 200, OPENMETRICS_CONTENT_TYPE, body);
    }
    if (url.pathname === "/ready") return send(res, 200, "text/plain", "ready");
    if (url.pathname === "/api/echo") return send(res, 200, "text/plain", "echo");
    if (url.pathname === "/api/status/buildinfo")
      return send(res, 200, "application/json", JSON.stringify({ version: "sightline-demo", revision: "", branch: "", goVersion: "" }));
    const m = TRACE_V1.exec(url.pathname) ?? TRACE_V2.exec(url.pathname);
    if (m) return traceById(req, res, decodeURIComponent(m[1]), url.pathname.startsWith("/api/v2/"));
    send(res, 404, "text/plain", "404 page not found\n");
  }

  function traceById(req: http.IncomingMessage, res: http.ServerResponse, raw: string, v2: boolean): void {
    if (opts.tenant) {
      const org = req.headers["x-scope-orgid"];
      if (!org) return send(res, 401, "text/plain", "no org id\n");
      // Another tenant's trace does not exist for this caller.
      if (org !== opts.tenant) return send(res, 404, "text/plain", "");
    }
    const id = parseTraceId(raw);
    if (!id.ok) return send(res, 400, "text/plain", `${id.message}\n`);
    live.advanceTo(now());
    const trace = live.trace(id.id);
    if (!trace) return send(res, 404, "text/plain", "");
    send(res, 200, "application/json", JSON.stringify(v2 ? tempoV2Body(trace, opts.resource) : tempoV1Body(trace, opts.resource)));
  }

  const jaeger = jaegerRoutes(live, opts.resource, now);
  const jaegerServer =
    opts.jaegerPort === undefined
      ? null
      : http.createServer((req, res) => {
          try {
            jaeger(req, (status, type, body) => send(res, status, type, body));
          } catch (err) {
            opts.log?.(`world server (Jaeger): ${(err as Error).stack ?? err}`);
            if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
            res.end("internal error\n");
          }
        });

  function send(res: http.ServerResponse, status: number, type: string, body: string): void {
    res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
    res.end(res.req.method === "HEAD" ? undefined : body);
  }

  // Traces keep coming between scrapes, so exemplars always point at recent, complete traces.
  const ticker = setInterval(() => live.advanceTo(now()), 1000);
  // Synchronous on purpose: a value is on disk before Prometheus can see it (10 kB every 15 s).
  const save = () => {
    if (!opts.stateFile) return;
    try {
      writeBankSync(opts.stateFile, live.bank);
    } catch (e) {
      opts.log?.(`saving counters failed: ${e}`);
    }
  };

  const host = opts.host ?? "127.0.0.1";
  const listen = (srv: http.Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      srv.once("error", reject);
      srv.listen(port, host, () => resolve((srv.address() as AddressInfo).port));
    });
  const closeServer = (srv: http.Server) => {
    const closed = new Promise<void>((resolve) => srv.close(() => resolve()));
    // Prometheus keeps its scrape connection alive; without this close() would wait for it.
    srv.closeAllConnections();
    return closed;
  };
  const port = await listen(server, opts.port ?? 0);
  let jaegerPort: number | undefined;
  try {
    if (jaegerServer) jaegerPort = await listen(jaegerServer, opts.jaegerPort!);
  } catch (err) {
    clearInterval(ticker);
    await closeServer(server);
    throw err;
  }
  return {
    port,
    url: `http://${host}:${port}`,
    ...(jaegerPort !== undefined ? { jaegerUrl: `http://${host}:${jaegerPort}` } : {}),
    async close() {
      clearInterval(ticker);
      await Promise.all([closeServer(server), ...(jaegerServer?.listening ? [closeServer(jaegerServer)] : [])]);
      live.advanceTo(now());
      save();
    },
  };
}
