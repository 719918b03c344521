// The demo's Jaeger rendering (lib/demo/jaeger-json.ts): the same LiveTrace as Tempo's JSON, in
// Jaeger's query-service shape (envelope, µs times, processes, CHILD_OF references, typed tags).
import { describe, expect, it } from "vitest";
import { jaegerNotFoundBody, jaegerServicesBody, jaegerTraceBody, jaegerTraceId, parseJaegerTraceId } from "@/lib/demo/jaeger-json";
import type { LiveTrace } from "@/lib/demo/tempo-json";

const info = { serviceVersions: { checkout: "2.4.0" }, scope: { name: "demo", version: "1" } };
const ROOT = "00f067aa0ba902b7";
const trace: LiveTrace = {
  traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
  spans: [
    // Listed child first: the rendering sorts by start.
    { spanId: "b7ad6b7169203331", parentSpanId: ROOT, service: "payments", name: "Charge", kind: "SPAN_KIND_SERVER", startNs: 1_795_552_938_100_000_999n, endNs: 1_795_552_938_350_000_000n, attributes: { "rpc.system": "grpc", retries: 2, ratio: 0.5, cached: false }, error: true, errorMessage: "card declined" },
    { spanId: ROOT, service: "checkout", name: "POST /checkout", kind: "SPAN_KIND_SERVER", startNs: 1_795_552_938_000_000_000n, endNs: 1_795_552_938_400_123_456n, attributes: { "http.route": "/checkout" }, error: false },
    { spanId: "c1c2c3c4c5c6c7c8", parentSpanId: ROOT, service: "checkout", name: "Charge", kind: "SPAN_KIND_CLIENT", startNs: 1_795_552_938_050_000_000n, endNs: 1_795_552_938_360_000_000n, attributes: {}, error: false },
  ],
};

describe("jaegerTraceBody", () => {
  const body = jaegerTraceBody(trace, info);
  const t = body.data[0];

  it("is Jaeger's envelope around one trace", () => {
    expect(body).toMatchObject({ total: 0, limit: 0, offset: 0, errors: null });
    expect(body.data).toHaveLength(1);
    expect(t.traceID).toBe(trace.traceId);
    expect(t.spans.map((s) => s.spanID)).toEqual([ROOT, "c1c2c3c4c5c6c7c8", "b7ad6b7169203331"]);
  });

  it("writes integer microseconds, truncating nanoseconds", () => {
    const root = t.spans[0];
    expect(root.startTime).toBe(1_795_552_938_000_000);
    expect(root.duration).toBe(400_123);
    const charge = t.spans[2];
    expect(charge.startTime).toBe(1_795_552_938_100_000);
    expect(charge.duration).toBe(250_000);
    for (const s of t.spans) expect(Number.isSafeInteger(s.startTime) && Number.isSafeInteger(s.duration)).toBe(true);
  });

  it("names one process per service, in first-seen order, with resource tags but not service.name", () => {
    expect(t.processes).toEqual({
      p1: { serviceName: "payments", tags: [{ key: "service.namespace", type: "string", value: "handy-site-corp" }, { key: "deployment.environment.name", type: "string", value: "production" }] },
      p2: {
        serviceName: "checkout",
        tags: [
          { key: "service.namespace", type: "string", value: "handy-site-corp" },
          { key: "service.version", type: "string", value: "2.4.0" },
          { key: "deployment.environment.name", type: "string", value: "production" },
        ],
      },
    });
    expect(t.spans.map((s) => t.processes[s.processID].serviceName)).toEqual(["checkout", "checkout", "payments"]);
  });

  it("links parents with CHILD_OF references and leaves the root without one", () => {
    expect(t.spans[0].references).toEqual([]);
    expect(t.spans[2].references).toEqual([{ refType: "CHILD_OF", traceID: trace.traceId, spanID: ROOT }]);
  });

  it("types tags and marks errors as the OTLP translator does", () => {
    const tags = Object.fromEntries(t.spans[2].tags.map((g) => [g.key, g]));
    expect(tags["span.kind"]).toEqual({ key: "span.kind", type: "string", value: "server" });
    expect(tags.retries).toEqual({ key: "retries", type: "int64", value: 2 });
    expect(tags.ratio).toEqual({ key: "ratio", type: "float64", value: 0.5 });
    expect(tags.cached).toEqual({ key: "cached", type: "bool", value: false });
    expect(tags.error).toEqual({ key: "error", type: "bool", value: true });
    expect(tags["otel.status_code"].value).toBe("ERROR");
    expect(tags["otel.status_description"].value).toBe("card declined");
    const client = Object.fromEntries(t.spans[1].tags.map((g) => [g.key, g.value]));
    expect(client["span.kind"]).toBe("client");
    expect(client).not.toHaveProperty("error");
    expect(client).not.toHaveProperty("otel.status_code");
  });

  it("survives JSON (what the stand-in sends): no bigint left", () => {
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });
});

describe("IDs", () => {
  it("writes a trace ID with a zero high half as 16 digits, like model.TraceID.String()", () => {
    expect(jaegerTraceId("0000000000000000a3ce929d0e0e4736")).toBe("a3ce929d0e0e4736");
    expect(jaegerTraceId("00000000000000010000000000000002")).toBe("00000000000000010000000000000002");
    const short = jaegerTraceBody({ ...trace, traceId: "0000000000000000a3ce929d0e0e4736" }, info).data[0];
    expect(short.traceID).toBe("a3ce929d0e0e4736");
    expect(short.spans[2].references[0].traceID).toBe("a3ce929d0e0e4736");
  });

  it("parses 1 to 32 hex digits into the padded form, refusing the rest", () => {
    expect(parseJaegerTraceId("A3CE929D0E0E4736")).toEqual({ ok: true, id: "0000000000000000a3ce929d0e0e4736" });
    expect(parseJaegerTraceId("f")).toEqual({ ok: true, id: "0".repeat(31) + "f" });
    expect(parseJaegerTraceId("x".repeat(33))).toMatchObject({ ok: false, message: expect.stringMatching(/longer than 32 hex/) });
    expect(parseJaegerTraceId("zz")).toMatchObject({ ok: false });
    expect(parseJaegerTraceId("")).toMatchObject({ ok: false });
  });
});

describe("other answers", () => {
  it("404 is Jaeger's exact envelope", () => {
    expect(jaegerNotFoundBody()).toEqual({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 404, msg: "trace not found" }] });
  });

  it("services are unique and sorted, counted in total", () => {
    expect(jaegerServicesBody(["web", "checkout", "web"])).toEqual({ data: ["checkout", "web"], total: 2, limit: 0, offset: 0, errors: null });
  });
});
