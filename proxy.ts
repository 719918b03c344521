// Runs before Next.js answers any request but its build assets: puts the security headers on every
// answer (lib/server/edge/security-headers.ts; pages get a fresh CSP nonce that Next copies onto
// its scripts), and for /api refuses cross-site changes (lib/server/edge/csrf.ts) and the inputs below.
//
// For /api: Next decodes the path to match dynamic segments and
// answers a malformed percent-escape (`/api/slos/%ff`, a cut-off `%E0%A4%A`, an encoded surrogate
// `%ED%A0%80`, a bare `%`) with a text/plain 500 before any route handler can see it; checking the
// raw path here turns that into the 400 problem+json other bad input gets. (The query string is
// already re-encoded by then, a bad escape read as U+FFFD: it cannot be told apart here either.)
// A method outside HTTP's usual seven (PROPFIND, FOO...) also got a text/plain 500 from Next:
// it is a 501 problem here, the answer RFC 9110 (15.6.2) gives for a method a server does not do.
import { NextResponse, type NextRequest } from "next/server";
import { getEnv, type Env } from "@/lib/env";
import { crossSiteRefusal } from "@/lib/server/edge/csrf";
import { API_CSP, newNonce, pageCsp, withSecurityHeaders } from "@/lib/server/edge/security-headers";
import { ProblemType } from "@/lib/server/errors";

export function proxy(request: NextRequest) {
  const env = readEnv();
  if (!request.nextUrl.pathname.startsWith("/api/") && request.nextUrl.pathname !== "/api") {
    const nonce = newNonce();
    const csp = pageCsp(nonce, env.NODE_ENV === "development");
    // Next finds the nonce in the request's CSP header and sets it on the scripts it renders.
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("content-security-policy", csp);
    const res = NextResponse.next({ request: { headers: requestHeaders } });
    withSecurityHeaders(res.headers, csp);
    return res;
  }
  const res = apiProxy(request, env);
  withSecurityHeaders(res.headers, API_CSP);
  return res;
}

/** Production's strictness when the environment cannot be read (the app reports that itself). */
function readEnv(): Pick<Env, "NODE_ENV" | "SIGHTLINE_PUBLIC_URL"> {
  try {
    return getEnv();
  } catch {
    return { NODE_ENV: "production", SIGHTLINE_PUBLIC_URL: undefined };
  }
}

function apiProxy(request: NextRequest, env: Pick<Env, "SIGHTLINE_PUBLIC_URL">): NextResponse {
  if (!METHODS.has(request.method))
    return problem({ type: ProblemType.methodNotImplemented, title: "Method not implemented", status: 501, detail: `Sightline's API does not implement ${request.method.slice(0, 20)}`, errors: [] });
  const refused = crossSiteRefusal({ method: request.method, url: request.url, headers: request.headers, publicUrl: env.SIGHTLINE_PUBLIC_URL });
  if (refused) return problem({ type: ProblemType.crossSite, title: "Cross-site request refused", status: 403, detail: refused, errors: [] });
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

// Everything but the build's static assets (hashed JS/CSS, optimised images), which next.config.ts
// gives the static headers.
export const config = { matcher: ["/((?!_next/static|_next/image).*)"] };
