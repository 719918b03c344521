// The datasource: where an SLO's span metrics (Prometheus-compatible API) and traces live.
import { z } from "zod";

export const ProducerProfileSetting = z.enum(["auto", "tempo", "otel"]);
export type ProducerProfileSetting = z.infer<typeof ProducerProfileSetting>;
export const AuthKind = z.enum(["none", "bearer", "basic"]);
export const TraceBackend = z.enum(["none", "tempo", "jaeger"]);

const httpUrl = z
  .string()
  .max(2048)
  .url()
  .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL");

const DatasourceFields = {
  slug: z.string().min(1).max(63).regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/),
  name: z.string().trim().min(1).max(120),
  prometheusUrl: httpUrl,
  /** e.g. "/prometheus" for Mimir; joined before /api/v1. */
  pathPrefix: z.string().max(256).regex(/^(\/[A-Za-z0-9._~-]+)*$/, "a path like /prometheus").default(""),
  /** Sent as X-Scope-OrgID (Mimir, Cortex, Tempo multi-tenant). */
  tenant: z.string().max(256).default(""),
  authKind: AuthKind.default("none"),
  /** bearer token, or "user:password" for basic. Write-only: never returned by the API. */
  authSecret: z.string().max(4096).optional(),
  producerProfile: ProducerProfileSetting.default("auto"),
  traceBackend: TraceBackend.default("none"),
  traceUrl: httpUrl.or(z.literal("")).default(""),
  grafanaUrl: httpUrl.or(z.literal("")).default(""),
};

export const CreateDatasourceInput = z.object(DatasourceFields).strict();
export type CreateDatasourceInput = z.infer<typeof CreateDatasourceInput>;

/**
 * Partial update (no defaults: an absent field keeps its value). `authSecret` absent keeps the
 * stored secret, `authSecret: ""` clears it.
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
  grafanaUrl: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DatasourceDto = z.infer<typeof DatasourceDto>;
