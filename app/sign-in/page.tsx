// /sign-in[?next=/path] – how to sign in, by mode (issue 20 item 3): the local form, a single
// sign-on link (OIDC), a note that the proxy does it, or straight on in demo mode. Someone already
// signed in goes on to the return path (validated to a path on this site).
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { buttonClass } from "@/components/ui/button";
import { safeNextPath } from "@/lib/auth/next-path";
import { ensureLocalAdmin } from "@/lib/server/auth/local-users";
import { authMode, pageAuth } from "@/lib/server/auth/page";
import { verifiedMessage } from "@/lib/server/auth/sign-in-message";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const next = safeNextPath(sp.next);
  const mode = authMode();
  if (mode === "demo" || (await pageAuth())) redirect(next);
  // First start: the admin (and its printed password) exists before anyone can try to sign in.
  if (mode === "local") await ensureLocalAdmin();
  const signedOut = sp["signed-out"] === "1";
  // Why single sign-on did not complete (lib/server/auth/oidc.ts): shown only when Sightline signed
  // the sentence, so a crafted link cannot put words on this page; always as text, never markup.
  const failure = await verifiedMessage(sp.error, sp.sig);
  return (
    <div className="mx-auto mt-8 max-w-sm rounded-xl border border-zinc-200 bg-white p-6 shadow-sm md:mt-16">
      <h1 className="text-xl font-semibold tracking-tight text-zinc-900">Sign in to Sightline</h1>
      {signedOut ? (
        <p role="status" className="mt-2 text-sm text-zinc-600">
          You are signed out.
        </p>
      ) : null}
      {failure ? (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {failure}
        </p>
      ) : null}
      <div className="mt-5">
        {mode === "local" ? (
          <>
            <SignInForm next={next} />
            <p className="mt-4 text-xs leading-relaxed text-zinc-500">
              First start: sign in as <span className="font-mono">admin</span> with the password printed in the server log and kept in <span className="font-mono">admin-password</span> in Sightline&apos;s data directory.
            </p>
          </>
        ) : mode === "oidc" ? (
          <a href={`/api/auth/oidc/start?next=${encodeURIComponent(next)}`} className={buttonClass("primary", "w-full")}>
            Sign in with single sign-on
          </a>
        ) : (
          <p className="text-sm text-zinc-700">
            Sign-in happens at the reverse proxy in front of Sightline. If you see this page, the request did not come through it: open Sightline at the address your team uses, or ask whoever runs the proxy.
          </p>
        )}
      </div>
    </div>
  );
}
