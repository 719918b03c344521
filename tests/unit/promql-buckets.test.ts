import { describe, expect, it } from "vitest";
import { decideFit, layoutFromBoundaries, layoutFromSeries, parseLe, spellingsFor, isMixed } from "@/lib/promql/buckets";
import { TEMPO, OTEL_MS } from "@/lib/promql/profiles";

/** Bucket series as /api/v1/series returns them: one per (labels, le). */
const seriesOf = (labels: Record<string, string>, les: string[]) => les.map((le) => ({ __name__: "h_bucket", ...labels, le }));
const tempoLes = [...TEMPO.defaultBuckets.map(String), "+Inf"];
const otelLes = [...OTEL_MS.defaultBuckets.map(String), "+Inf"];
const prom3 = (les: string[]) => les.map((l) => (/^\d+$/.test(l) ? `${l}.0` : l));

describe("parseLe", () => {
  it.each([
    ["1", 1],
    ["1.0", 1],
    ["0.512", 0.512],
    ["512.0", 512],
    ["1e+06", 1e6],
    ["+Inf", Infinity],
    ["Inf", Infinity],
    ["abc", null],
    ["", null],
    ["1.2.3", null],
  ])("%j → %d", (text, v) => expect(parseLe(text)).toBe(v));
});

describe("layoutFromSeries", () => {
  it("groups by every label but le and normalises Prometheus 3 spellings", () => {
    const l = layoutFromSeries([
      ...seriesOf({ service: "a", status_code: "STATUS_CODE_OK" }, ["0.5", "1", "+Inf"]),
      ...seriesOf({ service: "a", status_code: "STATUS_CODE_ERROR" }, ["0.5", "1.0", "+Inf"]),
    ]);
    expect(l.seriesCount).toBe(2);
    expect(isMixed(l)).toBe(false);
    expect(l.common).toEqual([0.5, 1, Infinity]);
    expect(l.spellings["1"]).toEqual(["1", "1.0"]);
    expect(spellingsFor(l, 1)).toEqual(["1", "1.0"]);
    expect(spellingsFor(l, 0.5)).toEqual(["0.5"]);
  });

  it("detects mixed layouts and keeps only shared boundaries as common", () => {
    const l = layoutFromSeries([
      ...seriesOf({ span_name: "a" }, ["0.1", "0.2", "0.4", "+Inf"]),
      ...seriesOf({ span_name: "b" }, ["0.1", "0.25", "0.4", "+Inf"]),
      ...seriesOf({ span_name: "c" }, ["0.1", "0.2", "0.4", "+Inf"]),
    ]);
    expect(isMixed(l)).toBe(true);
    expect(l.layouts.map((x) => x.seriesCount)).toEqual([2, 1]);
    expect(l.layouts[1].example).toEqual({ span_name: "b" });
    expect(l.common).toEqual([0.1, 0.4, Infinity]);
  });

  it("reports non-numeric le values and ignores series without le", () => {
    const l = layoutFromSeries([{ le: "bogus" }, { service: "x" }, ...seriesOf({}, ["1", "+Inf"])]);
    expect(l.invalid).toEqual(["bogus"]);
    expect(l.common).toEqual([1, Infinity]);
  });
});

type FitCase = { name: string; les: string[][]; unit: "seconds" | "milliseconds"; threshold: number; want: ReturnType<typeof decideFit> extends infer F ? Partial<F & object> : never };

const FIT_CASES: FitCase[] = [
  { name: "tempo 0.512 s exact", les: [tempoLes], unit: "seconds", threshold: 0.512, want: { fit: { kind: "exact", boundarySeconds: 0.512 }, countBoundary: 0.512 } },
  { name: "tempo 0.3 s between 0.256 and 0.512", les: [tempoLes], unit: "seconds", threshold: 0.3,
    want: { fit: { kind: "between", lowerSeconds: 0.256, upperSeconds: 0.512 }, countBoundary: 0.256, upperBoundary: 0.512 } },
  { name: "otel 400 ms exact from 0.4 s", les: [otelLes], unit: "milliseconds", threshold: 0.4, want: { fit: { kind: "exact", boundarySeconds: 0.4 }, countBoundary: 400 } },
  { name: "otel 250 ms between 200 and 400", les: [otelLes], unit: "milliseconds", threshold: 0.25,
    want: { fit: { kind: "between", lowerSeconds: 0.2, upperSeconds: 0.4 }, countBoundary: 200, upperBoundary: 400 } },
  { name: "otel exact on Prometheus 3 spellings", les: [prom3(otelLes)], unit: "milliseconds", threshold: 1, want: { fit: { kind: "exact", boundarySeconds: 1 }, countBoundary: 1000 } },
  { name: "tolerance: 0.1+0.2 s is the 0.3 boundary", les: [["0.3", "+Inf"]], unit: "seconds", threshold: 0.1 + 0.2, want: { fit: { kind: "exact", boundarySeconds: 0.3 } } },
  { name: "below the first boundary: no lower neighbour", les: [tempoLes], unit: "seconds", threshold: 0.001,
    want: { fit: { kind: "between", lowerSeconds: null, upperSeconds: 0.002 }, countBoundary: null, upperBoundary: 0.002 } },
  { name: "above the last finite boundary: upper is +Inf", les: [tempoLes], unit: "seconds", threshold: 20,
    want: { fit: { kind: "between", lowerSeconds: 16.384, upperSeconds: null }, countBoundary: 16.384, upperBoundary: Infinity } },
  { name: "mixed: boundary of one layout only is not exact", les: [["0.1", "0.2", "0.4", "+Inf"], ["0.1", "0.25", "0.4", "+Inf"]], unit: "seconds", threshold: 0.2,
    want: { fit: { kind: "between", lowerSeconds: 0.1, upperSeconds: 0.4 }, offerSeconds: [0.1, 0.4] } },
  { name: "mixed: shared boundary is exact", les: [["0.1", "0.2", "0.4", "+Inf"], ["0.1", "0.25", "0.4", "+Inf"]], unit: "seconds", threshold: 0.4,
    want: { fit: { kind: "exact", boundarySeconds: 0.4 } } },
];

describe("decideFit", () => {
  it.each(FIT_CASES)("$name", ({ les, unit, threshold, want }) => {
    const layout = layoutFromSeries(les.flatMap((l, i) => seriesOf({ span_name: `op${i}` }, l)));
    expect(decideFit(layout, threshold, unit)).toMatchObject(want);
  });

  it("offers every shared finite boundary in seconds", () => {
    const d = decideFit(layoutFromSeries(seriesOf({}, otelLes)), 0.25, "milliseconds");
    expect(d.offerSeconds).toEqual(OTEL_MS.defaultBuckets.map((b) => b / 1000));
  });

  it("falls back to a profile's default layout when no series exist", () => {
    const d = decideFit(layoutFromBoundaries(TEMPO.defaultBuckets), 1.024, "seconds");
    expect(d.fit).toEqual({ kind: "exact", boundarySeconds: 1.024 });
  });
});
