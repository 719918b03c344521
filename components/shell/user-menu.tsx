// Who is signed in, in the sidebar (issue 20 item 3): name, role (and an editor's teams), and a
// Sign out button that is a plain form post, so the header ships no JavaScript for it.

/** What the shell shows about who is signed in (built by app/layout.tsx from the request's auth). */
export interface ShellUser {
  name: string;
  role: string;
  /** An editor's teams; null = every team. */
  teams: readonly string[] | null;
}

export function UserMenu({ user, mode }: { user: ShellUser; mode: string }) {
  const teams = user.teams ? ` · ${user.teams.join(", ")}` : "";
  return (
    <div className="border-t border-zinc-800 px-4 py-3 md:px-5 md:py-4" aria-label="Signed in" role="group">
      <p className="truncate text-sm font-medium text-zinc-100" title={user.name}>
        {user.name}
      </p>
      <p className="text-xs text-zinc-400">
        Role: <span data-testid="user-role">{user.role}</span>
        {teams}
      </p>
      {mode === "local" || mode === "oidc" ? (
        <form method="post" action="/api/auth/sign-out" className="mt-2">
          <button
            type="submit"
            className="rounded-md px-2 py-1 text-xs font-medium text-zinc-300 ring-1 ring-zinc-700 hover:bg-zinc-800 hover:text-white focus-visible:outline-2 focus-visible:outline-indigo-400"
          >
            Sign out
          </button>
        </form>
      ) : mode === "proxy" ? (
        <p className="mt-1 text-xs text-zinc-500">Signed in through the proxy</p>
      ) : null}
    </div>
  );
}

export function DemoBanner() {
  return (
    <p role="note" className="mb-5 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <strong className="font-semibold">Demo mode: no sign-in, everyone is admin.</strong> Set SIGHTLINE_AUTH=local (the default) for real sign-in.
    </p>
  );
}
