// The datasource: where an SLO's span metrics (Prometheus-compatible API) and traces live.
import { z } from "./zod";
import { urlOrigin } from "./values";

export const ProducerProfileSetting = z.enum(["auto", "tempo", "otel"]);
export type ProducerProfileSetting = z.infer<typeof ProducerProfileSetting>;
export const AuthKind = z.enum(["none", "bearer", "basic"]);
export const TraceBackend = z.enum(["none", "tempo", "jaeger"]);

/** Why `u` cannot be a backend base URL, in words; null when it can. */
export function httpUrlProblem(u: string): string | null {
  // Schemes are case-insensitive (RFC 3986 §3.1): HTTPS:// is fine, and stored lowercase.
  if (!/^https?:\/\//i.test(u)) return "must be an http(s) URL, e.g. http://prometheus:9090";
  if (/\s/.test(u)) return "must not contain spaces";
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    return "not a valid URL";
  }
  if (url.hostname === "") return "needs a host, e.g. http://prometheus:9090";
  // A password in the URL would be shown by every GET and quoted in backend errors; the auth
  // fields store it encrypted and write-only. "@" before the path is userinfo, even when empty.
  const authority = u.slice(u.indexOf("//") + 2).split(/[/?#]/)[0];
  if (url.username || url.password || authority.includes("@"))
    return "must not contain a user name or password: put them under Authentication (basic: user:password, or a bearer token), where they are stored encrypted and never shown";
  return null;
}

/** An http(s) URL field, stored with its scheme lowercase; `optional` also takes "" (not set). */
const httpUrl = ({ optional }: { optional: boolean }) =>
  z
    .string()
    .max(2048)
    .superRefine((u, ctx) => {
      // One refinement rather than `.or(z.literal(""))`: a union would replace the message with "Invalid input".
      const problem = optional && u === "" ? null : httpUrlProblem(u);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((u) => u.replace(/^https?:/i, (scheme) => scheme.toLowerCase()));

/**
 * Scheme, host and port, the part that decides who receives the stored credentials
 * ("http://h" and "http://h:80" are one origin). Null when `u` does not parse.
 */
export { urlOrigin };

/**
 * A Grafana datasource UID as Grafana accepts it (pkg/util: letters, digits, "-" and "_", at most
 * 40 characters); it is placed in an Explore URL, so nothing else may pass. "" means not set.
 */
export const GrafanaUid = z
  .string()
  .max(40, "a Grafana datasource UID has at most 40 characters")
  .regex(/^[A-Za-z0-9_-]*$/, "a Grafana datasource UID: letters, digits, - and _ only (Connections → Data sources → the Tempo datasource, in its URL)");

const DatasourceFields = {
  slug: z.string().min(1).max(63).regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/),
  name: z.string().trim().min(1).max(120),
  prometheusUrl: httpUrl({ optional: false }),
  /** e.g. "/prometheus" for Mimir; joined before /api/v1. */
  pathPrefix: z.string().max(256).regex(/^(\/[A-Za-z0-9._~-]+)*$/, "a path like /prometheus").default(""),
  /** Sent as X-Scope-OrgID (Mimir, Cortex, Tempo multi-tenant). */
  tenant: z.string().max(256).default(""),
  authKind: AuthKind.default("none"),
  /** bearer token, or "user:password" for basic. Write-only: never returned by the API. */
  authSecret: z.string().max(4096).optional(),
  producerProfile: ProducerProfileSetting.default("auto"),
  traceBackend: TraceBackend.default("none"),
  traceUrl: httpUrl({ optional: true }).default(""),
  /** The trace backend's own credential, independent of Prometheus's; sent only to traceUrl. */
  traceAuthKind: AuthKind.default("none"),
  /** bearer token, or "user:password" for basic. Write-only like authSecret. */
  traceAuthSecret: z.string().max(4096).optional(),
  grafanaUrl: httpUrl({ optional: true }).default(""),
  /** UID of the Tempo datasource inside that Grafana, for "Open in Grafana Explore"; "" = not set. */
  grafanaTempoUid: GrafanaUid.default(""),
};

export const CreateDatasourceInput = z.object(DatasourceFields).strict();
export type CreateDatasourceInput = z.infer<typeof CreateDatasourceInput>;

/**
 * Partial update (no defaults: an absent field keeps its value). `authSecret` absent keeps the
 * stored secret (unless prometheusUrl moves to another origin: see UpdatedDatasourceDto),
 * `authSecret: ""` clears it. `traceAuthSecret` works the same way with traceUrl.
 */
export const UpdateDatasourceInput = z
  .object(
    Object.fromEntries(
      Object.entries(DatasourceFields).map(([k, s]) => [k, (s instanceof z.ZodDefault ? (s.unwrap() as z.ZodType) : s).optional()]),
    ) as { [K in keyof typeof DatasourceFields]: z.ZodOptional<WithoutDefault<(typeof DatasourceFields)[K]>> },
  )
  .strict();
export type UpdateDatasourceInput = z.infer<typeof UpdateDatasourceInput>;
type WithoutDefault<S> = S extends z.ZodDefault<infer T> ? T : S;

export const DatasourceDto = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  prometheusUrl: z.string(),
  pathPrefix: z.string(),
  tenant: z.string(),
  authKind: AuthKind,
  hasAuthSecret: z.boolean(),
  producerProfile: ProducerProfileSetting,
  traceBackend: TraceBackend,
  traceUrl: z.string(),
  traceAuthKind: AuthKind,
  hasTraceAuthSecret: z.boolean(),
  grafanaUrl: z.string(),
  grafanaTempoUid: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DatasourceDto = z.infer<typeof DatasourceDto>;

/**
 * PATCH's answer: the datasource, and whether its stored secret was dropped because the
 * Prometheus URL now points at another scheme, host or port without the secret being sent again
 * (`credentialsDropped`), and the same for the trace backend's secret and traceUrl
 * (`traceCredentialsDropped`).
 */
export const UpdatedDatasourceDto = DatasourceDto.extend({ credentialsDropped: z.boolean(), traceCredentialsDropped: z.boolean() });
export type UpdatedDatasourceDto = z.infer<typeof UpdatedDatasourceDto>;
