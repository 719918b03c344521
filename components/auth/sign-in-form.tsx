"use client";
// The local sign-in form (issue 20 item 3). A plain form that posts JSON; on success the browser
// loads the return page afresh so every server component sees the new session cookie.
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: String(form.get("username") ?? ""), password: String(form.get("password") ?? "") }),
      });
      if (res.ok) {
        window.location.assign(next);
        return;
      }
      const p = (await res.json().catch(() => null)) as { detail?: string; errors?: { path: string; message: string }[] } | null;
      const fields = p?.errors?.map((i) => i.message).join("; ");
      setError(
        res.status === 401
          ? "The user name or password is not right. Check both and try again."
          : res.status === 429
            ? `Too many attempts. ${p?.detail ? `${p.detail[0].toUpperCase()}${p.detail.slice(1)}.` : "Wait a few minutes and try again."}`
            : fields || p?.detail || `Sign-in failed (HTTP ${res.status}).`,
      );
    } catch {
      setError("Sightline could not be reached. Check your connection and try again.");
    }
    setBusy(false);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="username" className="block text-sm font-medium text-zinc-800">
          User name
        </label>
        <input id="username" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required autoFocus className={inputClass(!!error, "mt-1")} />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-zinc-800">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass(!!error, "mt-1")} />
      </div>
      <p aria-live="polite" role="status" className="min-h-5 text-sm text-red-700" id="sign-in-error">
        {error}
      </p>
      <Button type="submit" variant="primary" className="w-full" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
