import { describe, expect, it } from "vitest";
import { OTEL_MS, TEMPO } from "@/lib/promql/profiles";
import { dedupeByTrace, flattenExemplars, inWindow, leSeconds, pickTraceId, type FlatExemplar } from "@/lib/slo/exemplars";

describe("trace ids as exemplars carry them", () => {
  it.each([
    // Tempo strips leading zeros on exemplars: padded back to 32; 64-bit ids and upper case too.
    ["bf92f3577b34da6a3ce929d0e0e4736", "0bf92f3577b34da6a3ce929d0e0e4736"],
    ["A3CE929D0E0E4736", "0000000000000000a3ce929d0e0e4736"],
  ])("%s → %s", (raw, want) => {
    const r = flattenExemplars([{ seriesLabels: { le: "1" }, exemplars: [{ labels: { traceID: raw }, value: 1, timestamp: 1 }] }], TEMPO, 1);
    expect(r.exemplars.map((e) => e.traceId)).toEqual([want]);
  });
  it.each([["xyz!"], ["0".repeat(32)], ["1".repeat(33)]])("%j is refused, not guessed at", (raw) => {
    const r = flattenExemplars([{ seriesLabels: { le: "1" }, exemplars: [{ labels: { traceID: raw }, value: 1, timestamp: 1 }] }], TEMPO, 1);
    expect(r.exemplars).toEqual([]);
    expect(r.invalidTraceIds).toEqual([raw]);
  });
});

describe("pickTraceId", () => {
  it("reads each producer's label, the profile's own first", () => {
    expect(pickTraceId({ traceID: "ab" })).toBe("ab");
    expect(pickTraceId({ trace_id: "cd" })).toBe("cd");
    expect(pickTraceId({ traceId: "ef" })).toBe("ef");
    expect(pickTraceId({ traceID: "ab", trace_id: "cd" }, "trace_id")).toBe("cd");
    expect(pickTraceId({ traceID: "", trace_id: "cd" })).toBe("cd");
    expect(pickTraceId({ span_id: "12" })).toBeUndefined();
  });
});

describe("leSeconds", () => {
  it("converts the producer's unit and reads +Inf as null", () => {
    expect(leSeconds("0.512", "seconds")).toBe(0.512);
    expect(leSeconds("400", "milliseconds")).toBe(0.4);
    expect(leSeconds("1.0", "milliseconds")).toBe(0.001);
    expect(leSeconds("+Inf", "seconds")).toBeNull();
    expect(leSeconds("x", "seconds")).toBeUndefined();
    expect(leSeconds(undefined, "seconds")).toBeUndefined();
  });
});

describe("flattenExemplars", () => {
  it("Tempo: seconds, traceID, labels from the Tempo names", () => {
    const r = flattenExemplars(
      [
        {
          seriesLabels: { __name__: "traces_spanmetrics_latency_bucket", service: "checkout", span_name: "PlaceOrder", span_kind: "SPAN_KIND_SERVER", status_code: "STATUS_CODE_UNSET", le: "1.024" },
          exemplars: [{ labels: { traceID: "abc" }, value: 0.9, timestamp: 1000.5 }],
        },
      ],
      TEMPO,
      0.5,
    );
    expect(r.exemplars).toEqual([
      { traceId: "abc".padStart(32, "0"), valueSeconds: 0.9, timestamp: 1000.5, bucketLeSeconds: 1.024, aboveThreshold: true, service: "checkout", operation: "PlaceOrder", spanKind: "SPAN_KIND_SERVER", statusCode: "STATUS_CODE_UNSET" },
    ]);
  });

  it("OTel: milliseconds to seconds, trace_id, service_name; at the threshold is not above it", () => {
    const r = flattenExemplars(
      [
        {
          seriesLabels: { service_name: "cart", span_name: "GET /cart", span_kind: "SPAN_KIND_SERVER", status_code: "STATUS_CODE_ERROR", le: "400" },
          exemplars: [
            { labels: { trace_id: "00000000000000000000000000000def" }, value: 400, timestamp: 10 },
            { labels: { trace_id: "0123" }, value: 399.5, timestamp: 11 },
          ],
        },
      ],
      OTEL_MS,
      0.4,
    );
    expect(r.exemplars.map((e) => [e.valueSeconds, e.aboveThreshold, e.bucketLeSeconds, e.service, e.statusCode])).toEqual([
      [0.4, false, 0.4, "cart", "STATUS_CODE_ERROR"],
      [0.3995, false, 0.4, "cart", "STATUS_CODE_ERROR"],
    ]);
  });

  it("counts what it cannot use instead of guessing", () => {
    const r = flattenExemplars(
      [{ seriesLabels: { le: "+Inf" }, exemplars: [{ labels: {}, value: 1, timestamp: 1 }, { labels: { traceID: "not-hex!" }, value: 1, timestamp: 1 }, { labels: { traceID: "ab" }, value: Number.NaN, timestamp: 1 }, { labels: { traceID: "cd" }, value: 20, timestamp: 1 }] }],
      TEMPO,
      1,
    );
    expect(r.withoutTraceId).toBe(1);
    expect(r.invalidTraceIds).toEqual(["not-hex!"]);
    expect(r.invalidValues).toBe(1);
    expect(r.exemplars.map((e) => [e.traceId.slice(-2), e.bucketLeSeconds, e.service])).toEqual([["cd", null, ""]]);
  });
});

const ex = (traceId: string, valueSeconds: number, timestamp: number, aboveThreshold = valueSeconds > 0.5): FlatExemplar => ({
  traceId,
  valueSeconds,
  timestamp,
  bucketLeSeconds: null,
  aboveThreshold,
  service: "s",
  operation: "o",
  spanKind: "k",
  statusCode: "c",
});

describe("dedupeByTrace", () => {
  it("keeps each trace's slowest appearance, slowest first, ties newest first then by id", () => {
    const out = dedupeByTrace([ex("a", 0.2, 1), ex("b", 0.9, 2), ex("a", 0.7, 3), ex("c", 0.7, 5), ex("d", 0.7, 5), ex("b", 0.1, 9)]);
    expect(out.map((e) => [e.traceId, e.valueSeconds, e.timestamp])).toEqual([
      ["b", 0.9, 2],
      ["c", 0.7, 5],
      ["d", 0.7, 5],
      ["a", 0.7, 3],
    ]);
  });
  it("empty in, empty out", () => expect(dedupeByTrace([])).toEqual([]));
});

describe("inWindow (slow requests of a burn window or a brushed range)", () => {
  const list = [ex("a", 0.9, 100), ex("b", 0.1, 150), ex("c", 0.8, 200), ex("d", 0.6, 201)];
  it("both ends included, as query_exemplars selects", () => expect(inWindow(list, 100, 200).map((e) => e.traceId)).toEqual(["a", "b", "c"]));
  it("only the slow ones", () => expect(inWindow(list, 100, 201, true).map((e) => e.traceId)).toEqual(["a", "c", "d"]));
  it("an empty window", () => expect(inWindow(list, 300, 400)).toEqual([]));
});
