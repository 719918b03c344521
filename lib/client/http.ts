// The browser's one way to talk to Sightline's JSON API: same-origin fetch, responses checked
// against the shared DTO schemas, and problem+json errors turned into an `ApiError` value that
// the UI can show in words (ARCHITECTURE.md §5).
import { z } from "zod";

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

// `path` may come as "window.days" or ["window","days"] depending on who serialised the zod issue.
const ProblemPath = z.union([z.string(), z.array(z.union([z.string(), z.number()]))]).transform((p) =>
  Array.isArray(p) ? p.join(".") : p.replace(/^\//, "").replaceAll("/", "."),
);

const Problem = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: ProblemPath, message: z.string() })).optional(),
});

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
  const parsed = Problem.safeParse(body);
  const p = parsed.success ? parsed.data : {};
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
export async function apiFetch<S extends z.ZodType>(path: string, schema: S, opts: Options = {}): Promise<z.infer<S>> {
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
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new ApiError({ status: res.status, title: "The server sent an answer this page does not understand", detail: z.prettifyError(parsed.error) });
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
