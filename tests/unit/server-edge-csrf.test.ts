// The cross-site rule (lib/server/edge/csrf.ts) as a table: which state-changing requests pass.
import { describe, expect, it } from "vitest";
import { crossSiteRefusal } from "@/lib/server/edge/csrf";
import { pageCsp } from "@/lib/server/edge/security-headers";

const URL_ = "http://127.0.0.1:3000/api/slos";
const req = (method: string, headers: Record<string, string>, publicUrl?: string) =>
  crossSiteRefusal({ method, url: URL_, headers: new Headers({ host: "127.0.0.1:3000", ...headers }), publicUrl });

describe("crossSiteRefusal", () => {
  it.each([
    ["GET from anywhere", "GET", { origin: "https://evil.example" }],
    ["same Origin", "POST", { origin: "http://127.0.0.1:3000" }],
    ["same Origin, DELETE", "DELETE", { origin: "http://127.0.0.1:3000" }],
    ["no Origin, Sec-Fetch-Site same-origin", "PATCH", { "sec-fetch-site": "same-origin" }],
    ["no Origin, same-origin Referer", "PUT", { referer: "http://127.0.0.1:3000/slos/x/edit" }],
    ["a non-browser client (no Origin, Sec-Fetch-Site or Referer)", "POST", {}],
    ["a bearer token", "POST", { origin: "https://evil.example", authorization: "Bearer abc" }],
    ["forwarded by a reverse proxy", "POST", { origin: "https://slo.example", "x-forwarded-proto": "https", "x-forwarded-host": "slo.example" }],
  ])("passes: %s", (_n, method, headers) => expect(req(method, headers)).toBeNull());

  it.each([
    ["another site's Origin", "POST", { origin: "https://evil.example" }, /from https:\/\/evil\.example is refused.*http:\/\/127\.0\.0\.1:3000.*SIGHTLINE_PUBLIC_URL/],
    ["same host, other port", "POST", { origin: "http://127.0.0.1:3001" }, /refused/],
    ["same host, other scheme", "DELETE", { origin: "https://127.0.0.1:3000" }, /refused/],
    ["Origin: null", "POST", { origin: "null" }, /opaque origin/],
    ["Sec-Fetch-Site cross-site", "POST", { "sec-fetch-site": "cross-site" }, /from another site/],
    ["Sec-Fetch-Site same-site", "POST", { "sec-fetch-site": "same-site" }, /another site on this domain/],
    ["cross-site Referer", "PATCH", { referer: "https://evil.example/form.html" }, /referred from https:\/\/evil\.example/],
    ["a Basic header is no token", "POST", { origin: "https://evil.example", authorization: "Basic eDp5" }, /refused/],
    // The browser attaches the session cookie to a cross-site form post; the cookie must not make it pass.
    ["another site's Origin carrying a session cookie", "POST", { origin: "https://evil.example", cookie: "sightline_session=abc.def" }, /refused/],
    ["a cross-site text/plain form with a session cookie", "POST", { "sec-fetch-site": "cross-site", "content-type": "text/plain", cookie: "sightline_session=abc.def" }, /from another site/],
  ])("refuses: %s", (_n, method, headers, words) => expect(req(method, headers)).toMatch(words));

  it("behind a reverse proxy that rewrites Host, SIGHTLINE_PUBLIC_URL names the origin", () => {
    expect(req("POST", { origin: "https://slo.example" })).toMatch(/refused/);
    expect(req("POST", { origin: "https://slo.example" }, "https://slo.example/sightline")).toBeNull();
    expect(req("POST", { origin: "https://evil.example" }, "https://slo.example")).not.toMatch(/SIGHTLINE_PUBLIC_URL/);
  });
});

describe("pageCsp", () => {
  it("production: nonce + strict-dynamic, no unsafe-eval, frame-ancestors 'none'", () => {
    const p = pageCsp("abc", false);
    expect(p).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(p).not.toContain("unsafe-eval");
    expect(p).toContain("frame-ancestors 'none'");
    expect(pageCsp("abc", true)).toContain("'unsafe-eval'");
  });
});
