// Acting as a named user in tests. The suite runs in SIGHTLINE_AUTH=demo (vitest.config.mts:
// everyone is the admin "demo"); a test that needs a particular actor, role or team switches its
// file to the trusted-proxy mode, whose headers name the user, and sends `as(...)` headers.
//
//   useProxyAuth();                                   // at the top of a describe / file
//   await call(route.POST, { headers: as("alice") })  // alice, admin
//   fetch(url, { headers: as("vera", "viewer") })     // against next start: pass proxyAuthEnv()
import { afterAll, beforeAll } from "vitest";
import type { Role } from "@/lib/auth/permissions";

export const TEST_PROXY_SECRET = "test-proxy-secret-0123456789";

/** Environment for a `next start` (startAppServer({ env })) that believes the `as()` headers. */
export function proxyAuthEnv(): Record<string, string> {
  return { SIGHTLINE_AUTH: "proxy", SIGHTLINE_PROXY_SECRET: TEST_PROXY_SECRET };
}

/** Switches this file's in-process route calls to proxy mode, restoring the previous mode after. */
export function useProxyAuth(): void {
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const [k, v] of Object.entries(proxyAuthEnv())) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}

/** Headers that sign a request in as `name` with `role` (and an editor's `teams`) in proxy mode. */
export function as(name: string, role: Role = "admin", teams: string[] = []): Record<string, string> {
  return {
    "x-sightline-proxy-secret": TEST_PROXY_SECRET,
    "x-webauth-user": name,
    "x-webauth-role": role,
    ...(teams.length ? { "x-webauth-teams": teams.join(",") } : {}),
  };
}

/** Runs `fn` with in-process route calls in proxy mode (for one test among demo-mode ones). */
export async function inProxyMode<T>(fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(proxyAuthEnv()).map((k) => [k, process.env[k]]));
  Object.assign(process.env, proxyAuthEnv());
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
