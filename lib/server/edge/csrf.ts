// Cross-site request refusal for the API (issue 20 item 5): a state-changing request
// (POST, PUT, PATCH, DELETE) must come from Sightline's own pages, or from a client that is not a
// browser. Until now only the JSON content-type rule stood between another site's form and the
// API; this is checked before any route runs (proxy.ts), for every /api path.
//
// The rule, in order:
// 1. `Authorization: Bearer …` passes: browsers never attach it on their own, and a cross-site
//    page adding it needs a CORS preflight that Sightline does not grant (API tokens will use it).
// 2. `Origin` present: it must be Sightline's origin — SIGHTLINE_PUBLIC_URL's when set (behind a
//    reverse proxy the browser's origin is not what the app sees), or the origin the request was
//    addressed to (X-Forwarded-Proto/-Host when a proxy sets them, else the URL's scheme and the
//    Host header). `Origin: null` (sandboxed frames, privacy redirects) is refused. Trusting the
//    forwarded headers is safe for this check: the attacker here is a browser on another site,
//    and a page cannot set those headers on a request it makes a browser send.
// 3. No Origin: browsers send Origin on every cross-site POST and on every fetch() that is not
//    GET/HEAD, so this is an old browser or a non-browser client. `Sec-Fetch-Site` decides when
//    present (same-origin or none pass); else a `Referer` must be same-origin; with neither
//    (curl, the CLI, scripts) the request passes.

export type CsrfInput = {
  method: string;
  url: string;
  headers: Headers;
  /** SIGHTLINE_PUBLIC_URL, when set. */
  publicUrl?: string;
};

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const originOf = (u: string): string | null => {
  try {
    const o = new URL(u).origin;
    return o === "null" ? null : o;
  } catch {
    return null;
  }
};

/** The origins this request may come from. */
export function ownOrigins({ url, headers, publicUrl }: CsrfInput): Set<string> {
  const out = new Set<string>();
  const pub = publicUrl ? originOf(publicUrl) : null;
  if (pub) out.add(pub);
  const first = (v: string | null) => v?.split(",")[0].trim() || null;
  const proto = first(headers.get("x-forwarded-proto")) ?? new URL(url).protocol.replace(/:$/, "");
  const host = first(headers.get("x-forwarded-host")) ?? headers.get("host") ?? new URL(url).host;
  const addressed = originOf(`${proto}://${host}`);
  if (addressed) out.add(addressed);
  return out;
}

/** Why the request is refused, in words; null when it may proceed. */
export function crossSiteRefusal(input: CsrfInput): string | null {
  if (!UNSAFE.has(input.method.toUpperCase())) return null;
  const h = input.headers;
  if (/^bearer\s+\S/i.test(h.get("authorization") ?? "")) return null;
  const own = ownOrigins(input);
  const expected = [...own].join(" or ");
  const origin = h.get("origin");
  if (origin !== null) {
    if (origin === "null") return `a ${input.method} from an opaque origin ("null") is refused; send it from ${expected}`;
    if (own.has(origin.toLowerCase().replace(/\/$/, ""))) return null;
    return `a ${input.method} from ${origin.slice(0, 200)} is refused: Sightline's API takes changes only from its own pages (${expected})${
      input.publicUrl ? "" : "; behind a reverse proxy, set SIGHTLINE_PUBLIC_URL to the address people use"
    }`;
  }
  const site = h.get("sec-fetch-site");
  if (site !== null) {
    if (site === "same-origin" || site === "none") return null;
    return `a ${input.method} sent ${site === "same-site" ? "from another site on this domain" : "from another site"} (Sec-Fetch-Site: ${site.slice(0, 20)}) is refused`;
  }
  const referer = h.get("referer");
  if (referer !== null) {
    const from = originOf(referer);
    if (from && own.has(from)) return null;
    return `a ${input.method} referred from ${from ?? "an unreadable address"} is refused: Sightline's API takes changes only from its own pages (${expected})`;
  }
  return null;
}
