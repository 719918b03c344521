// Sign-in for pages (issue 20 item 3). Server components have no Request: this builds one from
// next/headers with what resolveAuth reads (Cookie, Authorization, the proxy's headers), once per
// render (React's cache), so the header's user menu and the page share one session lookup.
// requirePageAuth is called at the top of every page under app/: nobody signed in → /sign-in?next=<page>.
import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getEnv } from "@/lib/env";
import { signInHref } from "@/lib/auth/next-path";
import { HttpProblem } from "@/lib/server/errors";
import type { AuthContext } from "./context";
import { resolveAuth } from "./resolve";

export const pageAuth = cache(async (): Promise<AuthContext | null> => {
  const h = new Headers(await headers());
  // headers() already carries Cookie; cookies() is read too so Next marks the render as per-user.
  const jar = await cookies();
  if (!h.has("cookie") && jar.size > 0) h.set("cookie", jar.getAll().map((c) => `${c.name}=${c.value}`).join("; "));
  try {
    return await resolveAuth(new Request("http://sightline.page/", { headers: h }));
  } catch (err) {
    // A malformed or revoked Bearer token on a page load: signed out (the API says why). Anything
    // else (the catalogue down) is logged and also shown as signed out rather than a broken frame.
    if (!(err instanceof HttpProblem)) console.error(`[sightline] could not tell who is signed in: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    return null;
  }
});

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The signed-in context for a page at `pathname` (with its `searchParams`, so filters and a trace's
 * datasource survive the detour); redirects to sign-in when there is none.
 */
export async function requirePageAuth(pathname: string, searchParams?: SearchParams): Promise<AuthContext> {
  const auth = await pageAuth();
  if (auth) return auth;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(searchParams ?? {})) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) q.append(k, one);
  redirect(signInHref(q.size > 0 ? `${pathname}?${q}` : pathname));
}

/** The sign-in mode, for pages and the header. */
export const authMode = () => getEnv().SIGHTLINE_AUTH;
