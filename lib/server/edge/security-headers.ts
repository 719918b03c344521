// Security headers on every answer (issue 20 item 5; the probe found none, so every page could be
// framed). proxy.ts applies them to pages, API answers, its own errors and 404s; next.config.ts
// adds the static ones to the build's assets, which proxy.ts does not see.
//
// Pages get a per-request nonce with 'strict-dynamic': Next reads the nonce from the request's
// Content-Security-Policy header and puts it on its own <script> tags, and the scripts those load
// are trusted by 'strict-dynamic'. That only works when pages render per request (app/layout.tsx
// opts into dynamic rendering): a prerendered page would carry scripts without the nonce.
// 'unsafe-eval' only in development (React's dev tooling and Next's HMR evaluate code).
// style-src keeps 'unsafe-inline': React style={} attributes (recharts positions, widths of bars,
// the waterfall) are inline styles, and a nonce cannot cover attributes.
// No upgrade-insecure-requests or HSTS: Sightline is often served over plain http on a private
// network or localhost, where those would break it; a TLS-terminating proxy should add HSTS.

/** Headers every answer carries, whatever it is. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  // frame-ancestors 'none' says it for current browsers; this for those that predate CSP 2.
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // Nothing Sightline does needs these; a script that got in cannot ask for them either.
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** The page policy for one request. */
export function pageCsp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Dev: Next's HMR websocket is on the same host (ws: is not covered by 'self' in every browser).
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** API answers (JSON, problem+json) never load anything: the tightest policy there is. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** 128 random bits, base64: unguessable and fresh per request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function withSecurityHeaders(headers: Headers, csp: string): Headers {
  for (const [k, v] of Object.entries(STATIC_SECURITY_HEADERS)) headers.set(k, v);
  headers.set("Content-Security-Policy", csp);
  return headers;
}
