import "server-only";
// One GET to a trace backend: the outbound guard first (lib/server/net/guard.ts), a timeout that
// fits the API request's deadline, the tenant header and credentials, the answer read up to a
// byte cap, and redirects never followed (a redirecting trace URL is a setting to fix, and the
// credential must not travel to wherever it points). No retries: a trace lookup is one user
// click, and a retry would double the wait on a backend that is already slow.
//
// What the backend answered is handed back as status + text for the adapter to read (Tempo and
// Jaeger mean different things by the same status). Backend text is only ever quoted through
// quote(): clipped, and with every form of the credential cut out.
import { outboundRefusal } from "@/lib/server/net/guard";
import { clip, DEFAULT_MAX_ANSWER_BYTES, formatBytes, readCapped, redirectTarget, seconds, type Deadline } from "@/lib/server/metrics/limits";
import type { Result } from "@/lib/server/metrics/result";
import { traceFail, type TraceError } from "./source";

export type TraceAuth = { kind: "none" } | { kind: "bearer"; token: string } | { kind: "basic"; username: string; password: string };

export interface TraceHttpConfig {
  /** e.g. http://tempo:3200 (a path prefix, e.g. /tempo behind a gateway, is kept). */
  baseUrl: string;
  /** Sent as X-Scope-OrgID (multi-tenant Tempo). */
  tenant?: string;
  auth?: TraceAuth;
  /** Per call, default 10 000; capped by the deadline. */
  timeoutMs?: number;
  /** Most bytes read from one answer, default 16 MiB (a 5,000-span trace is ~5 MiB of JSON). */
  maxAnswerBytes?: number;
  /** "Tempo" or "Jaeger", for messages. */
  displayName: string;
  fetch?: typeof fetch;
}

export interface TraceAnswer {
  status: number;
  text: string;
  /** Media type without parameters, lowercase; "" when absent. */
  contentType: string;
}

/** Less than this left of the deadline: the call is not started (no answer could come back). */
const MIN_CALL_MS = 200;

/** Where the API lives, for messages: origin and path only. */
export function endpointOf(baseUrl: string): string {
  const u = new URL(baseUrl);
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
}

function headersOf(cfg: TraceHttpConfig): Record<string, string> {
  const h: Record<string, string> = { Accept: "application/json" };
  if (cfg.tenant) h["X-Scope-OrgID"] = cfg.tenant;
  const a = cfg.auth ?? { kind: "none" };
  if (a.kind === "bearer") h.Authorization = `Bearer ${a.token}`;
  if (a.kind === "basic") h.Authorization = `Basic ${Buffer.from(`${a.username}:${a.password}`).toString("base64")}`;
  return h;
}

/** Backend text fit for a message: clipped, control characters folded, the credential cut out. */
export function quote(cfg: Pick<TraceHttpConfig, "auth">, text: string, max = 200): string {
  const secrets: string[] = [];
  const a = cfg.auth;
  if (a?.kind === "bearer") secrets.push(a.token);
  if (a?.kind === "basic") secrets.push(Buffer.from(`${a.username}:${a.password}`).toString("base64"), `${a.username}:${a.password}`, a.password);
  let out = text.slice(0, max * 4);
  for (const s of secrets.filter((x) => x.length >= 4)) out = out.split(s).join("[redacted]");
  return clip(out, max);
}

/** "text/html (1,234 bytes)": what an answer was, without a word of its content. */
export function describeAnswer(a: TraceAnswer): string {
  const type = /^[a-z0-9.+-]{1,40}\/[a-z0-9.+-]{1,60}$/.test(a.contentType) ? a.contentType : "no readable content type";
  const bytes = Buffer.byteLength(a.text);
  return bytes === 0 ? `${type} and an empty body` : `${type} (${bytes.toLocaleString("en-US")} byte${bytes === 1 ? "" : "s"})`;
}

const isTimeout = (e: unknown) => e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");

function connectionCause(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  return clip(cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e)), 120);
}

/**
 * GET `<baseUrl><path>`. Fails with unavailable (refused by the guard, unreachable), timeout,
 * bad_response (redirect, answer over the cap) or unauthorized (401/403); any other status is
 * returned for the adapter to read.
 */
export async function traceGet(cfg: TraceHttpConfig, path: string, deadline?: Deadline): Promise<Result<TraceAnswer, TraceError>> {
  const url = `${cfg.baseUrl.replace(/\/+$/, "")}${path}`;
  const where = endpointOf(cfg.baseUrl);
  const name = cfg.displayName;
  const refused = await outboundRefusal(url);
  if (refused) return traceFail("unavailable", `${name} at ${where} was not contacted: ${refused}`);
  const timeoutMs = cfg.timeoutMs ?? 10_000;
  const left = deadline ? deadline.atMs - Date.now() : Infinity;
  const byDeadline = left < timeoutMs;
  const timedOut = () =>
    traceFail("timeout", byDeadline ? `${name} at ${where} did not answer before the request's deadline (${seconds(deadline!.budgetMs)})` : `${name} at ${where} did not answer within ${seconds(timeoutMs)}`);
  if (left < MIN_CALL_MS) return timedOut();
  const maxBytes = cfg.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  try {
    // The signal also bounds reading the body: a backend that stalls mid-answer still times out.
    const res = await (cfg.fetch ?? fetch)(url, { headers: headersOf(cfg), signal: AbortSignal.timeout(Math.min(timeoutMs, left)), redirect: "manual" });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => {});
      const to = redirectTarget(res.headers.get("location"), url);
      return traceFail("bad_response", `${name} at ${where} answered with a redirect (HTTP ${res.status}) to ${to}; Sightline does not follow redirects: put the final URL in the datasource's trace settings`, res.status);
    }
    const read = await readCapped(res, maxBytes);
    if (!read.ok)
      return traceFail("bad_response", `${name} at ${where} sent an answer larger than ${formatBytes(maxBytes)} (the most Sightline reads from one answer): the trace is too large to show`, res.status);
    if (res.status === 401 || res.status === 403)
      return traceFail("unauthorized", `${name} at ${where} refused the credentials or tenant (HTTP ${res.status}); check the datasource's trace settings`, res.status);
    const contentType = (res.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    return { ok: true, value: { status: res.status, text: read.text, contentType } };
  } catch (e) {
    if (isTimeout(e)) return timedOut();
    return traceFail("unavailable", `${name} at ${where} could not be reached (${quote(cfg, connectionCause(e), 120)})`);
  }
}

/** 429 and 5xx: the backend is there but cannot answer now. */
export function unavailableAnswer(cfg: TraceHttpConfig, a: TraceAnswer, detail?: string): { ok: false; error: TraceError } {
  const why = detail ? `: ${quote(cfg, detail)}` : "";
  return traceFail("unavailable", `${cfg.displayName} at ${endpointOf(cfg.baseUrl)} is unavailable (HTTP ${a.status}${why})`, a.status);
}
