// OpenSLO v1 import/export (lib/openslo): golden export of a demo SLO, notes per field for what
// does not map, odd label values through YAML and back, and export → import as the identity on
// valid SLOs (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { demoSlos } from "@/lib/demo/seed";
import { toOpenSlo, type ExportableSlo } from "@/lib/openslo/export";
import { fromOpenSlo, type ResolvedDatasource } from "@/lib/openslo/import";
import { fieldChanges } from "@/lib/openslo/diff";
import { parseOpenSloYaml, stringifyOpenSloYaml } from "@/lib/openslo/yaml";
import { OpenSloSlo } from "@/lib/schemas/openslo";
import { CreateSloInput } from "@/lib/schemas/slo";
import { parsePromql } from "./promql-lezer";

const DS = { slug: "demo", producerProfile: "tempo" as const };
const resolve = (ref: string): ResolvedDatasource | null => (ref === "demo" ? { id: "ds-1", producerProfile: "tempo" } : null);
const checkout = demoSlos("ds-1")[0];
const exportable = (s: CreateSloInput): ExportableSlo => {
  const { datasourceId: _d, status: _s, ...rest } = s;
  void _d;
  void _s;
  return rest;
};

/** Export, through YAML text, import. */
function roundTrip(s: CreateSloInput) {
  const text = stringifyOpenSloYaml([toOpenSlo(exportable(s), DS)]);
  const docs = parseOpenSloYaml(text);
  expect(docs).toHaveLength(1);
  return fromOpenSlo((docs[0] as { value: unknown }).value, resolve);
}

describe("export", () => {
  it("writes the checkout SLO as an OpenSLO v1 SLO with a generated ratio SLI", () => {
    const doc = toOpenSlo(exportable(checkout), DS);
    expect(OpenSloSlo.safeParse(doc).success).toBe(true);
    expect(doc).toEqual({
      apiVersion: "openslo/v1",
      kind: "SLO",
      metadata: {
        name: "checkout-latency",
        displayName: "Checkout: PlaceOrder under 512 ms",
        labels: { team: "checkout" },
        annotations: {
          "sightline.dev/operation": "PlaceOrder",
          "sightline.dev/span-kind": "SPAN_KIND_SERVER",
          "sightline.dev/threshold-seconds": "0.512",
          "sightline.dev/owner": "checkout-oncall@handysite.example",
        },
      },
      spec: {
        description: checkout.description,
        service: "checkout",
        indicator: {
          metadata: { name: "checkout-latency", displayName: "PlaceOrder under 512 ms" },
          spec: {
            ratioMetric: {
              counter: true,
              good: {
                metricSource: {
                  metricSourceRef: "demo",
                  type: "Prometheus",
                  spec: { query: 'traces_spanmetrics_latency_bucket{service="checkout", span_name="PlaceOrder", span_kind="SPAN_KIND_SERVER", le="0.512"}' },
                },
              },
              total: {
                metricSource: {
                  metricSourceRef: "demo",
                  type: "Prometheus",
                  spec: { query: 'traces_spanmetrics_latency_count{service="checkout", span_name="PlaceOrder", span_kind="SPAN_KIND_SERVER"}' },
                },
              },
            },
          },
        },
        timeWindow: [{ duration: "28d", isRolling: true }],
        budgetingMethod: "Occurrences",
        objectives: [{ displayName: "99.5 % under 512 ms", target: 0.995 }],
      },
    });
  });

  it.each([
    ["tempo", 1.024, 'le="1.024"', "traces_spanmetrics_latency_count"],
    ["otel", 0.4, 'le=~"400|400\\\\.0"', "traces_span_metrics_duration_milliseconds_count"],
    ["auto", 2, 'le=~"2|2\\\\.0"', "traces_spanmetrics_latency_count"],
  ] as const)("profile %s, threshold %s s: good matches %s, total reads %s; both parse as PromQL", (profile, t, le, count) => {
    const doc = toOpenSlo(exportable({ ...checkout, thresholdSeconds: t, countErrorsAsBad: true }), { slug: "x", producerProfile: profile });
    const r = doc.spec.indicator!.spec.ratioMetric!;
    const good = String(r.good!.metricSource.spec!.query);
    const total = String(r.total!.metricSource.spec!.query);
    expect(good).toContain(le);
    expect(good).toContain('status_code!="STATUS_CODE_ERROR"');
    expect(total.startsWith(count)).toBe(true);
    expect(total).not.toContain("status_code");
    expect(parsePromql(good).errors).toEqual([]);
    expect(parsePromql(total).errors).toEqual([]);
  });

  it("writes the calendar month as 1M from the first of a month, UTC", () => {
    const doc = toOpenSlo(exportable(demoSlos("ds-1").find((s) => s.window.kind === "calendar")!), DS);
    expect(doc.spec.timeWindow).toEqual([{ duration: "1M", isRolling: false, calendar: { startTime: "2020-01-01 00:00:00", timeZone: "UTC" } }]);
  });

  it("carries the version only when asked", () => {
    expect(toOpenSlo({ ...exportable(checkout), version: 3 }, DS).metadata.annotations!["sightline.dev/version"]).toBeUndefined();
    expect(toOpenSlo({ ...exportable(checkout), version: 3 }, DS, { withVersion: true }).metadata.annotations!["sightline.dev/version"]).toBe("3");
  });
});

describe("import", () => {
  it("round-trips every demo SLO through YAML", () => {
    for (const s of demoSlos("ds-1")) {
      const r = roundTrip(s);
      expect(r.kind, JSON.stringify(r)).toBe("ok");
      if (r.kind === "ok") {
        expect(r.input).toEqual(s);
        expect(r.notes).toEqual([]);
        expect(fieldChanges(s, r.input)).toEqual([]);
      }
    }
  });

  const odd = [
    ["quotes", 'say "hi"'],
    ["backslashes", "C:\\path\\to\\op"],
    ["newlines", "line one\nline two\r\n\ttabbed"],
    ["unicode", "注文を確定 ✓ — Zürich 🚀"],
    ["YAML-looking", "- not: a list\n--- # not a document"],
  ] as const;
  it.each(odd)("keeps an operation and matcher value with %s byte for byte", (_what, value) => {
    const s = CreateSloInput.parse({ ...checkout, operation: value, extraMatchers: [{ label: "deployment_environment", op: "=", value }], owner: value, description: value });
    const r = roundTrip(s);
    expect(r.kind).toBe("ok");
    if (r.kind === "ok") expect(r.input).toEqual(s);
    const q = String(toOpenSlo(exportable(s), DS).spec.indicator!.spec.ratioMetric!.good!.metricSource.spec!.query);
    expect(parsePromql(q).errors).toEqual([]);
  });

  const base = () => toOpenSlo(exportable(checkout), DS) as unknown as Record<string, never> & { spec: Record<string, unknown>; metadata: Record<string, unknown> };
  type Edit = (d: ReturnType<typeof base>) => void;
  const ratio = (d: ReturnType<typeof base>) => (d.spec.indicator as { spec: { ratioMetric: Record<string, unknown> } }).spec.ratioMetric;

  it.each<[string, Edit, string, RegExp]>([
    ["Timeslices budgeting", (d) => void (d.spec.budgetingMethod = "Timeslices"), "spec.budgetingMethod", /Occurrences/],
    ["two objectives", (d) => void (d.spec.objectives = [{ target: 0.99 }, { target: 0.999 }]), "spec.objectives", /one objective/],
    ["a Datadog source", (d) => void ((ratio(d).good as { metricSource: { type: string } }).metricSource.type = "Datadog"), "spec.indicator.spec.ratioMetric.good.metricSource.type", /Prometheus/],
    ["a bad/total ratio", (d) => void (ratio(d).bad = ratio(d).good), "spec.indicator.spec.ratioMetric.bad", /good requests/],
    ["a threshold metric", (d) => void ((d.spec.indicator as { spec: Record<string, unknown> }).spec = { thresholdMetric: { metricSource: { type: "Prometheus" } } }), "spec.indicator.spec.thresholdMetric", /ratio/],
    ["an indicatorRef", (d) => void (delete d.spec.indicator, (d.spec.indicatorRef = "my-sli")), "spec.indicatorRef", /inline/],
    ["a 12h rolling window", (d) => void (d.spec.timeWindow = [{ duration: "12h", isRolling: true }]), "spec.timeWindow[0].duration", /whole days/],
    ["a quarter", (d) => void (d.spec.timeWindow = [{ duration: "1Q", calendar: { startTime: "2020-01-01 00:00:00", timeZone: "UTC" } }]), "spec.timeWindow[0].duration", /one month/],
    ["a New York month", (d) => void (d.spec.timeWindow = [{ duration: "1M", calendar: { startTime: "2020-01-01 00:00:00", timeZone: "America/New_York" } }]), "spec.timeWindow[0].calendar.timeZone", /UTC/],
    ["a 120d window", (d) => void (d.spec.timeWindow = [{ duration: "120d", isRolling: true }]), "spec.timeWindow[0].duration", /1 to 90/],
    ["no threshold annotation", (d) => void delete (d.metadata.annotations as Record<string, string>)["sightline.dev/threshold-seconds"], "metadata.annotations.sightline.dev/threshold-seconds", /required/],
    ["a bad threshold", (d) => void ((d.metadata.annotations as Record<string, string>)["sightline.dev/threshold-seconds"] = "512ms"), "metadata.annotations.sightline.dev/threshold-seconds", /seconds/],
    ["a negative-free huge threshold", (d) => void ((d.metadata.annotations as Record<string, string>)["sightline.dev/threshold-seconds"] = "7200"), "metadata.annotations.sightline.dev/threshold-seconds", /3600/],
    ["a misspelt annotation", (d) => void ((d.metadata.annotations as Record<string, string>)["sightline.dev/treshold-seconds"] = "1"), "metadata.annotations.sightline.dev/treshold-seconds", /unknown Sightline annotation/],
    ["a bad span kind", (d) => void ((d.metadata.annotations as Record<string, string>)["sightline.dev/span-kind"] = "SERVER"), "metadata.annotations.sightline.dev/span-kind", /SPAN_KIND_SERVER/],
    ["an extra-matchers typo", (d) => void ((d.metadata.annotations as Record<string, string>)["sightline.dev/extra-matchers"] = "[{label"), "metadata.annotations.sightline.dev/extra-matchers", /JSON/],
    ["two teams", (d) => void (d.metadata.labels = { team: ["a", "b"] }), "metadata.labels.team", /one team/],
    ["target 1", (d) => void (d.spec.objectives = [{ target: 1 }]), "spec.objectives[0].target", /./],
    ["no target", (d) => void (d.spec.objectives = [{ displayName: "x" }]), "spec.objectives[0].target", /required/],
    ["another API version", (d) => void (d.apiVersion = "openslo/v2alpha" as never), "apiVersion", /openslo\/v1/],
    ["a Service", (d) => void (d.kind = "Service" as never), "kind", /kind SLO/],
    ["a bad name", (d) => void (d.metadata.name = "Checkout Latency"), "metadata.name", /lowercase/],
  ])("%s is invalid, said at its path", (_what, edit, path, message) => {
    const d = base();
    edit(d);
    const r = fromOpenSlo(d, resolve);
    expect(r.kind, JSON.stringify(r)).toBe("invalid");
    if (r.kind !== "invalid") return;
    const hit = r.errors.find((e) => e.path === path);
    expect(hit, JSON.stringify(r.errors)).toBeDefined();
    expect(hit!.message).toMatch(message);
  });

  it("imports a document in OpenSLO's own spellings: targetPercent, 4w, foreign labels and annotations noted", () => {
    const d = base();
    d.spec.objectives = [{ targetPercent: 99.5 }];
    d.spec.timeWindow = [{ duration: "4w" }];
    d.metadata.labels = { team: ["checkout"], tier: "1" };
    (d.metadata.annotations as Record<string, string>)["example.com/dashboard"] = "https://x";
    d.spec.alertPolicies = [{ kind: "AlertPolicy" }];
    const r = fromOpenSlo(d, resolve);
    expect(r.kind).toBe("ok");
    if (r.kind !== "ok") return;
    expect(r.input).toEqual(checkout);
    expect(r.notes.map((n) => n.path).sort()).toEqual(["metadata.annotations.example.com/dashboard", "metadata.labels.tier", "spec.alertPolicies"]);
  });

  it("notes a query that is not what Sightline would build, and says what it builds", () => {
    const d = base();
    (ratio(d).good as { metricSource: { spec: { query: string } } }).metricSource.spec.query = 'sum(rate(http_requests_total{code="200"}[5m]))';
    const r = fromOpenSlo(d, resolve);
    expect(r.kind).toBe("ok");
    if (r.kind !== "ok") return;
    expect(r.notes).toEqual([
      { path: "spec.indicator.spec.ratioMetric.good.metricSource.spec.query", message: expect.stringContaining('traces_spanmetrics_latency_bucket{service="checkout"') },
    ]);
  });

  it("reports an unknown datasource by name", () => {
    const d = base();
    for (const p of ["good", "total"]) (ratio(d)[p] as { metricSource: { metricSourceRef: string } }).metricSource.metricSourceRef = "prod";
    expect(fromOpenSlo(d, resolve)).toMatchObject({ kind: "unknown-datasource", slug: "checkout-latency", datasource: "prod" });
  });

  it("says which field changed, old → new, at its document path", () => {
    expect(fieldChanges(checkout, { ...checkout, thresholdSeconds: 1.024, window: { kind: "rolling", days: 7 } })).toEqual([
      { field: "thresholdSeconds", path: "metadata.annotations.sightline.dev/threshold-seconds", old: 0.512, new: 1.024 },
      { field: "window", path: "spec.timeWindow[0]", old: { kind: "rolling", days: 28 }, new: { kind: "rolling", days: 7 } },
    ]);
  });
});

describe("YAML files", () => {
  it("parses several documents, skips empty ones and says where a YAML error is", () => {
    const docs = parseOpenSloYaml("a: 1\n---\n# nothing\n---\nb: [1,\n");
    expect(docs[0]).toEqual({ value: { a: 1 } });
    expect(docs).toHaveLength(2);
    expect(docs[1]).toMatchObject({ error: expect.stringMatching(/line|flow|collection/i) });
  });

  it("refuses duplicate keys", () => {
    expect(parseOpenSloYaml("a: 1\na: 2\n")[0]).toMatchObject({ error: expect.stringMatching(/unique|duplicate/i) });
  });
});

describe("property: export → import is the identity on valid SLOs", () => {
  const text = (max: number) => fc.string({ unit: "grapheme", maxLength: max });
  const trimmed = (max: number, min = 0) => text(max).map((s) => s.trim()).filter((s) => s.length >= min);
  const slo = fc.record({
    slug: fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/),
    name: trimmed(120, 1),
    description: trimmed(300),
    team: trimmed(63),
    owner: trimmed(120),
    service: text(40).filter((s) => s.length > 0),
    operation: text(60).filter((s) => s.length > 0),
    operationMatch: fc.constant("exact" as const),
    spanKind: fc.constantFrom(null, "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT", "SPAN_KIND_CONSUMER"),
    extraMatchers: fc.array(fc.record({ label: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), op: fc.constantFrom("=", "!=") as fc.Arbitrary<"=" | "!=">, value: text(30) }), { maxLength: 3 }),
    thresholdSeconds: fc.double({ min: 0.0001, max: 3600, noNaN: true }),
    objective: fc.double({ min: 0.5, max: 0.99999, noNaN: true }),
    window: fc.oneof(fc.record({ kind: fc.constant("rolling" as const), days: fc.integer({ min: 1, max: 90 }) }), fc.constant({ kind: "calendar" as const, unit: "month" as const })),
    countErrorsAsBad: fc.boolean(),
    minEvents: fc.integer({ min: 0, max: 1_000_000 }),
    alerting: fc.option(
      fc.record({
        disabledTiers: fc.subarray(["page-1h", "page-6h", "ticket-1d", "ticket-3d"] as const),
        runbookUrl: fc.constantFrom("", "https://runbooks.example/checkout?x=1&y=ü"),
        deviation: fc.record({ enabled: fc.boolean(), window: fc.constantFrom("5m", "30m", "1h") as fc.Arbitrary<"5m" | "30m" | "1h">, factor: fc.double({ min: 1.01, max: 100, noNaN: true }), minDifference: fc.double({ min: 0, max: 1, noNaN: true }), minEvents: fc.integer({ min: 1, max: 1e6 }) }),
      }),
      { nil: undefined },
    ),
    datasourceId: fc.constant("ds-1"),
    status: fc.constant("active" as const),
  });

  it("holds for 300 generated SLOs (through YAML text)", () => {
    fc.assert(
      fc.property(slo, (raw) => {
        const parsed = CreateSloInput.safeParse(raw);
        fc.pre(parsed.success);
        const s = parsed.data!;
        const r = roundTrip(s);
        expect(r.kind, JSON.stringify(r)).toBe("ok");
        if (r.kind !== "ok") return;
        expect(fieldChanges(s, r.input)).toEqual([]);
        expect(r.notes).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
