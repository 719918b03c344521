import "server-only";
// MetricsSource: the small interface every Prometheus-compatible backend (Prometheus, Mimir, Thanos,
// VictoriaMetrics) sits behind; they differ only in config (ARCHITECTURE.md §4). It accepts only
// PromQL made by lib/promql's render(), so no request can carry PromQL from a browser.
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { PromQL } from "@/lib/promql/ast";
import { planRange, type RangePlan } from "@/lib/promql/step";
import { callApi, endpointOf, type MetricsSourceConfig } from "./http";
import { clip } from "./limits";
import { fail, ok, type Result } from "./result";
import { parseQueryAnswer } from "./query-data";
import {
  BuildInfoData,
  ExemplarData,
  SeriesData,
  StringListData,
  type BuildInfo,
  type ExemplarSeries,
  type RangeSeries,
  type Sample,
} from "./schemas";

export interface InstantResult {
  /** Vector samples; a scalar answer becomes one sample without labels. */
  samples: Sample[];
  warnings: string[];
}
export interface RangeResult {
  series: RangeSeries[];
  plan: RangePlan;
  warnings: string[];
}

export interface MetricsSource {
  /** Base URL + prefix, for messages and logs (no credentials). */
  readonly endpoint: string;
  /** Same for two sources that see the same data (endpoint, tenant, a hash of the credentials): keys shared caches. */
  readonly cacheKey: string;
  query(expr: PromQL, atSeconds: number): Promise<Result<InstantResult>>;
  queryRange(expr: PromQL, startSeconds: number, endSeconds: number, stepSeconds?: number, opts?: { align?: boolean }): Promise<Result<RangeResult>>;
  queryExemplars(expr: PromQL, startSeconds: number, endSeconds: number): Promise<Result<ExemplarSeries[]>>;
  labelValues(label: string, matchers?: readonly PromQL[], startSeconds?: number, endSeconds?: number): Promise<Result<string[]>>;
  series(matchers: readonly PromQL[], startSeconds: number, endSeconds: number): Promise<Result<Record<string, string>[]>>;
  buildInfo(): Promise<Result<BuildInfo>>;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Unix seconds as Prometheus reads them (decimal, millisecond precision). */
const ts = (s: number) => String(Math.round(s * 1000) / 1000);

export function createMetricsSource(cfg: MetricsSourceConfig): MetricsSource {
  const endpoint = endpointOf(cfg);
  const name = cfg.displayName ?? "Prometheus";
  // Hashed: the key lives in long-lived maps and must not hold a credential in clear.
  const cacheKey = [endpoint, cfg.tenant ?? "", createHash("sha256").update(JSON.stringify(cfg.auth ?? {})).digest("base64url").slice(0, 22)].join("\n");

  async function call<S extends z.ZodType>(method: "GET" | "POST", path: string, params: URLSearchParams, schema: S) {
    const r = await callApi(cfg, method, path, params);
    if (!r.ok) return r;
    const parsed = schema.safeParse(r.value.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // The path can hold backend-chosen keys (label names): quoted short like any backend text.
      return fail("bad_response", `${name} at ${endpoint} answered /api/v1/${path} in an unexpected shape (${clip(`${issue.path.join(".") || "data"}: ${issue.message}`)})`);
    }
    return ok({ data: parsed.data as z.output<S>, warnings: r.value.warnings });
  }

  // Query answers (up to 10,000s of samples) are checked by hand, same rules as QueryData (query-data.ts).
  async function answer(path: "query" | "query_range", params: URLSearchParams) {
    const r = await callApi(cfg, "POST", path, params);
    if (!r.ok) return r;
    const parsed = parseQueryAnswer(r.value.data);
    if (!parsed.ok) return fail("bad_response", `${name} at ${endpoint} answered /api/v1/${path} in an unexpected shape (${clip(`${parsed.path}: ${parsed.message}`)})`);
    return ok({ data: parsed.value, warnings: r.value.warnings });
  }

  return {
    endpoint,
    cacheKey,

    async query(expr, atSeconds) {
      const r = await answer("query", new URLSearchParams({ query: expr, time: ts(atSeconds) }));
      if (!r.ok) return r;
      const d = r.value.data;
      if (d.resultType === "scalar") return ok({ samples: [d.sample], warnings: r.value.warnings });
      if (d.resultType !== "vector") return fail("bad_response", `${name} at ${endpoint} answered an instant query with a ${d.resultType}`);
      return ok({ samples: d.samples, warnings: r.value.warnings });
    },

    async queryRange(expr, startSeconds, endSeconds, stepSeconds, opts) {
      const plan = planRange(startSeconds, endSeconds, stepSeconds, opts?.align ?? true);
      const params = new URLSearchParams({ query: expr, start: ts(plan.startSeconds), end: ts(plan.endSeconds), step: String(plan.stepSeconds) });
      const r = await answer("query_range", params);
      if (!r.ok) return r;
      const d = r.value.data;
      if (d.resultType !== "matrix") return fail("bad_response", `${name} at ${endpoint} answered a range query with a ${d.resultType}`);
      const warnings = plan.raised ? [...r.value.warnings, `step raised to ${plan.stepSeconds} s to stay under 11,000 points`] : r.value.warnings;
      return ok({ series: d.series, plan, warnings });
    },

    async queryExemplars(expr, startSeconds, endSeconds) {
      const params = new URLSearchParams({ query: expr, start: ts(startSeconds), end: ts(endSeconds) });
      const r = await call("POST", "query_exemplars", params, ExemplarData);
      if (!r.ok) return r;
      return ok((r.value.data ?? []).map((s) => ({ seriesLabels: s.seriesLabels, exemplars: s.exemplars ?? [] })));
    },

    async labelValues(label, matchers = [], startSeconds, endSeconds) {
      if (label !== "__name__" && !LABEL_NAME.test(label)) return fail("bad_query", `invalid label name ${JSON.stringify(label)}`);
      const params = new URLSearchParams();
      matchers.forEach((m) => params.append("match[]", m));
      if (startSeconds !== undefined) params.set("start", ts(startSeconds));
      if (endSeconds !== undefined) params.set("end", ts(endSeconds));
      const r = await call("GET", `label/${label}/values`, params, StringListData);
      return r.ok ? ok(r.value.data ?? []) : r;
    },

    async series(matchers, startSeconds, endSeconds) {
      if (matchers.length === 0) return fail("bad_query", "a series request needs at least one selector");
      const params = new URLSearchParams({ start: ts(startSeconds), end: ts(endSeconds) });
      matchers.forEach((m) => params.append("match[]", m));
      const r = await call("POST", "series", params, SeriesData);
      return r.ok ? ok(r.value.data ?? []) : r;
    },

    async buildInfo() {
      const r = await call("GET", "status/buildinfo", new URLSearchParams(), BuildInfoData);
      return r.ok ? ok(r.value.data) : r;
    },
  };
}

/** The datasource fields the client needs (the catalogue stores `authSecret` as a token or "user:password"). */
export interface DatasourceConnection {
  prometheusUrl: string;
  pathPrefix: string;
  tenant: string;
  authKind: "none" | "bearer" | "basic";
  authSecret?: string | null;
}

export function configFromDatasource(ds: DatasourceConnection, extra: Partial<MetricsSourceConfig> = {}): MetricsSourceConfig {
  const secret = ds.authSecret ?? "";
  const colon = secret.indexOf(":");
  const auth =
    ds.authKind === "bearer"
      ? { kind: "bearer" as const, token: secret }
      : ds.authKind === "basic"
        ? { kind: "basic" as const, username: colon < 0 ? secret : secret.slice(0, colon), password: colon < 0 ? "" : secret.slice(colon + 1) }
        : { kind: "none" as const };
  return { baseUrl: ds.prometheusUrl, pathPrefix: ds.pathPrefix, tenant: ds.tenant || undefined, auth, ...extra };
}
