// The datasource connection test: what is sent (the connection fields of a datasource, saved or
// not) and what comes back (one check per backend, said in words). Never carries a secret.
import { z } from "./zod";
import { CreateDatasourceInput, UpdateDatasourceInput } from "./datasource";

/** The fields that decide where Sightline connects and how; name, slug and Grafana links do not. */
const CONNECTION_FIELDS = {
  prometheusUrl: true,
  pathPrefix: true,
  tenant: true,
  authKind: true,
  authSecret: true,
  producerProfile: true,
  traceBackend: true,
  traceUrl: true,
  traceAuthKind: true,
  traceAuthSecret: true,
} as const;

/** POST /api/datasource-tests: unsaved form values, validated exactly as a new datasource's. */
export const TestConnectionInput = CreateDatasourceInput.pick(CONNECTION_FIELDS).strict();
export type TestConnectionInput = z.infer<typeof TestConnectionInput>;

/**
 * POST /api/datasources/:id/test: unsaved edits laid over the stored datasource (`{}` tests it as
 * saved). Secrets follow PATCH's rules: absent keeps the stored one unless its URL moves to another
 * origin, "" clears it.
 */
export const TestConnectionOverlay = UpdateDatasourceInput.pick(CONNECTION_FIELDS).strict();
export type TestConnectionOverlay = z.infer<typeof TestConnectionOverlay>;

export const ConnectionCheckName = z.enum(["prometheus", "span-metrics", "traces"]);
export const ConnectionOutcome = z.enum(["ok", "warning", "failed", "skipped"]);

export const ConnectionCheck = z.object({
  check: ConnectionCheckName,
  outcome: ConnectionOutcome,
  /** What was asked (base URL and path, never credentials); null when nothing was sent. */
  url: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  /** As the backend reported it (clipped); null when it reports none. */
  version: z.string().nullable(),
  /** Wall time of this check's requests; null when nothing was sent. */
  elapsedMs: z.number().int().nonnegative().nullable(),
  /** One sentence saying what was reached, or why not. */
  message: z.string(),
});
export type ConnectionCheck = z.infer<typeof ConnectionCheck>;

export const ConnectionTestReport = z.object({
  /** No check failed (warnings and skipped checks allowed). */
  ok: z.boolean(),
  checks: z.array(ConnectionCheck),
  /** Secrets the test used that came from the stored datasource rather than the request. */
  usedStoredSecrets: z.array(z.enum(["authSecret", "traceAuthSecret"])),
});
export type ConnectionTestReport = z.infer<typeof ConnectionTestReport>;
