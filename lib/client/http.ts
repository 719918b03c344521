// The browser's one way to talk to Sightline's JSON API: same-origin fetch, responses checked
// against the shared DTO schemas, and problem+json errors turned into an `ApiError` value that
// the UI can show in words (ARCHITECTURE.md §5). The schemas come as loaders (`lazySchema`): zod
// and the schema modules are fetched with the first answer, not in a page's first load.
import type { z } from "zod";
import { lazyModule } from "@/lib/lazy";

export type FieldError = { path: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];

  constructor(init: { status: number; type?: string; title: string; detail?: string; fieldErrors?: FieldError[] }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title);
    this.name = "ApiError";
    this.status = init.status;
    this.type = init.type ?? "about:blank";
    this.title = init.title;
    this.detail = init.detail ?? "";
    this.fieldErrors = init.fieldErrors ?? [];
  }
}

/** A response schema fetched on first use (its module brings zod, configured by lib/schemas/zod.ts). */
export type LazySchema<T> = () => Promise<z.ZodType<T>>;

export const lazySchema = <T>(load: () => Promise<z.ZodType<T>>): LazySchema<T> => lazyModule(load).get;

// A problem+json body, read by hand (no zod in the first load). `path` may come as "window.days" or
// ["window","days"] depending on who serialised the zod issue.
type Problem = { type?: string; title?: string; detail?: string; errors?: FieldError[] };

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

function problemPath(p: unknown): string | null {
  if (typeof p === "string") return p.replace(/^\//, "").replaceAll("/", ".");
  if (Array.isArray(p) && p.every((x) => typeof x === "string" || typeof x === "number")) return p.join(".");
  return null;
}

export function readProblem(body: unknown): Problem {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return {};
  const b = body as Record<string, unknown>;
  let errors: FieldError[] | undefined;
  if (Array.isArray(b.errors)) {
    errors = [];
    for (const e of b.errors) {
      if (typeof e !== "object" || e === null) return {};
      const path = problemPath((e as Record<string, unknown>).path);
      const message = str((e as Record<string, unknown>).message);
      if (path === null || message === undefined) return {};
      errors.push({ path, message });
    }
  } else if (b.errors !== undefined) return {};
  for (const k of ["type", "title", "detail"] as const) if (b[k] !== undefined && typeof b[k] !== "string") return {};
  if (b.status !== undefined && typeof b.status !== "number") return {};
  return { type: str(b.type), title: str(b.title), detail: str(b.detail), errors };
}

const statusTitles: Record<number, string> = {
  400: "The request was not understood",
  404: "Not found",
  409: "Conflict",
  422: "Some fields need attention",
  500: "The server hit an error",
  502: "A backend did not answer properly",
  503: "The service is unavailable",
};

async function toApiError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  const p = readProblem(body);
  return new ApiError({
    status: res.status,
    type: p.type,
    title: p.title ?? statusTitles[res.status] ?? `Request failed (HTTP ${res.status})`,
    detail: p.detail,
    fieldErrors: p.errors,
  });
}

type Options = { method?: "GET" | "POST" | "PATCH" | "DELETE"; body?: unknown; signal?: AbortSignal };

/** Fetches `path` from the API and parses the JSON answer with `schema`. Throws `ApiError`. */
export async function apiFetch<T>(path: string, schema: LazySchema<T>, opts: Options = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: opts.method ?? "GET",
      headers: opts.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
      cache: "no-store",
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError({ status: 0, title: "Could not reach the Sightline server", detail: "Check your connection and try again." });
  }
  if (!res.ok) throw await toApiError(res);
  const data: unknown = await res.json().catch(() => undefined);
  const parsed = (await schema()).safeParse(data);
  if (!parsed.success) {
    const { prettifyError } = await import("zod");
    throw new ApiError({ status: res.status, title: "The server sent an answer this page does not understand", detail: prettifyError(parsed.error) });
  }
  return parsed.data;
}

/** Fetches a text answer (a YAML download); errors as in `apiFetch`. Throws `ApiError`. */
export async function apiFetchText(path: string, opts: { signal?: AbortSignal } = {}): Promise<string> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { accept: "application/yaml, text/plain, application/problem+json" }, signal: opts.signal, cache: "no-store" });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError({ status: 0, title: "Could not reach the Sightline server", detail: "Check your connection and try again." });
  }
  if (!res.ok) throw await toApiError(res);
  return res.text();
}

/** A stale `version` (someone saved first), as opposed to other 409s such as a taken slug. */
export const isVersionConflict = (e: unknown): e is ApiError =>
  e instanceof ApiError && e.status === 409 && (e.type.endsWith(":version-conflict") || e.fieldErrors.some((f) => f.path === "version"));

/** Words for any error a query or mutation can raise. */
export function describeError(e: unknown): { title: string; detail: string } {
  if (e instanceof ApiError) return { title: e.title, detail: e.detail };
  if (e instanceof Error) return { title: "Something went wrong", detail: e.message };
  return { title: "Something went wrong", detail: "" };
}

/** Builds `?a=1&b=2` from defined, non-empty values only. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : "";
}
