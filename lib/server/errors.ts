// Typed errors that lib/server/api.ts turns into application/problem+json (RFC 9457). Business
// verbs and adapters throw these; route handlers never build error responses by hand.
// `type` strings are a stable contract with the UI (lib/client/http.ts) and API users.
import "server-only";
import type { z } from "zod";

export type FieldIssue = { path: string; message: string };

export const ProblemType = {
  validation: "urn:sightline:problem:validation",
  malformedBody: "urn:sightline:problem:malformed-body",
  unsupportedMediaType: "urn:sightline:problem:unsupported-media-type",
  payloadTooLarge: "urn:sightline:problem:payload-too-large",
  notFound: "urn:sightline:problem:not-found",
  methodNotAllowed: "urn:sightline:problem:method-not-allowed",
  methodNotImplemented: "urn:sightline:problem:method-not-implemented",
  versionConflict: "urn:sightline:problem:version-conflict",
  duplicate: "urn:sightline:problem:duplicate",
  conflict: "urn:sightline:problem:conflict",
  crossSite: "urn:sightline:problem:cross-site-request",
  unauthenticated: "urn:sightline:problem:unauthenticated",
  forbidden: "urn:sightline:problem:forbidden",
  rateLimited: "urn:sightline:problem:rate-limited",
  inUse: "urn:sightline:problem:in-use",
  backendUnavailable: "urn:sightline:problem:backend-unavailable",
  backendTimeout: "urn:sightline:problem:backend-timeout",
  backendBadResponse: "urn:sightline:problem:backend-bad-response",
  backendUnauthorized: "urn:sightline:problem:backend-unauthorized",
  secretUnreadable: "urn:sightline:problem:secret-unreadable",
  databaseUnavailable: "urn:sightline:problem:database-unavailable",
  internal: "urn:sightline:problem:internal",
} as const;
export type ProblemType = (typeof ProblemType)[keyof typeof ProblemType];

/** An error that already knows its HTTP problem. `extensions` are extra members of the body. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: ProblemType,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldIssue[] = [],
    readonly extensions: Record<string, unknown> = {},
    /** Response headers the problem needs (WWW-Authenticate on a 401, Retry-After on a 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

/** 401: no usable credentials (no session, an unknown, expired or revoked token). */
export class UnauthenticatedError extends HttpProblem {
  constructor(detail = "sign in first, or send an API token as Authorization: Bearer <token>") {
    // RFC 9110 11.6.1: a 401 names the scheme it wants.
    super(401, ProblemType.unauthenticated, "Sign-in required", detail, [], {}, { "www-authenticate": 'Bearer realm="sightline"' });
  }
}

/** 403: authenticated, but the role (or the token's scopes, or the editor's teams) does not allow it. */
export class ForbiddenError extends HttpProblem {
  constructor(detail: string, required: string) {
    super(403, ProblemType.forbidden, "Not allowed", detail, [], { required });
  }
}

/** 429 with Retry-After, for sign-in and token endpoints. */
export class RateLimitedError extends HttpProblem {
  constructor(retryAfterSeconds: number, what: string) {
    const s = Math.max(1, Math.ceil(retryAfterSeconds));
    super(429, ProblemType.rateLimited, "Too many attempts", `too many ${what}; try again in ${s} s`, [], {}, { "retry-after": String(s) });
  }
}

export class NotFoundError extends HttpProblem {
  constructor(what: string, key: string) {
    super(404, ProblemType.notFound, "Not found", `${what} "${key}" does not exist`);
  }
}

/** 400 for malformed query strings and path parameters, 422 for well-formed bodies with bad fields. */
export class ValidationError extends HttpProblem {
  constructor(errors: FieldIssue[], status: 400 | 422 = 422, detail = "some fields are invalid") {
    super(status, ProblemType.validation, status === 422 ? "Some fields need attention" : "Invalid request", detail, errors);
  }

  static fromZod(error: z.ZodError, status: 400 | 422 = 422, detail?: string) {
    return new ValidationError(zodIssues(error), status, detail);
  }
}

/** Flattens zod issues to `{path: "extraMatchers.0.value", message}`; one entry per unknown key. */
export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys")
      return issue.keys.map((k) => ({ path: [...issue.path, k].join("."), message: "unknown field" }));
    return [{ path: issue.path.map(String).join("."), message: issue.message }];
  });
}

/** Someone saved first: the body carries the version now stored so the client can reload. */
export class VersionConflictError extends HttpProblem {
  constructor(what: string, sent: number, current: number) {
    super(
      409,
      ProblemType.versionConflict,
      "Changed by someone else",
      `${what} is at version ${current}, the change was based on version ${sent}; reload and apply it again`,
      [{ path: "version", message: `stale: current version is ${current}` }],
      { currentVersion: current },
    );
  }
}

export class DuplicateError extends HttpProblem {
  constructor(what: string, field: string, value: string) {
    super(409, ProblemType.duplicate, "Already exists", `a ${what} with ${field} "${value}" already exists`, [
      { path: field, message: `"${value}" is taken` },
    ]);
  }
}

/** The request conflicts with the resource's state (e.g. editing an archived SLO). */
export class StateConflictError extends HttpProblem {
  constructor(detail: string) {
    super(409, ProblemType.conflict, "Conflict", detail);
  }
}

export type BackendKind = "unavailable" | "timeout" | "bad_response" | "unauthorized";
export type BackendName = "prometheus" | "tempo" | "jaeger";

/**
 * A metrics or trace backend did not give a usable answer. Thrown by the Prometheus/Tempo/Jaeger
 * clients; the API answers 502 (504 for timeouts) saying which backend and why, in words.
 */
export class BackendProblem extends Error {
  constructor(
    readonly kind: BackendKind,
    readonly backend: BackendName,
    message: string,
  ) {
    super(message);
    this.name = "BackendProblem";
  }
}
