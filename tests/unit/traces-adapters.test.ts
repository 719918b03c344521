// Contract tests: real-format Tempo (v1, v2, Tempo 1.x, partial) and Jaeger answers, written from
// their source trees (tests/fixtures/traces/README.md), read by the adapters' answer readers into
// the Trace model: span counts, roots, orphans, durations, depth, error spans, warnings.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Trace } from "@/lib/schemas/trace";
import { readJaegerAnswer } from "@/lib/server/traces/jaeger";
import { readTempoAnswer } from "@/lib/server/traces/tempo";
import type { TraceAnswer } from "@/lib/server/traces/http";
import { generateTrace, jaegerBody, tempoV1Body, tempoV2Body } from "../fixtures/traces/generate";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../fixtures/traces", name), "utf8");
const json = (status: number, text: string): TraceAnswer => ({ status, text, contentType: "application/json" });
const text = (status: number, body: string, contentType = "text/plain"): TraceAnswer => ({ status, text: body, contentType });
const tempo = { baseUrl: "http://tempo:3200/", displayName: "Tempo", auth: { kind: "bearer" as const, token: "s3cret-token" } };
const jaeger = { baseUrl: "http://jaeger:16686", displayName: "Jaeger" };

function traceOf(r: ReturnType<typeof readTempoAnswer>): Trace {
  if (!r.ok) throw new Error(`expected a trace, got ${JSON.stringify(r)}`);
  return Trace.parse(r.value);
}
const codes = (t: Trace) => t.warnings.map((w) => `${w.code}${w.spanId ? `:${w.spanId}` : ""}`);
const span = (t: Trace, id: string) => t.spans.find((s) => s.spanId === id)!;

describe("Tempo v2 (tempo-v2.json)", () => {
  const t = traceOf(readTempoAnswer(tempo, "tempo-v2", "4bf92f3577b34da6a3ce929d0e0e4736", json(200, fixture("tempo-v2.json"))));

  it("reads the tree, the summary and the warnings", () => {
    expect(t.source).toEqual({ api: "tempo-v2", endpoint: "http://tempo:3200" });
    expect(t.summary).toEqual({
      spanCount: 6,
      services: ["checkout", "frontend", "payment"],
      startUnixNano: "1764633600000000000",
      durationNs: 120_000_000,
      depth: 5,
      errorSpanIds: ["5555555555555555"],
    });
    expect(t.rootSpanIds).toEqual(["1111111111111111"]);
    expect(t.orphanSpanIds).toEqual([]);
    // PlaceOrder's server span starts 1 ms before the client span that called it; the query outlives PlaceOrder.
    expect(codes(t)).toEqual(["clock_skew:3333333333333333", "child_outlives_parent:6666666666666666"]);
    expect(t.spans.map((s) => s.spanId)).toEqual(["1111111111111111", "3333333333333333", "2222222222222222", "4444444444444444", "5555555555555555", "6666666666666666"]);
  });

  it("keeps attribute types, int64 beyond 2^53 exact, events, links, scope, kind and status", () => {
    const c = span(t, "3333333333333333");
    expect(c).toMatchObject({ name: "PlaceOrder", service: "checkout", kind: "server", status: { code: "ok", message: "" }, scope: { name: "checkout", version: "1.9.0" }, durationNs: 104_000_000 });
    expect(Object.fromEntries(c.attributes.map((a) => [a.key, a.value]))).toEqual({
      "app.order.items": { type: "int", value: "3" },
      "app.order.id": { type: "int", value: "9007199254740993" },
      "app.discount.ratio": { type: "double", value: 0.25 },
      "app.flags": { type: "array", values: [{ type: "string", value: "gift" }, { type: "int", value: "2" }, { type: "bool", value: true }] },
      "app.customer": { type: "kvlist", values: [{ key: "tier", value: { type: "string", value: "gold" } }, { key: "years", value: { type: "int", value: "4" } }] },
      "app.digest": { type: "bytes", value: "AAAwOQ==" },
      "app.nothing": { type: "empty" },
    });
    expect(c.events).toEqual([{ name: "order.validated", timeUnixNano: "1764633600010000000", attributes: [{ key: "app.order.items", value: { type: "int", value: "3" } }] }]);
    expect(c.resource.find((a) => a.key === "service.version")?.value).toEqual({ type: "string", value: "1.9.0" });
    expect(span(t, "4444444444444444").links).toEqual([{ traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", kind: "link", attributes: [{ key: "link.reason", value: { type: "string", value: "retry-of" } }] }]);
    expect(span(t, "5555555555555555")).toMatchObject({ kind: "server", status: { code: "error", message: "card declined" }, parentSpanId: "4444444444444444" });
  });
});

describe("Tempo v1 (tempo-v1-batches.json)", () => {
  const t = traceOf(readTempoAnswer(tempo, "tempo-v1", "0af7651916cd43dd8448eb211c80319c", json(200, fixture("tempo-v1-batches.json"))));
  it("numeric kinds and status codes, two roots (empty and all-zero parents), an orphan, a duplicated span id", () => {
    expect(t.source.api).toBe("tempo-v1");
    expect(t.summary).toMatchObject({ spanCount: 5, durationNs: 60_000_000, depth: 2, errorSpanIds: ["00f067aa0ba902b7"], services: ["frontend", "search"] });
    expect(t.rootSpanIds).toEqual(["b7ad6b7169203331", "0123456789abcdef"]);
    expect(t.orphanSpanIds).toEqual(["c0ffee0000000001"]);
    expect(codes(t)).toEqual(["duplicate_span_id:00f067aa0ba902b7", "missing_parent:c0ffee0000000001"]);
    expect(t.spans.filter((s) => s.spanId === "00f067aa0ba902b7").map((s) => `${s.service}/${s.kind}/${s.status.code}`)).toEqual(["frontend/client/error", "search/server/unset"]);
    expect(span(t, "b7ad6b7169203331").attributes).toEqual([{ key: "app.results", value: { type: "int", value: "42" } }]);
    expect(span(t, "c0ffee0000000001").status.code).toBe("ok");
  });
});

describe("Tempo 1.x (tempo-instrumentation-library.json)", () => {
  it("instrumentationLibrarySpans, a 64-bit trace id padded by Tempo, old and new status fields", () => {
    const t = traceOf(readTempoAnswer(tempo, "tempo-v1", "000000000000000060ba2abb44f13eae", json(200, fixture("tempo-instrumentation-library.json"))));
    expect(t.traceId).toBe("000000000000000060ba2abb44f13eae");
    expect(t.summary).toMatchObject({ spanCount: 3, depth: 3, durationNs: 459_000, errorSpanIds: ["398f0f21a3db99ae"], services: ["db"] });
    expect(t.warnings).toEqual([]);
    expect(span(t, "398f0f21a3db99ae").status).toEqual({ code: "error", message: "connection reset" });
    expect(span(t, "726b5e30102fc0d0").scope).toEqual({ name: "", version: "" });
    expect(span(t, "1a2b3c4d5e6f7081")).toMatchObject({ kind: "internal", scope: { name: "tns", version: "0.3" } });
  });
});

describe("Tempo v2 partial (tempo-partial.json)", () => {
  it("says partial in Tempo's words; spans whose root was cut off are orphans, not roots", () => {
    const t = traceOf(readTempoAnswer(tempo, "tempo-v2", "5b8aa5a2d2c872e8321cf37308d69df2", json(200, fixture("tempo-partial.json"))));
    expect(t.warnings[0]).toEqual({ code: "partial", message: "Trace exceeds maximum size of 50000000 bytes, a partial trace is returned" });
    expect(t.rootSpanIds).toEqual([]);
    expect(t.orphanSpanIds).toEqual(["051581bf3cb55c13", "5fb397be34d26b51"]);
    expect(t.summary).toMatchObject({ spanCount: 3, depth: 3, errorSpanIds: ["5fb397be34d26b51"], durationNs: 25_000_000 });
  });
});

describe("Tempo answers that are not a trace", () => {
  const hex = "4bf92f3577b34da6a3ce929d0e0e4736";
  const kind = (r: ReturnType<typeof readTempoAnswer>) => ("fallback" in r ? "fallback" : r.ok ? "trace" : r.error.kind);
  it.each([
    ["v2 200 with an empty trace", "tempo-v2", json(200, '{"trace":{},"metrics":{"inspectedBytes":"120"}}'), "not_found"],
    ["v2 404 with an empty body", "tempo-v2", text(404, ""), "not_found"],
    ["v1 404 with an empty body", "tempo-v1", text(404, ""), "not_found"],
    ["v1 404 from a querier, with metrics", "tempo-v1", json(404, '{"metrics":{"inspectedBytes":"0"}}'), "not_found"],
    ["v2 on a Tempo without the route (gorilla/mux)", "tempo-v2", text(404, "404 page not found\n"), "fallback"],
    ["v2 on a Tempo without the route (405)", "tempo-v2", text(405, ""), "fallback"],
    ["v2 behind a gateway that does not know it (501)", "tempo-v2", text(501, "Not Implemented"), "fallback"],
    ["v1 404 route missing", "tempo-v1", text(404, "404 page not found\n"), "bad_response"],
    ["a 422 trace-too-large", "tempo-v1", text(422, "trace exceeds max size (max bytes: 5000000)"), "bad_request"],
    ["a 400 malformed id", "tempo-v2", text(400, "trace IDs can only contain hex characters"), "bad_request"],
    ["an HTML 502 from a proxy", "tempo-v2", text(502, "<html><body>upstream 10.1.2.3 down</body></html>", "text/html"), "unavailable"],
    ["a 504 from a gateway", "tempo-v2", text(504, ""), "timeout"],
    ["200 that is not JSON", "tempo-v1", text(200, "<html>login</html>", "text/html"), "bad_response"],
    ["200 JSON without spans container", "tempo-v1", json(200, '{"status":"success","data":[]}'), "bad_response"],
    ["an unexpected 418", "tempo-v1", text(418, "teapot"), "bad_response"],
  ] as const)("%s (%s)", (_what, api, answer, expected) => {
    expect(kind(readTempoAnswer(tempo, api, hex, answer))).toBe(expected);
  });

  it("quotes Tempo's own text for a 422, clipped, with the credential cut out; never an unknown body", () => {
    const r = readTempoAnswer(tempo, "tempo-v1", hex, text(422, `trace exceeds max size; token s3cret-token ${"x".repeat(1000)}`));
    expect(!r.ok && "error" in r && r.error.message).toMatch(/^Tempo at http:\/\/tempo:3200 cannot return the trace \(HTTP 422\): trace exceeds max size; token \[redacted\] x+…$/);
    const html = readTempoAnswer(tempo, "tempo-v2", hex, text(502, "<html>upstream 10.1.2.3 down</html>", "text/html"));
    expect(!html.ok && "error" in html && html.error.message).toBe("Tempo at http://tempo:3200 is unavailable (HTTP 502)");
    const notJson = readTempoAnswer(tempo, "tempo-v1", hex, text(200, "<html>10.1.2.3 login</html>", "text/html"));
    expect(!notJson.ok && "error" in notJson && notJson.error.message).toMatch(/with text\/html \(27 bytes\), not JSON$/);
  });

  it("an int64 sent as a JSON number beyond 2^53 stays exact", () => {
    const body = `{"batches":[{"resource":{"attributes":[]},"scopeSpans":[{"spans":[{"traceId":"S/kvNXezTaajzpKdDg5HNg==","spanId":"APBnqgupArc=","name":"x","startTimeUnixNano":1764633600000000001,"endTimeUnixNano":1764633600000000002,"attributes":[{"key":"n","value":{"intValue":9007199254740993}}]}]}]}]}`;
    const t = traceOf(readTempoAnswer(tempo, "tempo-v1", hex, json(200, body)));
    expect(t.spans[0].attributes[0].value).toEqual({ type: "int", value: "9007199254740993" });
    expect(t.spans[0]).toMatchObject({ startUnixNano: "1764633600000000001", durationNs: 1, service: "", kind: "unspecified" });
  });
});

describe("Jaeger (jaeger.json)", () => {
  const r = readJaegerAnswer(jaeger, "00000000000000002be38093ead7a083", json(200, fixture("jaeger.json")));
  const t = traceOf(r);

  it("reads the envelope: 64-bit id, µs times, processes, references, errors in three spellings", () => {
    expect(t.source).toEqual({ api: "jaeger", endpoint: "http://jaeger:16686" });
    expect(t.summary).toEqual({
      spanCount: 5,
      services: ["checkout", "frontend", "worker"],
      startUnixNano: "1764633900000000000",
      durationNs: 290_000_000,
      depth: 3,
      errorSpanIds: ["492770a15935810f", "7bd66f09ba90ea3d", "6b6b6b6b6b6b6b6b"],
    });
    expect(t.rootSpanIds).toEqual(["7606ddfe69932d34"]);
    expect(t.orphanSpanIds).toEqual([]);
    // The SELECT starts before PlaceOrder; send-email outlives PlaceOrder but FOLLOWS_FROM it: no warning.
    expect(codes(t)).toEqual(["clock_skew:492770a15935810f"]);
  });

  it("maps tags to kind, status and scope, keeps the rest typed, logs become events", () => {
    const place = span(t, "7bd66f09ba90ea3d");
    expect(place).toMatchObject({ kind: "server", status: { code: "error", message: "" }, scope: { name: "checkout-lib", version: "1.2.0" }, parentSpanId: "7606ddfe69932d34", durationNs: 100_000_000 });
    expect(place.attributes).toEqual([
      { key: "app.order.id", value: { type: "int", value: "9223372036854775222" } },
      { key: "app.weight", value: { type: "double", value: 1.5 } },
    ]);
    expect(span(t, "492770a15935810f")).toMatchObject({ kind: "client", status: { code: "error", message: "deadlock detected" } });
    expect(span(t, "492770a15935810f").attributes).toEqual([{ key: "db.blob", value: { type: "bytes", value: "AAAwOQ==" } }]);
    const root = span(t, "7606ddfe69932d34");
    expect(root.resource.map((a) => a.key)).toEqual(["service.name", "hostname", "ip", "jaeger.version"]);
    expect(root.attributes).toEqual([
      { key: "http.status_code", value: { type: "int", value: "200" } },
      { key: "peer.port", value: { type: "int", value: "8080" } },
    ]);
    const email = span(t, "5a5a5a5a5a5a5a5a");
    expect(email).toMatchObject({ kind: "producer", parentSpanId: "7bd66f09ba90ea3d", service: "worker" });
    expect(email.links).toEqual([{ traceId: "00000000000000002be38093ead7a083", spanId: "7bd66f09ba90ea3d", kind: "follows_from", attributes: [] }]);
    expect(email.events).toEqual([
      { name: "sent", timeUnixNano: "1764633900095000000", attributes: [{ key: "message", value: { type: "string", value: "ok" } }] },
      { name: "log", timeUnixNano: "1764633900096000000", attributes: [{ key: "retries", value: { type: "int", value: "0" } }] },
    ]);
    // A CHILD_OF into another trace is a link; the parent is the CHILD_OF within this trace.
    expect(span(t, "6b6b6b6b6b6b6b6b")).toMatchObject({ parentSpanId: "7606ddfe69932d34", kind: "internal", status: { code: "error" } });
    expect(span(t, "6b6b6b6b6b6b6b6b").links).toEqual([{ traceId: "000000000000000000000000000000ff", spanId: "00000000000000ff", kind: "link", attributes: [] }]);
  });
});

describe("Jaeger answers that are not a trace", () => {
  const hex = "00000000000000002be38093ead7a083";
  const kind = (r: ReturnType<typeof readJaegerAnswer>) => (r.ok ? "trace" : r.error.kind);
  it.each([
    ["the 404 envelope (jaeger-404.json)", json(404, fixture("jaeger-404.json")), "not_found"],
    ["200 with empty data", json(200, '{"data":[],"total":0,"limit":0,"offset":0,"errors":null}'), "not_found"],
    ["a 400 envelope", json(400, '{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":400,"msg":"strconv.ParseUint: parsing \\"zz\\": invalid syntax"}]}'), "bad_request"],
    ["a 500 envelope", json(500, '{"data":null,"errors":[{"code":500,"msg":"elasticsearch: no such index"}]}'), "unavailable"],
    ["an HTML 404 (wrong base path)", text(404, "<html>Jaeger UI</html>", "text/html"), "bad_response"],
    ["200 that is not the envelope", json(200, '{"batches":[]}'), "bad_response"],
  ] as const)("%s", (_what, answer, expected) => {
    expect(kind(readJaegerAnswer(jaeger, hex, answer))).toBe(expected);
  });
  it("quotes Jaeger's error message", () => {
    const r = readJaegerAnswer(jaeger, hex, json(500, '{"data":null,"errors":[{"code":500,"msg":"elasticsearch: no such index"}]}'));
    expect(!r.ok && r.error.message).toBe("Jaeger at http://jaeger:16686 is unavailable (HTTP 500: elasticsearch: no such index)");
  });
});

describe("a generated 5,000-span trace in all three formats", () => {
  const g = generateTrace(5000);
  const cases = [
    ["tempo-v2", () => readTempoAnswer(tempo, "tempo-v2", g.traceId, json(200, JSON.stringify(tempoV2Body(g))))],
    ["tempo-v1", () => readTempoAnswer(tempo, "tempo-v1", g.traceId, json(200, JSON.stringify(tempoV1Body(g))))],
    ["jaeger", () => readJaegerAnswer(jaeger, g.traceId, json(200, JSON.stringify(jaegerBody(g))))],
  ] as const;
  it.each(cases)("%s: count, root, depth, duration, errors match the generator's truth", (api, read) => {
    const t = traceOf(read());
    expect(t.source.api).toBe(api);
    expect(t.summary.spanCount).toBe(5000);
    expect(t.rootSpanIds).toEqual([g.truth.rootSpanId]);
    expect(t.orphanSpanIds).toEqual([]);
    expect(t.summary.depth).toBe(g.truth.depth);
    expect(t.summary.durationNs).toBe(g.truth.durationNs);
    expect(t.summary.startUnixNano).toBe(g.truth.startUnixNano);
    expect(t.summary.services).toEqual(g.truth.services);
    expect(new Set(t.summary.errorSpanIds)).toEqual(g.truth.errorSpanIds);
    expect(g.truth.errorSpanIds.size).toBeGreaterThan(50);
    expect(g.truth.depth).toBeGreaterThan(30);
    expect(t.warnings).toEqual([]);
    const last = t.spans.find((s) => s.spanId === g.spans[4999].spanId)!;
    expect(last.attributes.find((a) => a.key === "app.seq")?.value).toEqual({ type: "int", value: String(9007199254740993n + 4999n) });
    // A few hundred ms of work: the timeout leaves room for a machine shared with other jobs.
  }, 30_000);
});
