// The one place that reads process.env (ARCHITECTURE.md §12). Everything else calls `getEnv()`.
// It is parsed again whenever one of its variables changed since the last call, so a test or script
// that sets a variable is honoured; callers that build expensive things from it cache those.
//
// No `import "server-only"`: tsx scripts and test helpers read it too. It holds no values of its
// own, and Next.js never inlines non-NEXT_PUBLIC_ variables into browser bundles.
import path from "node:path";
import { z } from "zod";

const postgresUrl = z
  .string()
  .trim()
  .refine((u) => /^postgres(ql)?:\/\//.test(u), "must be a postgres:// or postgresql:// URL");

/** 32 bytes, written as 64 hex digits or base64 (with or without padding). */
const secretKey = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const buf = /^[0-9a-fA-F]{64}$/.test(s) ? Buffer.from(s, "hex") : Buffer.from(s, "base64");
    if (buf.length !== 32) {
      ctx.addIssue({ code: "custom", message: "must be 32 bytes as 64 hex digits or base64 (openssl rand -base64 32)" });
      return z.NEVER;
    }
    return buf;
  });

const httpUrl = z
  .string()
  .trim()
  .refine((u) => /^https?:\/\/[^\s/]/i.test(u) && URL.canParse(u), "must be an http:// or https:// URL");

// Empty strings count as unset: `FOO= npm start` and blank lines in .env files are common.
const emptyAsUnset = (v: unknown) => (v === "" ? undefined : v);

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** External PostgreSQL. Unset: Sightline starts its own embedded PostgreSQL. */
  DATABASE_URL: z.preprocess(emptyAsUnset, postgresUrl.optional()),
  /** AES-256-GCM key for datasource secrets. Unset: generated once into <data dir>/secret.key. */
  SIGHTLINE_SECRET_KEY: z.preprocess(emptyAsUnset, secretKey.optional()),
  /** Port of the embedded PostgreSQL (loopback only). */
  SIGHTLINE_PG_PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(65535).default(54329)),
  /** Where the embedded PostgreSQL and the generated key live. */
  SIGHTLINE_DATA_DIR: z.preprocess(emptyAsUnset, z.string().min(1).default(".data")),
  /** As root with a private data dir: where the embedded PostgreSQL's binaries and data go instead. */
  SIGHTLINE_PG_RELOCATE_DIR: z.preprocess(emptyAsUnset, z.string().min(1).default("/var/lib/sightline")),
  /** Timeout of one call (each attempt) to a Prometheus-compatible backend, in milliseconds. */
  SIGHTLINE_QUERY_TIMEOUT_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(100).max(300_000).default(15_000)),
  /** One API request's budget across all its backend calls and retries, in milliseconds (answered 504 when spent). */
  SIGHTLINE_REQUEST_DEADLINE_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(200).max(600_000).default(20_000)),
  /** Most bytes read from one backend answer (an answer over it is a 502). */
  SIGHTLINE_MAX_ANSWER_BYTES: z.preprocess(emptyAsUnset, z.coerce.number().int().min(64 * 1024).max(1024 ** 3).default(16 * 1024 ** 2)),
  /** Base URL people reach Sightline at; alert annotations link to SLO pages under it. Unset: no links. */
  SIGHTLINE_PUBLIC_URL: z.preprocess(emptyAsUnset, httpUrl.optional()),
  /**
   * Datasource allow-list: comma-separated host names (exact, or "*.example.com") and IPs/CIDRs
   * (10.0.0.0/8, fd00::/8). Set: Sightline connects only to those (lib/server/net/guard.ts).
   * Checked there with ipaddr.js; here it is only text, so a typo is named where it is judged.
   */
  SIGHTLINE_DATASOURCE_ALLOW: z.preprocess(emptyAsUnset, z.string().max(8192).optional()),
  /** Rules sync target: a directory Prometheus loads rule files from (rule_files: [<dir>/sightline-*.rules.yml]). */
  SIGHTLINE_RULES_DIR: z.preprocess(emptyAsUnset, z.string().min(1).optional()),
  /** POSTed after the rules directory changed (Prometheus' /-/reload, needs --web.enable-lifecycle). */
  SIGHTLINE_RULES_RELOAD_URL: z.preprocess(emptyAsUnset, httpUrl.optional()),
  /** Rules sync target: a Mimir/Cortex ruler (base URL; the API is under /prometheus/config/v1/rules). */
  SIGHTLINE_RULER_URL: z.preprocess(emptyAsUnset, httpUrl.optional()),
  /** X-Scope-OrgID sent to the ruler. */
  SIGHTLINE_RULER_TENANT: z.preprocess(emptyAsUnset, z.string().max(256).optional()),
  /** Ruler namespace holding Sightline's groups; everything in it is Sightline's to replace. */
  SIGHTLINE_RULER_NAMESPACE: z.preprocess(emptyAsUnset, z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/).default("sightline")),
  // ── Who may do what (issue 20; docs/auth.md) ──
  /**
   * How people sign in. local: users in the catalogue, a first admin created at first start
   * (password printed once and kept in <data dir>/admin-password). oidc: an OpenID Connect
   * provider. proxy: a trusted reverse proxy's header. demo: no sign-in, everyone is admin, a
   * banner says so on every page (throwaway demos and tests only).
   */
  SIGHTLINE_AUTH: z.preprocess(emptyAsUnset, z.enum(["local", "oidc", "proxy", "demo"]).default("local")),
  /** A session's lifetime in hours from sign-in. */
  SIGHTLINE_SESSION_HOURS: z.preprocess(emptyAsUnset, z.coerce.number().min(0.01).max(24 * 30).default(12)),
  /** The first local admin's password (local mode). Unset: generated at first start. */
  SIGHTLINE_ADMIN_PASSWORD: z.preprocess(emptyAsUnset, z.string().min(12, "at least 12 characters").max(200).optional()),
  /** OIDC: the issuer URL (its /.well-known/openid-configuration is read). */
  SIGHTLINE_OIDC_ISSUER: z.preprocess(emptyAsUnset, httpUrl.optional()),
  SIGHTLINE_OIDC_CLIENT_ID: z.preprocess(emptyAsUnset, z.string().max(512).optional()),
  SIGHTLINE_OIDC_CLIENT_SECRET: z.preprocess(emptyAsUnset, z.string().max(2048).optional()),
  SIGHTLINE_OIDC_SCOPES: z.preprocess(emptyAsUnset, z.string().max(1024).default("openid profile email")),
  /** OIDC: the ID-token/userinfo claim holding the user's groups (a list or one string). */
  SIGHTLINE_OIDC_GROUPS_CLAIM: z.preprocess(emptyAsUnset, z.string().max(256).default("groups")),
  /** OIDC: "group=role,group=role" (e.g. "sre=admin,eng=editor"); the highest matching role wins. */
  SIGHTLINE_OIDC_ROLE_MAP: z.preprocess(emptyAsUnset, z.string().max(8192).default("")),
  /** OIDC: the role of a user whose groups match nothing in the role map. */
  SIGHTLINE_OIDC_DEFAULT_ROLE: z.preprocess(emptyAsUnset, z.enum(["viewer", "editor", "admin"]).default("viewer")),
  /** Proxy: the header carrying the user name (like Grafana's X-WEBAUTH-USER). */
  SIGHTLINE_PROXY_USER_HEADER: z.preprocess(emptyAsUnset, z.string().regex(/^[A-Za-z0-9-]{1,128}$/).default("x-webauth-user")),
  /** Proxy: the header carrying the role (viewer, editor or admin); absent = viewer. */
  SIGHTLINE_PROXY_ROLE_HEADER: z.preprocess(emptyAsUnset, z.string().regex(/^[A-Za-z0-9-]{1,128}$/).default("x-webauth-role")),
  /** Proxy: the header carrying an editor's teams, comma-separated; absent = every team. */
  SIGHTLINE_PROXY_TEAMS_HEADER: z.preprocess(emptyAsUnset, z.string().regex(/^[A-Za-z0-9-]{1,128}$/).default("x-webauth-teams")),
  /** Proxy: addresses (IPs/CIDRs, comma-separated) the proxy connects from; others' headers are ignored. */
  SIGHTLINE_PROXY_TRUSTED: z.preprocess(emptyAsUnset, z.string().max(8192).optional()),
  /** Proxy: a shared secret the proxy sends in X-Sightline-Proxy-Secret (instead of, or with, addresses). */
  SIGHTLINE_PROXY_SECRET: z.preprocess(emptyAsUnset, z.string().min(16, "at least 16 characters").max(1024).optional()),
}).superRefine((env, ctx) => {
  // Proxy mode believes a header that names the user, so it must know the request came through
  // the proxy. Under `next start` a route handler cannot learn the TCP peer: Next fills
  // X-Forwarded-For with it only when the caller sent none (base-server.js: `??=`), so an address
  // list would trust whatever a caller writes. Only the shared secret proves it (docs/auth.md).
  if (env.SIGHTLINE_AUTH === "proxy" && !env.SIGHTLINE_PROXY_SECRET)
    ctx.addIssue({
      code: "custom",
      path: ["SIGHTLINE_PROXY_SECRET"],
      message:
        "SIGHTLINE_AUTH=proxy needs SIGHTLINE_PROXY_SECRET (the proxy sends it in X-Sightline-Proxy-Secret); " +
        "SIGHTLINE_PROXY_TRUSTED alone cannot be enforced, because the app cannot see the connecting address (docs/auth.md, proxy mode)",
    });
});

export type Env = Omit<z.infer<typeof EnvSchema>, "SIGHTLINE_DATA_DIR" | "SIGHTLINE_PG_RELOCATE_DIR"> & {
  /** Absolute paths. */
  SIGHTLINE_DATA_DIR: string;
  SIGHTLINE_PG_RELOCATE_DIR: string;
};

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

/** The variables the schema reads, and the last answer for process.env with their values. */
const ENV_KEYS = Object.keys(EnvSchema.shape);
let lastParsed: { fingerprint: string; env: Env } | null = null;

export function getEnv(source: Record<string, string | undefined> = process.env): Env {
  if (source !== process.env) return parseEnv(source);
  // Parsed again only when one of its variables changed: the outbound guard asks before each
  // backend request (~100 per overview), and a zod parse of the schema costs ~0.2 ms.
  // The directories are resolved against the working directory: it is part of the answer too.
  let fingerprint = `${process.cwd()}\u0001`;
  for (const k of ENV_KEYS) {
    const v = source[k];
    fingerprint += v === undefined ? "\u0000\u0001" : `${v}\u0001`;
  }
  if (lastParsed?.fingerprint === fingerprint) return lastParsed.env;
  const env = parseEnv(source);
  lastParsed = { fingerprint, env };
  return env;
}

function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    // Names only, never values: a malformed secret must not end up in a log.
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`invalid environment:\n  ${lines.join("\n  ")}`);
  }
  // Frozen: the answer is shared by every caller until a variable changes.
  return Object.freeze({
    ...parsed.data,
    SIGHTLINE_DATA_DIR: path.resolve(parsed.data.SIGHTLINE_DATA_DIR),
    SIGHTLINE_PG_RELOCATE_DIR: path.resolve(parsed.data.SIGHTLINE_PG_RELOCATE_DIR),
  });
}
