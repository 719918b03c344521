// A real OpenID Connect provider for tests (issue 20 item 2): `oidc-provider` (the certified
// Node implementation) in-process on 127.0.0.1 and a free port, with one confidential client,
// PKCE required, an in-memory account store and a minimal login page (username + password;
// consent is granted automatically, as a company IdP does for its own apps).
//
//   const idp = await startOidcProvider({ redirectUri: `${app}/api/auth/oidc/callback` });
//   idp.issuer, idp.clientId, idp.clientSecret, idp.setGroups("alice", ["eng"]), await idp.stop()
//
// Our own interaction routes rather than devInteractions: those accept any login and ask for
// consent on a second page; a test should sign in as a known user with a password.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import Provider from "oidc-provider";
import { freePort } from "./ports";

export interface TestAccount {
  password: string;
  name: string;
  email: string;
  groups: string[];
}

/** alice → editor of payments, mia (manager) → viewer, root (sre) → admin, with TEST_ROLE_MAP. */
export const TEST_ACCOUNTS: Record<string, TestAccount> = {
  alice: { password: "alice-pw", name: "Alice Example", email: "alice@example.com", groups: ["eng", "team:payments"] },
  mia: { password: "mia-pw", name: "Mia Manager", email: "mia@example.com", groups: ["manager"] },
  root: { password: "root-pw", name: "Root Admin", email: "root@example.com", groups: ["sre"] },
};
export const TEST_ROLE_MAP = "eng=editor,sre=admin";

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Changes a user's groups at the provider (takes effect at their next sign-in). */
  setGroups(user: string, groups: string[]): void;
  /** The app's environment for SIGHTLINE_AUTH=oidc against this provider. */
  appEnv(): Record<string, string>;
  stop(): Promise<void>;
}

// oidc-provider ships no types; these are the few members used here.
interface Interaction {
  uid: string;
  prompt: { name: string; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[] } };
  params: Record<string, unknown>;
  session?: { accountId?: string };
  grantId?: string;
}
interface GrantLike {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  save(): Promise<string>;
}
interface ProviderLike {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: unknown, opts?: { mergeWithLastSubmission?: boolean }): Promise<void>;
  Grant: { new (p: { accountId: string; clientId: string }): GrantLike; find(id: string): Promise<GrantLike | undefined> };
}
type ProviderCtor = new (issuer: string, config: unknown) => ProviderLike;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test IdP – sign in</title></head><body>
<h1>Test identity provider</h1>${error ? `<p role="alert">${esc(error)}</p>` : ""}
<form method="post" action="/interaction/${esc(uid)}/login">
<label>Username <input name="username" autocomplete="username" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form>
<p><a href="/interaction/${esc(uid)}/abort">Cancel</a></p></body></html>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export async function startOidcProvider(opts: { redirectUri: string; accounts?: Record<string, TestAccount> }): Promise<TestOidcProvider> {
  const accounts: Record<string, TestAccount> = structuredClone(opts.accounts ?? TEST_ACCOUNTS);
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "sightline";
  const clientSecret = "sightline-test-client-secret-0123456789";
  const provider = new (Provider as unknown as ProviderCtor)(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [opts.redirectUri], grant_types: ["authorization_code"], response_types: ["code"] }],
    pkce: { required: () => true },
    claims: { openid: ["sub"], profile: ["name", "preferred_username"], email: ["email"], groups: ["groups"] },
    cookies: { keys: ["test-idp-cookie-key-0123456789"] },
    // Explicit lifetimes (seconds), also so the provider does not log a notice for each default.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, id: string) => {
      const a = accounts[id];
      if (!a) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, name: a.name, preferred_username: id, email: a.email, groups: [...a.groups] }) };
    },
  });
  const oidc = provider.callback();

  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string, action: string) => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error("interaction mismatch");
    if (action === "abort") return provider.interactionFinished(req, res, { error: "access_denied", error_description: "End-User aborted interaction" }, { mergeWithLastSubmission: false });
    if (details.prompt.name === "login") {
      if (action !== "login" || req.method !== "POST") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        return void res.end(loginPage(uid));
      }
      const form = await formBody(req);
      const user = form.get("username") ?? "";
      if (!accounts[user] || accounts[user].password !== form.get("password")) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        return void res.end(loginPage(uid, "Wrong username or password."));
      }
      return provider.interactionFinished(req, res, { login: { accountId: user } }, { mergeWithLastSubmission: false });
    }
    // consent: grant what was asked
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session!.accountId!, clientId: String(details.params.client_id) });
    if (details.prompt.details.missingOIDCScope) grant!.addOIDCScope(details.prompt.details.missingOIDCScope.join(" "));
    if (details.prompt.details.missingOIDCClaims) grant!.addOIDCClaims(details.prompt.details.missingOIDCClaims);
    return provider.interactionFinished(req, res, { consent: { grantId: await grant!.save() } }, { mergeWithLastSubmission: true });
  };

  const server = createServer((req, res) => {
    const m = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(new URL(req.url ?? "/", issuer).pathname);
    if (!m) return oidc(req, res);
    interaction(req, res, m[1], m[2] ?? "").catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain" });
      res.end(`interaction failed: ${e instanceof Error ? e.message : String(e)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    setGroups: (user, groups) => void (accounts[user].groups = [...groups]),
    appEnv: () => ({
      SIGHTLINE_AUTH: "oidc",
      SIGHTLINE_OIDC_ISSUER: issuer,
      SIGHTLINE_OIDC_CLIENT_ID: clientId,
      SIGHTLINE_OIDC_CLIENT_SECRET: clientSecret,
      SIGHTLINE_OIDC_SCOPES: "openid profile email groups",
      SIGHTLINE_OIDC_ROLE_MAP: TEST_ROLE_MAP,
      SIGHTLINE_OIDC_DEFAULT_ROLE: "viewer",
    }),
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
