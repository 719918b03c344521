// The demo's Jaeger stand-in: Jaeger's query API over the same live world the Tempo stand-in
// serves. It listens on a port of its own (real Jaeger's query service is on 16686), because both
// APIs answer GET /api/traces/<id> in different shapes:
//   GET /api/traces/<id>   the trace in Jaeger's envelope; unknown → 404 {"data":null,…,"errors":[{code:404,…}]}
//   GET /api/services      the services that write span metrics
// Anything else: 404 "404 page not found" as Jaeger's mux answers.
import type http from "node:http";
import type { LiveWorld } from "@/lib/demo/live";
import { jaegerBadRequestBody, jaegerNotFoundBody, jaegerServicesBody, jaegerTraceBody, parseJaegerTraceId } from "@/lib/demo/jaeger-json";
import type { ResourceInfo } from "@/lib/demo/tempo-json";

const TRACE = /^\/api\/traces\/([^/]*)$/;

export function jaegerRoutes(live: LiveWorld, resource: ResourceInfo, now: () => number) {
  return (req: http.IncomingMessage, send: (status: number, type: string, body: string) => void): void => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "text/plain", "method not allowed\n");
    const json = (status: number, body: unknown) => send(status, "application/json", JSON.stringify(body));
    if (url.pathname === "/api/services") return json(200, jaegerServicesBody(live.bank.keys.map((k) => k.service)));
    const m = TRACE.exec(url.pathname);
    if (!m) return send(404, "text/plain", "404 page not found\n");
    const id = parseJaegerTraceId(decodeURIComponent(m[1]));
    if (!id.ok) return json(400, jaegerBadRequestBody(id.message));
    live.advanceTo(now());
    const trace = live.trace(id.id);
    return trace ? json(200, jaegerTraceBody(trace, resource)) : json(404, jaegerNotFoundBody());
  };
}
