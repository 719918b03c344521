// Answers for the methods a route does not have, and for paths no route has. Next.js sends an
// empty 405 for a method a route file does not export, and its HTML 404 page under /api; API
// clients get problem+json for those too. Each route file names what it serves:
//
//   export const { POST, PUT, DELETE, OPTIONS } = otherMethods("GET", "PATCH");
//
// (TypeScript refuses destructuring a method that is in the list, so the two cannot disagree.)
// OPTIONS is answered here as well: Next's automatic OPTIONS would list the 405 handlers in Allow.
import "server-only";
import { HttpProblem, ProblemType } from "@/lib/server/errors";
import { problemResponse } from "@/lib/server/api";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];
type Handler = (request: Request) => Promise<Response>;

/** The `Allow` header value for a route serving `methods` (HEAD comes with GET, as Next serves it). */
export const allowHeader = (methods: readonly Method[]) =>
  [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");

export function otherMethods<A extends Method>(...allowed: A[]): Record<Exclude<Method, A> | "OPTIONS", Handler> {
  const allow = allowHeader(allowed);
  const out: Record<string, Handler> = {
    OPTIONS: async () => new Response(null, { status: 204, headers: { allow, "cache-control": "no-store" } }),
  };
  for (const method of METHODS.filter((m) => !(allowed as Method[]).includes(m)))
    out[method] = async () => {
      const res = problemResponse(
        new HttpProblem(405, ProblemType.methodNotAllowed, "Method not allowed", `${method} is not supported here; use ${allowed.join(" or ")}`),
      );
      res.headers.set("allow", allow);
      return res;
    };
  return out as Record<Exclude<Method, A> | "OPTIONS", Handler>;
}

/** Every method answers 404 problem+json: the catch-all under /api for paths no route serves. */
export function noRoute(): Record<Method | "OPTIONS", Handler> {
  const notFound: Handler = async (request) =>
    problemResponse(new HttpProblem(404, ProblemType.notFound, "Not found", `no API route at ${new URL(request.url).pathname.slice(0, 200)}`));
  return { GET: notFound, POST: notFound, PUT: notFound, PATCH: notFound, DELETE: notFound, OPTIONS: notFound };
}
