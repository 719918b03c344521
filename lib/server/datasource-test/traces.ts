import "server-only";
// The trace half of the connection test. Tempo: GET /api/echo (the query frontend answers 200 and
// the text "echo" when it can take queries; Grafana's Tempo datasource tests with it), then
// GET /api/status/buildinfo for the version (JSON: version, revision, branch, buildDate, buildUser,
// goVersion). Jaeger: GET /api/services (the query service's envelope: {"data": [names] | null,
// "total", "limit", "offset", "errors"}); its query API reports no version.
import { z } from "zod";
import { clip } from "@/lib/server/metrics/limits";
import { describeBody } from "@/lib/server/metrics/http";
import type { ConnectionCheck } from "@/lib/schemas/datasource-test";
import type { ConnectionConfig } from "./config";
import { probe, shownUrl, type ProbeOptions } from "./probe";

const TempoBuildInfo = z.looseObject({ version: z.string().optional() });
const JaegerServices = z.looseObject({
  data: z.array(z.string()).nullable(),
  errors: z.array(z.looseObject({ code: z.number().optional(), msg: z.string().optional() })).nullable().optional(),
});

const join = (base: string, path: string) => `${base.replace(/\/+$/, "")}${path}`;
const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export async function checkTraces(cfg: ConnectionConfig, fetchImpl?: typeof fetch): Promise<ConnectionCheck> {
  const none = { check: "traces" as const, url: null, httpStatus: null, version: null, elapsedMs: null };
  if (cfg.traceBackend === "none") return { ...none, outcome: "skipped", message: "No trace backend is configured: exemplars will not link to traces." };
  if (cfg.traceUrl === "") return { ...none, outcome: "failed", message: `The trace backend is ${cfg.traceBackend === "tempo" ? "Tempo" : "Jaeger"} but it has no URL.` };
  const opts: ProbeOptions = { auth: cfg.traceAuth, fetch: fetchImpl };
  return cfg.traceBackend === "tempo" ? checkTempo(cfg, { ...opts, headers: cfg.tenant ? { "X-Scope-OrgID": cfg.tenant } : {} }) : checkJaeger(cfg, opts);
}

async function checkTempo(cfg: ConnectionConfig, opts: ProbeOptions): Promise<ConnectionCheck> {
  const echo = await probe(join(cfg.traceUrl, "/api/echo"), opts);
  if (!echo.ok) {
    const hint = echo.status === 404 ? " (Tempo's query frontend serves /api/echo: check the URL points at it, e.g. http://tempo:3200)" : "";
    return { check: "traces", outcome: "failed", url: echo.url, httpStatus: echo.status, version: null, elapsedMs: echo.elapsedMs, message: `Tempo at ${echo.url} ${echo.why}${hint}.` };
  }
  if (echo.text.trim() !== "echo")
    return {
      check: "traces",
      outcome: "failed",
      url: echo.url,
      httpStatus: echo.status,
      version: null,
      elapsedMs: echo.elapsedMs,
      message: `${echo.url} answered HTTP ${echo.status} with ${describeBody(echo.res, echo.text)}, not Tempo's "echo": is this Tempo's query frontend?`,
    };
  const info = await probe(join(cfg.traceUrl, "/api/status/buildinfo"), opts);
  const parsed = info.ok ? TempoBuildInfo.safeParse(parseJson(info.text)) : null;
  const version = parsed?.success && parsed.data.version ? clip(parsed.data.version, 40) : null;
  const elapsedMs = echo.elapsedMs + (info.elapsedMs ?? 0);
  const base = shownUrl(cfg.traceUrl).replace(/\/+$/, "");
  return {
    check: "traces",
    outcome: "ok",
    url: echo.url,
    httpStatus: echo.status,
    version,
    elapsedMs,
    message: `Reached Tempo${version ? ` ${version}` : ""} at ${base} (/api/echo answered "echo", HTTP ${echo.status}, ${elapsedMs} ms)${version ? "" : "; it reported no version"}.`,
  };
}

async function checkJaeger(cfg: ConnectionConfig, opts: ProbeOptions): Promise<ConnectionCheck> {
  const r = await probe(join(cfg.traceUrl, "/api/services"), opts);
  if (!r.ok) {
    const hint = r.status === 404 ? " (Jaeger's query service serves /api/services, usually on port 16686)" : "";
    return { check: "traces", outcome: "failed", url: r.url, httpStatus: r.status, version: null, elapsedMs: r.elapsedMs, message: `Jaeger at ${r.url} ${r.why}${hint}.` };
  }
  const env = JaegerServices.safeParse(parseJson(r.text));
  if (!env.success)
    return {
      check: "traces",
      outcome: "failed",
      url: r.url,
      httpStatus: r.status,
      version: null,
      elapsedMs: r.elapsedMs,
      message: `${r.url} answered HTTP ${r.status} with ${describeBody(r.res, r.text)}, not Jaeger's service list: is this Jaeger's query service?`,
    };
  const problem = env.data.errors?.find((e) => e.msg);
  if (problem)
    return { check: "traces", outcome: "failed", url: r.url, httpStatus: r.status, version: null, elapsedMs: r.elapsedMs, message: `Jaeger at ${r.url} reported an error: ${clip(problem.msg ?? "", 120)}.` };
  const n = env.data.data?.length ?? 0;
  const services = n === 0 ? "no services yet (nothing has sent it spans)" : `${n} service${n === 1 ? "" : "s"}`;
  return {
    check: "traces",
    outcome: n === 0 ? "warning" : "ok",
    url: r.url,
    httpStatus: r.status,
    version: null,
    elapsedMs: r.elapsedMs,
    message: `Reached Jaeger at ${shownUrl(cfg.traceUrl).replace(/\/+$/, "")}: it knows ${services} (HTTP ${r.status}, ${r.elapsedMs} ms); Jaeger's query API reports no version.`,
  };
}
