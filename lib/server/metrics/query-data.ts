// The `data` of /api/v1/query and /api/v1/query_range, checked by hand instead of by zod: an overview
// of 10,000 SLOs reads answers of 10,000+ samples per query, and a zod parse per sample (object,
// record, tuple, transform) cost more than Prometheus took to answer. The rules are those of
// QueryData in schemas.ts, which stays the documented shape: labels are string → string, a point
// is [finite unix seconds, sample string], values are Go floats (parseSampleValue), vector samples
// without `value` (native histograms) are dropped, a null result is empty. Anything else is
// refused with the path of the first bad element, never a partial answer. Pure, no I/O.
import { parseSampleValue, type RangeSeries, type Sample } from "./schemas";

export type QueryAnswer =
  | { resultType: "vector"; samples: Sample[] }
  | { resultType: "matrix"; series: RangeSeries[] }
  | { resultType: "scalar"; sample: Sample }
  | { resultType: "string" };

export type QueryAnswerParse = { ok: true; value: QueryAnswer } | { ok: false; path: string; message: string };

class Bad extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(message);
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

// In the loops over samples and points, a check's path is joined only when it fails, and the loop
// puts the point's path in front (`under`): a 10,000-series answer has 300,000 points, and
// building a path per point was most of the garbage of reading one.
function labels(x: unknown, where: string): Record<string, string> {
  if (!isObject(x)) throw new Bad(where, "expected an object of labels");
  for (const k in x) if (typeof x[k] !== "string") throw new Bad(`${where}.${k}`, "expected a string label value");
  return x as Record<string, string>;
}

function timestamp(x: unknown, where: string, part = ""): number {
  if (typeof x !== "number" || !Number.isFinite(x)) throw new Bad(where + part, "expected a finite unix time");
  return x;
}

function value(x: unknown, where: string, part = ""): number {
  if (typeof x !== "string") throw new Bad(where + part, "expected a sample value string");
  const v = parseSampleValue(x);
  if (v === null) throw new Bad(where + part, `not a sample value: ${JSON.stringify(x.slice(0, 40))}`);
  return v;
}

/** A checked [time, value] pair; `where` is the path of the pair, "" inside the loops. */
function point(x: unknown, where: string): { t: number; v: number } {
  if (!Array.isArray(x) || x.length !== 2) throw new Bad(where, "expected a [time, value] pair");
  return { t: timestamp(x[0], where, ".0"), v: value(x[1], where, ".1") };
}

/** The same failure with `prefix` in front of its path (anything else unchanged). */
const under = (e: unknown, prefix: string): unknown => (e instanceof Bad ? new Bad(prefix + e.where, e.message) : e);

function list(x: unknown, where: string): unknown[] {
  if (x === null) return [];
  if (!Array.isArray(x)) throw new Bad(where, "expected an array");
  return x;
}

export function parseQueryAnswer(data: unknown): QueryAnswerParse {
  try {
    if (!isObject(data)) throw new Bad("data", "expected an object");
    const r = data.result;
    switch (data.resultType) {
      case "vector": {
        const rows = list(r, "result");
        const samples: Sample[] = [];
        for (let i = 0; i < rows.length; i++) {
          const s = rows[i];
          if (!isObject(s)) throw new Bad(`result.${i}`, "expected a sample");
          const metric = labels(s.metric, `result.${i}.metric`);
          if (s.value === undefined) continue;
          let p: { t: number; v: number };
          try {
            p = point(s.value, "");
          } catch (e) {
            throw under(e, `result.${i}.value`);
          }
          samples.push({ labels: metric, timestamp: p.t, value: p.v });
        }
        return { ok: true, value: { resultType: "vector", samples } };
      }
      case "matrix": {
        const rows = list(r, "result");
        const series: RangeSeries[] = [];
        for (let i = 0; i < rows.length; i++) {
          const s = rows[i];
          if (!isObject(s)) throw new Bad(`result.${i}`, "expected a series");
          const metric = labels(s.metric, `result.${i}.metric`);
          const raw = s.values === undefined ? [] : list(s.values, `result.${i}.values`);
          const points = new Array<{ t: number; v: number }>(raw.length);
          let k = 0;
          try {
            for (; k < raw.length; k++) points[k] = point(raw[k], "");
          } catch (e) {
            throw under(e, `result.${i}.values.${k}`);
          }
          series.push({ labels: metric, points });
        }
        return { ok: true, value: { resultType: "matrix", series } };
      }
      case "scalar": {
        const p = point(r, "result");
        return { ok: true, value: { resultType: "scalar", sample: { labels: {}, timestamp: p.t, value: p.v } } };
      }
      case "string":
        if (!Array.isArray(r) || r.length !== 2 || typeof r[1] !== "string") throw new Bad("result", "expected a [time, string] pair");
        timestamp(r[0], "result.0");
        return { ok: true, value: { resultType: "string" } };
      default:
        throw new Bad("resultType", "expected vector, matrix, scalar or string");
    }
  } catch (e) {
    if (e instanceof Bad) return { ok: false, path: e.where, message: e.message };
    throw e;
  }
}
