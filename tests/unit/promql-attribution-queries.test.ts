import { describe, expect, it } from "vitest";
import { render } from "@/lib/promql/ast";
import { attributionQuery } from "@/lib/promql/attribution-queries";
import { OTEL_MS, TEMPO } from "@/lib/promql/profiles";
import type { SloSelection } from "@/lib/promql/slo-queries";
import { parsePromql } from "./promql-lezer";

const serviceLevel: SloSelection = {
  service: 'check"out',
  operation: ".+",
  operationMatch: "regex",
  spanKind: null,
  extraMatchers: [],
  countErrorsAsBad: true,
};

describe("attributionQuery: per-series good and total over the window, one round trip", () => {
  it("exact threshold, errors as bad (Tempo): golden text", () => {
    const q = render(attributionQuery(serviceLevel, TEMPO, { count: ["0.256"], upper: null }, 28 * 86_400));
    expect(q).toBe(
      'label_replace(increase(traces_spanmetrics_latency_count{service="check\\"out", span_name=~".+"}[28d]), "sightline_part", "total", "", "")' +
        ' or label_replace(increase(traces_spanmetrics_latency_bucket{service="check\\"out", span_name=~".+", status_code!="STATUS_CODE_ERROR", le="0.256"}[28d]), "sightline_part", "good", "", "")',
    );
    expect(parsePromql(q).errors).toEqual([]);
    // Not aggregated: the answer keeps every label the series vary on.
    expect(q).not.toMatch(/\bsum\b/);
  });

  it("between boundaries (OTel ms): the upper neighbour as a third part, both spellings matched", () => {
    const q = render(attributionQuery({ ...serviceLevel, countErrorsAsBad: false }, OTEL_MS, { count: ["200", "200.0"], upper: ["400", "400.0"] }, 3600));
    expect(q).toContain('le=~"200|200\\\\.0"}[1h]), "sightline_part", "good"');
    expect(q).toContain('le=~"400|400\\\\.0"}[1h]), "sightline_part", "upper"');
    expect(parsePromql(q).errors).toEqual([]);
  });

  it("no boundary below the threshold: total only (every request is bad)", () => {
    const q = render(attributionQuery(serviceLevel, TEMPO, { count: null, upper: ["0.002"] }, 3600));
    expect(q).toContain('"total"');
    expect(q).not.toContain('"good"');
    expect(q).toContain('"upper"');
  });
});
