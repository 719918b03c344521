"use client";
// Settings → API tokens: your tokens (never their secrets), create one, revoke one with a second
// click to confirm. Revoked tokens stay listed, marked so.
import { useState } from "react";
import type { TokenDto } from "@/lib/schemas/tokens";
import { formatUtc as formatDateTime } from "@/lib/client/format";
import { describeError } from "@/lib/client/http";
import { useTokens } from "@/lib/client/tokens/list";
import { useRevokeToken } from "@/lib/client/tokens/revoke";
import { Button } from "../ui/button";
import { Callout } from "../ui/callout";
import { TableSkeleton } from "../ui/skeleton";
import { ApiTokenCreate } from "./api-token-create";

const when = (iso: string | null, none: string) => (iso ? formatDateTime(iso) : none);

function status(t: TokenDto): { text: string; tone: string } {
  if (t.revokedAt) return { text: `revoked ${formatDateTime(t.revokedAt)}`, tone: "text-red-700" };
  if (t.expiresAt && Date.parse(t.expiresAt) <= Date.now()) return { text: `expired ${formatDateTime(t.expiresAt)}`, tone: "text-amber-800" };
  return { text: "active", tone: "text-emerald-700" };
}

function Revoke({ token }: { token: TokenDto }) {
  const [confirming, setConfirming] = useState(false);
  const revoke = useRevokeToken();
  if (token.revokedAt) return null;
  return (
    <div className="flex flex-col items-end gap-1">
      {confirming ? (
        <div className="flex gap-2">
          <Button variant="danger" disabled={revoke.isPending} onClick={() => revoke.mutate(token.id, { onSettled: () => setConfirming(false) })} aria-label={`Confirm revoking ${token.name}`}>
            {revoke.isPending ? "Revoking…" : "Revoke for good"}
          </Button>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
        </div>
      ) : (
        <Button onClick={() => { revoke.reset(); setConfirming(true); }} aria-label={`Revoke ${token.name}`}>Revoke</Button>
      )}
      <div aria-live="polite">{revoke.isError ? <Callout title={`Not revoked: ${describeError(revoke.error).title}`}>{describeError(revoke.error).detail}</Callout> : null}</div>
    </div>
  );
}

export function ApiTokenSettings() {
  const q = useTokens();
  return (
    <section aria-labelledby="tokens-title" className="mt-10 space-y-4">
      <div>
        <h2 id="tokens-title" className="text-base font-semibold text-zinc-900">API tokens</h2>
        <p className="text-sm text-zinc-600">
          For scripts and CI (<code className="font-mono text-xs">npx sightline apply --token …</code>), sent as <code className="font-mono text-xs">Authorization: Bearer</code>. A token acts with your rights or fewer.
        </p>
      </div>
      {q.isPending ? (
        <TableSkeleton rows={2} cols={4} />
      ) : q.isError ? (
        <Callout title={`Could not load your API tokens: ${describeError(q.error).title}`} action={<Button onClick={() => q.refetch()}>Try again</Button>}>
          {describeError(q.error).detail}
        </Callout>
      ) : q.data.unavailable ? (
        <Callout tone="info" title="API tokens are not available here">{q.data.unavailable}</Callout>
      ) : (
        <>
          <ApiTokenCreate />
          {q.data.items.length === 0 ? (
            <p className="text-sm text-zinc-600">You have no API tokens yet.</p>
          ) : (
            <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white shadow-sm" aria-label="Your API tokens">
              {q.data.items.map((t) => {
                const s = status(t);
                return (
                  <li key={t.id} className="flex flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
                    <div className="min-w-0 flex-1">
                      <p className="font-medium text-zinc-900">{t.name} <span className={`ml-1 text-xs font-normal ${s.tone}`}>{s.text}</span></p>
                      <p className="truncate font-mono text-xs text-zinc-600">{t.prefix}…</p>
                      <p className="font-mono text-xs text-zinc-600">{t.scopes.join(", ")}</p>
                    </div>
                    <dl className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-zinc-600">
                      <div><dt className="inline text-zinc-500">Created: </dt><dd className="inline">{when(t.createdAt, "")}</dd></div>
                      <div><dt className="inline text-zinc-500">Expires: </dt><dd className="inline">{when(t.expiresAt, "never")}</dd></div>
                      <div><dt className="inline text-zinc-500">Last used: </dt><dd className="inline">{when(t.lastUsedAt, "never")}</dd></div>
                    </dl>
                    <Revoke token={t} />
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
