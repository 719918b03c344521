// Runs before Next.js routes /api requests. Next decodes the path to match dynamic segments and
// answers a malformed percent-escape (`/api/slos/%ff`, a cut-off `%E0%A4%A`, an encoded surrogate
// `%ED%A0%80`, a bare `%`) with a text/plain 500 before any route handler can see it; checking the
// raw path here turns that into the 400 problem+json other bad input gets. (The query string is
// already re-encoded by then, a bad escape read as U+FFFD: it cannot be told apart here either.)
// A method outside HTTP's usual seven (PROPFIND, FOO...) also got a text/plain 500 from Next:
// it is a 501 problem here, the answer RFC 9110 (15.6.2) gives for a method a server does not do.
import { NextResponse, type NextRequest } from "next/server";
import { ProblemType } from "@/lib/server/errors";

export function proxy(request: NextRequest) {
  if (!METHODS.has(request.method))
    return problem({ type: ProblemType.methodNotImplemented, title: "Method not implemented", status: 501, detail: `Sightline's API does not implement ${request.method.slice(0, 20)}`, errors: [] });
  const segment = new URL(request.url).pathname.split("/").findIndex((s) => !decodes(s));
  if (segment === -1) return NextResponse.next();
  return problem({
    type: ProblemType.validation,
    title: "Invalid request",
    status: 400,
    detail: "the path has a malformed percent-escape (it must encode UTF-8)",
    errors: [{ path: "path", message: `segment ${segment} is not valid percent-encoded UTF-8` }],
  });
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

function problem(body: { type: string; title: string; status: number; detail: string; errors: unknown[] }) {
  return new NextResponse(JSON.stringify(body), {
    status: body.status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
  });
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

export const config = { matcher: "/api/:path*" };
