import "server-only";
// One GET for the connection test: through the outbound guard, one attempt (a test reports the
// first failure, it does not hide it behind retries), a timeout, no redirects followed, the answer
// read up to a small cap, and the elapsed time measured. An unrecognised body is described (type,
// size), never quoted: a test that echoed whatever answered would let the form read internal pages.
import { outboundRefusal } from "@/lib/server/net/guard";
import { clip, readCapped, redirectTarget, seconds } from "@/lib/server/metrics/limits";
import { describeBody } from "@/lib/server/metrics/http";
import type { DatasourceAuth } from "@/lib/server/catalogue/datasources";

export const PROBE_TIMEOUT_MS = 5_000;
/** A health answer is a few hundred bytes; Jaeger's service list can be long but not this long. */
const PROBE_MAX_BYTES = 1024 * 1024;

export type ProbeResult =
  | { ok: true; url: string; status: number; text: string; contentType: string; elapsedMs: number; res: Response }
  | { ok: false; url: string; status: number | null; elapsedMs: number | null; why: string };

export interface ProbeOptions {
  auth: DatasourceAuth;
  headers?: Record<string, string>;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Where a request goes, for messages: origin and path, never user info or query. */
export function shownUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

function authHeader(a: DatasourceAuth): Record<string, string> {
  if (a.kind === "bearer") return { Authorization: `Bearer ${a.token}` };
  if (a.kind === "basic") return { Authorization: `Basic ${Buffer.from(`${a.username}:${a.password}`).toString("base64")}` };
  return {};
}

function connectionCause(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  return clip(cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e)), 120);
}

export async function probe(url: string, opts: ProbeOptions): Promise<ProbeResult> {
  const shown = shownUrl(url);
  const refused = await outboundRefusal(url);
  if (refused) return { ok: false, url: shown, status: null, elapsedMs: null, why: `not contacted: ${refused}` };
  const timeoutMs = opts.timeoutMs ?? PROBE_TIMEOUT_MS;
  const t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  let res: Response;
  try {
    res = await (opts.fetch ?? fetch)(url, {
      headers: { Accept: "application/json, text/plain", ...opts.headers, ...authHeader(opts.auth) },
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => {});
      const to = redirectTarget(res.headers.get("location"), url);
      return { ok: false, url: shown, status: res.status, elapsedMs: elapsed(), why: `answered with a redirect to ${to}; Sightline does not follow redirects: put the final URL in the datasource` };
    }
    const read = await readCapped(res, PROBE_MAX_BYTES);
    if (!read.ok) return { ok: false, url: shown, status: res.status, elapsedMs: elapsed(), why: "sent an answer larger than a health check's" };
    const contentType = (res.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (res.status === 401 || res.status === 403)
      return { ok: false, url: shown, status: res.status, elapsedMs: elapsed(), why: `refused the credentials or tenant (HTTP ${res.status})` };
    if (res.status < 200 || res.status >= 300)
      return { ok: false, url: shown, status: res.status, elapsedMs: elapsed(), why: `answered HTTP ${res.status} with ${describeBody(res, read.text)}` };
    return { ok: true, url: shown, status: res.status, text: read.text, contentType, elapsedMs: elapsed(), res };
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
    return timedOut
      ? { ok: false, url: shown, status: null, elapsedMs: elapsed(), why: `did not answer within ${seconds(timeoutMs)}` }
      : { ok: false, url: shown, status: null, elapsedMs: elapsed(), why: `could not be reached (${connectionCause(e)})` };
  }
}
