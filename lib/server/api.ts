// The one route-handler wrapper (ARCHITECTURE.md §12): parses path params, query and JSON body
// with zod before the handler runs, resolves the actor, and turns every thrown error into
// application/problem+json. Handlers only call a business verb and return its DTO. Every route
// declares what it `requires` (a permission of lib/auth/permissions.ts, or "public"); the wrapper
// resolves who is asking (lib/server/auth/resolve.ts) and answers 401/403 before the handler runs,
// so a route cannot forget the check (the spec does not type-check without it). Before any
// schema runs, every param, query value and body string is checked for text no route may take
// (NUL, lone surrogates, malformed escapes: api-text.ts), so each route gets that for free.
//
//   export const PATCH = route({ requires: "slo.write", params: IdParams, body: UpdateSloInput }, async ({ params, body, auth }) => ...);
import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { jsonTextIssues, paramTextIssues, parseQuery } from "@/lib/server/api-text";
import type { Permission } from "@/lib/auth/permissions";
import { assertAllowed, type AuthContext } from "@/lib/server/auth/context";
import { resolveAuth } from "@/lib/server/auth/resolve";
import { isDatabaseUnavailable } from "@/lib/server/database-errors";
import {
  BackendProblem,
  HttpProblem,
  ProblemType,
  UnauthenticatedError,
  ValidationError,
  type FieldIssue,
} from "@/lib/server/errors";

export * from "@/lib/server/errors";

export const MAX_BODY_BYTES = 64 * 1024;
/** Seconds a client should wait before retrying while the catalogue database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Path params for `[id]` routes: a cuid or a slug. */
export const IdParams = z.object({ id: z.string().min(1).max(128) }).strict();

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a route needs: a permission, or "public" (sign-in, health) where nobody need be signed in. */
export type Requirement = Permission | "public";

export interface RouteInput<P, Q, B, R extends Requirement = Requirement> {
  params: Infer<P>;
  query: Infer<Q>;
  body: Infer<B>;
  /** Who is asking; null only on public routes when nobody is signed in. */
  auth: R extends "public" ? AuthContext | null : AuthContext;
  /** auth.actor, or "anonymous" on a public route without sign-in. */
  actor: string;
  request: Request;
}

/** A handler returns a DTO (sent as 200 JSON) or a full Response (e.g. `created()`). */
type Handler<P, Q, B, R extends Requirement> = (input: RouteInput<P, Q, B, R>) => Promise<unknown>;

// Next.js passes `{ params: Promise<...> }`; `unknown` accepts every route's param shape.
type RouteContext = { params: Promise<unknown> };

/** A wrapped route handler; `requires` is what it declared. */
export type RouteHandler = ((request: Request, context: RouteContext) => Promise<Response>) & { readonly requires: Requirement };

export function route<
  R extends Requirement,
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(spec: { requires: R; params?: P; query?: Q; body?: B; /** Larger bodies than MAX_BODY_BYTES (a file of SLOs). */ maxBodyBytes?: number }, handler: Handler<P, Q, B, R>): RouteHandler {
  // `requires` rides on the handler so tests/integration/auth-matrix.test.ts can read what each
  // exported method declares and check it against its own written-out table.
  return Object.assign(async (request: Request, context: RouteContext) => {
    try {
      // Who is asking comes first: an anonymous caller learns nothing, not even which input is wrong.
      const auth = await resolveAuth(request);
      if (spec.requires !== "public") {
        if (!auth) throw new UnauthenticatedError();
        assertAllowed(auth, spec.requires);
      }
      const rawParams = ((await context?.params) ?? {}) as Record<string, unknown>;
      throwIfAny(paramTextIssues(rawParams), 400, "invalid path");
      const { query: rawQuery, issues: queryIssues } = parseQuery(new URL(request.url).search);
      throwIfAny(queryIssues, 400, "invalid query");
      const params = spec.params ? parseOrThrow(spec.params, rawParams, 400, "path") : undefined;
      const query = spec.query ? parseOrThrow(spec.query, rawQuery, 400, "query") : undefined;
      const body = spec.body ? parseOrThrow(spec.body, await readJsonBody(request, spec.maxBodyBytes ?? MAX_BODY_BYTES), 422, "body") : undefined;
      const actor = auth?.actor ?? "anonymous";
      const out = await handler({ params, query, body, auth, actor, request } as RouteInput<P, Q, B, R>);
      return out instanceof Response ? out : Response.json(out, { headers: { "cache-control": "no-store" } });
    } catch (err) {
      return problemResponse(err);
    }
  }, { requires: spec.requires as Requirement });
}

/** 201 with a Location header. */
export function created(body: unknown, location: string): Response {
  return Response.json(body, { status: 201, headers: { location, "cache-control": "no-store" } });
}

/** Maps any thrown value to a problem+json response; unknown errors are logged, never leaked. */
export function problemResponse(err: unknown): Response {
  if (err instanceof HttpProblem)
    return problem(err.status, err.type, err.title, err.detail, err.errors, err.extensions, err.headers);
  if (isDatabaseUnavailable(err)) {
    // Expected while PostgreSQL restarts or fails over: one line, no stack, and a retry hint.
    console.error(`[sightline] catalogue database unavailable: ${err instanceof Error ? err.message.trim().split("\n").pop() : String(err)}`);
    return problem(503, ProblemType.databaseUnavailable, "The catalogue database is unavailable", "the catalogue database is unavailable; try again shortly", [], {}, {
      "retry-after": String(DATABASE_RETRY_AFTER_SECONDS),
    });
  }
  if (err instanceof BackendProblem) {
    const { status, type } = backendMapping[err.kind];
    const name = backendNames[err.backend];
    return problem(status, type, backendTitles[err.kind](name), `no data from ${name}: ${err.message}`, [], {
      backend: err.backend,
      kind: err.kind,
    });
  }
  const reference = randomUUID();
  console.error(`[sightline] unexpected error (reference ${reference})`, err);
  return problem(500, ProblemType.internal, "The server hit an error", `unexpected error; reference ${reference} in the server log`, [], {
    reference,
  });
}

const backendNames = { prometheus: "Prometheus", tempo: "Tempo", jaeger: "Jaeger" } as const;
const backendMapping = {
  unavailable: { status: 502, type: ProblemType.backendUnavailable },
  timeout: { status: 504, type: ProblemType.backendTimeout },
  bad_response: { status: 502, type: ProblemType.backendBadResponse },
  unauthorized: { status: 502, type: ProblemType.backendUnauthorized },
} as const;
const backendTitles: Record<BackendProblem["kind"], (name: string) => string> = {
  unavailable: (n) => `${n} is unavailable`,
  timeout: (n) => `${n} did not answer in time`,
  bad_response: (n) => `${n} sent an answer Sightline does not understand`,
  unauthorized: (n) => `${n} refused Sightline's credentials`,
};

function problem(status: number, type: string, title: string, detail: string, errors: FieldIssue[], ext: Record<string, unknown>, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ ...ext, type, title, status, detail, errors }), {
    status,
    headers: { ...headers, "content-type": "application/problem+json", "cache-control": "no-store" },
  });
}

function throwIfAny(issues: FieldIssue[], status: 400 | 422, detail: string) {
  if (issues.length > 0) throw new ValidationError(issues, status, detail);
}

function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, status: 400 | 422, where: string): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw ValidationError.fromZod(r.error, status, `invalid ${where}`);
  return r.data;
}

const malformed = (detail: string) => new HttpProblem(400, ProblemType.malformedBody, "The request body is not usable", detail);

async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  // Requiring a JSON media type also forces a CORS preflight on cross-site requests: an HTML form
  // on another site cannot post to this API (text/plain and form bodies are refused here).
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json" && !/^application\/[a-z0-9.+-]+\+json$/.test(mediaType))
    throw new HttpProblem(415, ProblemType.unsupportedMediaType, "Unsupported media type", "send the body as application/json");
  const declared = Number(request.headers.get("content-length"));
  if (declared > limit) throw tooLarge(limit);
  const text = await readLimited(request, limit);
  if (text.trim() === "") throw malformed("the body is empty; send a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw malformed(`the body is not valid JSON (${e instanceof Error ? e.message : "parse error"})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw malformed(`the body must be a JSON object, not ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}`);
  throwIfAny(jsonTextIssues(value), 422, "some fields hold text that cannot be stored");
  return value;
}

const tooLarge = (limit: number) =>
  new HttpProblem(413, ProblemType.payloadTooLarge, "Request body too large", `the body must be at most ${limit / 1024} KiB`);

/** Reads the body as UTF-8 and stops at `limit` bytes even when Content-Length is absent or lies. */
async function readLimited(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw malformed("the body is not valid UTF-8");
  }
}
