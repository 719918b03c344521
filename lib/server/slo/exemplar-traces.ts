import "server-only";
// The existence check of one trace on the datasource's trace backend, as exemplar-check.ts asks it;
// null when the datasource has no trace backend configured.
import type { DatasourceConfig } from "@/lib/server/catalogue/datasources";
import type { ExistsAnswer, ExistsFn } from "./exemplar-check";

/** One existence check may take this long (the whole batch has its own budget). */
const CHECK_TIMEOUT_MS = 2000;

export function traceExistsFor(ds: Pick<DatasourceConfig, "traceBackend" | "traceUrl" | "tenant" | "traceAuth">): ExistsFn | null {
  if (ds.traceBackend === "none" || !ds.traceUrl) return null;
  const base = ds.traceUrl.replace(/\/+$/, "");
  const headers: Record<string, string> = { Accept: "application/json" };
  if (ds.tenant) headers["X-Scope-OrgID"] = ds.tenant;
  const a = ds.traceAuth;
  if (a.kind === "bearer") headers.Authorization = `Bearer ${a.token}`;
  if (a.kind === "basic") headers.Authorization = `Basic ${Buffer.from(`${a.username}:${a.password}`).toString("base64")}`;
  const paths = ds.traceBackend === "tempo" ? ["/api/v2/traces/", "/api/traces/"] : ["/api/traces/"];
  return async (traceId, signal) => {
    let last: ExistsAnswer = { ok: false, message: "no answer" };
    for (const p of paths) {
      let res: Response;
      try {
        res = await fetch(`${base}${p}${traceId}`, { headers, redirect: "manual", signal: AbortSignal.any([signal, AbortSignal.timeout(CHECK_TIMEOUT_MS)]) });
      } catch (e) {
        return { ok: false, message: `${ds.traceBackend} at ${base} did not answer (${(e as Error).name === "TimeoutError" ? "timeout" : (e as Error).message})` };
      }
      const body = await res.text().catch(() => "");
      if (res.status === 404) {
        // Tempo's v2 path is missing on old Tempo (a 404 page): try v1 before calling the trace missing.
        if (ds.traceBackend === "tempo" && p === "/api/v2/traces/" && body.includes("page not found")) continue;
        return { ok: true, exists: false };
      }
      if (res.ok) {
        // Jaeger answers 200 with an empty data list on some versions for an unknown id.
        if (ds.traceBackend === "jaeger" && /"data"\s*:\s*(null|\[\s*\])/.test(body)) return { ok: true, exists: false };
        return { ok: true, exists: true };
      }
      last = { ok: false, message: `${ds.traceBackend} at ${base} answered ${res.status}` };
    }
    return last;
  };
}
