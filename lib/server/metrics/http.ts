import "server-only";
// One HTTP exchange with a Prometheus-compatible API: timeout per attempt, bounded retries with
// exponential backoff and jitter on 429/502/503/504 and connection errors (honouring Retry-After
// up to a cap), never a retry on other 4xx or on a timeout (the caller already waited the full
// budget once). Every attempt also fits the API request's deadline (limits.ts), answers are read
// up to a byte cap, and redirects are never followed. Returns the validated envelope's data, or a
// typed error written for a human.
import { outboundRefusal } from "@/lib/server/net/guard";
import { Envelope } from "./schemas";
import { fail, ok, type MetricsError, type Result } from "./result";
import { capWarnings, clip, DEFAULT_MAX_ANSWER_BYTES, formatBytes, MAX_ANSWER_WARNINGS, readCapped, redirectTarget, seconds, type Deadline } from "./limits";

export { deadlineIn, type Deadline } from "./limits";

export type MetricsAuth = { kind: "none" } | { kind: "bearer"; token: string } | { kind: "basic"; username: string; password: string };

export interface MetricsSourceConfig {
  /** e.g. http://prometheus:9090 */
  baseUrl: string;
  /** e.g. "/prometheus" for Mimir; joined before /api/v1. */
  pathPrefix?: string;
  /** Sent as X-Scope-OrgID (Mimir, Cortex). */
  tenant?: string;
  auth?: MetricsAuth;
  /** Per attempt, default 10 000; a cap inside the deadline. */
  timeoutMs?: number;
  /** The API request's budget across all calls made with this config; none: only timeoutMs. */
  deadline?: Deadline;
  /** Most bytes read from one answer, default 16 MiB. */
  maxAnswerBytes?: number;
  /** Retries after the first attempt, default 2. */
  maxRetries?: number;
  /** Backoff base, default 250 ms (doubled per retry, with jitter). */
  backoffBaseMs?: number;
  /** Longest Retry-After honoured, default 5 000 ms. */
  retryAfterCapMs?: number;
  /** Name used in messages, default "Prometheus". */
  displayName?: string;
  fetch?: typeof fetch;
}

export interface ApiResponse {
  data: unknown;
  warnings: string[];
}

const RETRYABLE = new Set([429, 502, 503, 504]);

/** Where the API lives, for messages: never includes credentials. */
export function endpointOf(cfg: MetricsSourceConfig): string {
  const u = new URL(cfg.baseUrl);
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}${cfg.pathPrefix ?? ""}`;
}

function headersOf(cfg: MetricsSourceConfig): Record<string, string> {
  const h: Record<string, string> = { Accept: "application/json" };
  if (cfg.tenant) h["X-Scope-OrgID"] = cfg.tenant;
  const a = cfg.auth ?? { kind: "none" };
  if (a.kind === "bearer") h.Authorization = `Bearer ${a.token}`;
  if (a.kind === "basic") h.Authorization = `Basic ${Buffer.from(`${a.username}:${a.password}`).toString("base64")}`;
  return h;
}

/** Retry-After as milliseconds (delta-seconds or HTTP date); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(at - nowMs, 0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Less than this left of the deadline: no attempt is started (it could not get an answer back). */
const MIN_ATTEMPT_MS = 200;
const msLeft = (cfg: MetricsSourceConfig) => (cfg.deadline ? cfg.deadline.atMs - Date.now() : Infinity);

function connectionCause(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  return clip(cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e)), 120);
}

const isTimeout = (e: unknown) => e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");

type Attempt = { retry: true; afterMs: number | null; failure: { ok: false; error: MetricsError } } | { retry: false; result: Result<ApiResponse> };

async function attempt(cfg: MetricsSourceConfig, method: "GET" | "POST", url: string, body: URLSearchParams | null): Promise<Attempt> {
  const where = endpointOf(cfg);
  const name = cfg.displayName ?? "Prometheus";
  const timeoutMs = cfg.timeoutMs ?? 10_000;
  const left = msLeft(cfg);
  const byDeadline = left < timeoutMs;
  const timedOut = () =>
    fail("timeout", byDeadline ? `${name} at ${where} did not answer before the request's deadline (${seconds(cfg.deadline!.budgetMs)} for all its queries)` : `${name} at ${where} did not answer within ${seconds(timeoutMs)}`);
  if (left < MIN_ATTEMPT_MS) return { retry: false, result: timedOut() };
  const maxBytes = cfg.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  const doFetch = cfg.fetch ?? fetch;
  let res: Response;
  let text: string;
  try {
    const headers = headersOf(cfg);
    if (body) headers["Content-Type"] = "application/x-www-form-urlencoded";
    // The signal also bounds reading the body: a server that stalls mid-answer still times out.
    // A string body goes out in one write; a URLSearchParams body is streamed piecewise by undici.
    // Redirects are not followed: a datasource URL that redirects (to a login page, another port,
    // turning a POST into a GET) is a configuration to fix, and credentials must not travel on.
    res = await doFetch(url, { method, headers, body: body?.toString(), signal: AbortSignal.timeout(Math.min(timeoutMs, left)), redirect: "manual" });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => {});
      const to = redirectTarget(res.headers.get("location"), url);
      const msg = `${name} at ${where} answered with a redirect (HTTP ${res.status}) to ${to}; Sightline does not follow redirects: put the final URL in the datasource`;
      return { retry: false, result: fail("bad_response", msg, res.status) };
    }
    const read = await readCapped(res, maxBytes);
    if (!read.ok)
      return { retry: false, result: fail("bad_response", `${name} at ${where} sent an answer larger than ${formatBytes(maxBytes)} (the most Sightline reads from one answer)`, res.status) };
    text = read.text;
  } catch (e) {
    if (isTimeout(e)) return { retry: false, result: timedOut() };
    return { retry: true, afterMs: null, failure: fail("unavailable", `${name} at ${where} could not be reached (${connectionCause(e)})`) };
  }
  const status = res.status;
  if (status === 401 || status === 403)
    return { retry: false, result: fail("unauthorized", `${name} at ${where} refused the credentials or tenant (HTTP ${status})`, status) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const env = Envelope.safeParse(json);
  const detail = env.success && env.data.error ? `: ${clip(env.data.error)}` : "";
  // Prometheus answers a query that ran out of its own time budget with 503 + errorType "timeout":
  // running it again would take as long again.
  if (env.success && env.data.errorType === "timeout")
    return { retry: false, result: fail("timeout", `${name} at ${where} gave up on the query (timeout)${detail}`, status) };
  if (RETRYABLE.has(status))
    return {
      retry: true,
      afterMs: parseRetryAfter(res.headers.get("retry-after")),
      failure: fail("unavailable", `${name} at ${where} is unavailable (HTTP ${status}${detail})`, status),
    };
  if (!env.success) {
    // Never quoted: whatever answered (an internal admin page, a metadata service) is not ours to
    // show, and quoting it turned the datasource form into a way to read internal addresses.
    const hint = status === 404 ? " (check the URL and path prefix)" : "";
    return { retry: false, result: fail("bad_response", `${name} at ${where} answered HTTP ${status} with ${describeBody(res, text)}, not the Prometheus API${hint}`, status) };
  }
  if (env.data.status === "error") {
    const type = clip(env.data.errorType ?? "", 40);
    const kind = type === "timeout" ? "timeout" : type === "bad_data" || type === "execution" || status === 400 || status === 422 ? "bad_query" : "unavailable";
    return { retry: false, result: fail(kind, `${name} at ${where} rejected the request (${type || `HTTP ${status}`})${detail}`, status) };
  }
  if (status < 200 || status >= 300)
    return { retry: false, result: fail("bad_response", `${name} at ${where} answered HTTP ${status} with a success body`, status) };
  const warnings = capWarnings([...(env.data.warnings ?? []), ...(env.data.infos ?? [])], MAX_ANSWER_WARNINGS, name);
  return { retry: false, result: ok({ data: env.data.data, warnings }) };
}

/** "text/html (1,234 bytes)": what an unrecognised answer was, without a word of its content. */
export function describeBody(res: Response, text: string): string {
  const type = (res.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const shownType = /^[a-z0-9.+-]{1,40}\/[a-z0-9.+-]{1,60}$/.test(type) ? type : "no readable content type";
  const bytes = Buffer.byteLength(text);
  return bytes === 0 ? `${shownType} and an empty body` : `${shownType} (${bytes.toLocaleString("en-US")} byte${bytes === 1 ? "" : "s"})`;
}

/**
 * Backend text may echo what it was sent (a proxy quoting the Authorization header back): every
 * form of the credential is cut out of a message before it leaves this module.
 */
function redact(text: string, auth: MetricsAuth | undefined): string {
  const secrets: string[] = [];
  if (auth?.kind === "bearer") secrets.push(auth.token);
  if (auth?.kind === "basic") secrets.push(Buffer.from(`${auth.username}:${auth.password}`).toString("base64"), `${auth.username}:${auth.password}`, auth.password);
  let out = text;
  for (const s of secrets.filter((x) => x.length >= 4)) out = out.split(s).join("[redacted]");
  return out;
}

function redactResult(r: Result<ApiResponse>, auth: MetricsAuth | undefined): Result<ApiResponse> {
  if (!auth || auth.kind === "none") return r;
  if (!r.ok) return fail(r.error.kind, redact(r.error.message, auth), r.error.status);
  return ok({ data: r.value.data, warnings: r.value.warnings.map((w) => redact(w, auth)) });
}

/** Calls `<base><prefix>/api/v1/<path>` with retries. GET params go in the URL, POST params as a form. */
export async function callApi(
  cfg: MetricsSourceConfig,
  method: "GET" | "POST",
  path: string,
  params: URLSearchParams,
): Promise<Result<ApiResponse>> {
  const base = `${cfg.baseUrl.replace(/\/+$/, "")}${cfg.pathPrefix ?? ""}/api/v1/${path}`;
  const qs = params.toString();
  const url = method === "GET" && qs ? `${base}?${qs}` : base;
  const maxRetries = cfg.maxRetries ?? 2;
  const baseMs = cfg.backoffBaseMs ?? 250;
  const capMs = cfg.retryAfterCapMs ?? 5_000;
  // Judged before every call, not only at save time: DNS answers and the allow-list change.
  const refused = await outboundRefusal(url);
  if (refused) return fail("unavailable", `${cfg.displayName ?? "Prometheus"} at ${endpointOf(cfg)} was not contacted: ${refused}`);
  for (let n = 0; ; n++) {
    const a = await attempt(cfg, method, url, method === "POST" ? params : null);
    if (!a.retry) return redactResult(a.result, cfg.auth);
    if (n >= maxRetries) return redactResult(a.failure, cfg.auth);
    // Full jitter on an exponential base spreads retries of many concurrent callers.
    const backoff = baseMs * 2 ** n * (0.5 + Math.random() / 2);
    const waitMs = a.afterMs === null ? backoff : Math.min(Math.max(a.afterMs, backoff), capMs);
    // A retry that could not finish inside the request's deadline only makes the caller wait longer.
    if (msLeft(cfg) - waitMs < MIN_ATTEMPT_MS * 2) {
      const e = a.failure.error;
      return redactResult(fail(e.kind, `${e.message}; not retried: too little of the request's ${seconds(cfg.deadline!.budgetMs)} deadline left`, e.status), cfg.auth);
    }
    await sleep(waitMs);
  }
}
