"use client";
// Create an API token: name, scopes (none ticked = all of your own rights), lifetime. The answer's
// secret is held only in this component's state and shown once, with a copy button and a warning;
// closing the notice forgets it.
import { useState, type FormEvent } from "react";
import { PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { ApiError, describeError } from "@/lib/client/http";
import { useCreateToken } from "@/lib/client/tokens/create";
import { Button } from "../ui/button";
import { Callout } from "../ui/callout";
import { Field, inputClass, selectClass } from "../ui/field";

const LIFETIMES = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never expires" },
];

export function ApiTokenCreate() {
  const create = useCreateToken();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Permission[]>([]);
  const [lifetime, setLifetime] = useState("90");
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const error = create.isError ? describeError(create.error) : null;
  const fieldError = (path: string) =>
    create.error instanceof ApiError ? create.error.fieldErrors.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCopied(false);
    create.mutate(
      { name, ...(scopes.length ? { scopes } : {}), expiresInDays: lifetime === "never" ? null : Number(lifetime) },
      { onSuccess: (t) => { setSecret(t.secret); setName(""); setScopes([]); } },
    );
  };
  const toggle = (p: Permission) => setScopes((s) => (s.includes(p) ? s.filter((x) => x !== p) : [...s, p]));

  return (
    <div className="space-y-3">
      <div aria-live="polite">
        {secret ? (
          <Callout
            tone="warning"
            title="Copy your new token now: it will not be shown again"
            action={<Button onClick={() => setSecret(null)}>Done</Button>}
          >
            <p>Only a hash of it is stored. If you lose it, revoke it and create another.</p>
            <div className="mt-2 flex items-center gap-2">
              <code className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs text-zinc-900" data-testid="new-token">{secret}</code>
              <Button onClick={() => navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => setCopied(false))}>{copied ? "Copied" : "Copy"}</Button>
            </div>
          </Callout>
        ) : null}
      </div>
      <form onSubmit={submit} className="grid gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-sm sm:grid-cols-[1fr_12rem]" aria-label="Create an API token">
        <Field id="token-name" label="Name" hint="What uses it, e.g. ci-apply" error={fieldError("name")}>
          <input className={inputClass(!!fieldError("name"))} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
        </Field>
        <Field id="token-lifetime" label="Expires" error={fieldError("expiresInDays")}>
          <select className={selectClass(!!fieldError("expiresInDays"))} value={lifetime} onChange={(e) => setLifetime(e.target.value)}>
            {LIFETIMES.map((l) => <option key={l.value} value={l.value}>{l.label}</option>)}
          </select>
        </Field>
        <fieldset className="sm:col-span-2" aria-describedby="token-scopes-hint">
          <legend className="text-sm font-medium text-zinc-900">Permissions</legend>
          <p id="token-scopes-hint" className="text-xs text-zinc-600">None ticked: all of your own. A token never gets more than you have.</p>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {PERMISSIONS.map((p) => (
              <label key={p} className="flex items-center gap-1.5 font-mono text-xs text-zinc-800">
                <input type="checkbox" checked={scopes.includes(p)} onChange={() => toggle(p)} /> {p}
              </label>
            ))}
          </div>
          {fieldError("scopes") ? <p className="mt-1 text-xs text-red-700">{fieldError("scopes")}</p> : null}
        </fieldset>
        <div className="flex items-center gap-3 sm:col-span-2">
          <Button type="submit" variant="primary" disabled={create.isPending}>{create.isPending ? "Creating…" : "Create token"}</Button>
          <div aria-live="polite" className="min-w-0 flex-1">
            {error && !fieldError("name") && !fieldError("scopes") && !fieldError("expiresInDays") ? <Callout title={`Not created: ${error.title}`}>{error.detail}</Callout> : null}
          </div>
        </div>
      </form>
    </div>
  );
}
