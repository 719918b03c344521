import "server-only";
// What a connection test connects with: the stored datasource, unsaved form values, or unsaved
// edits laid over the stored datasource. The overlay follows PATCH's secret rules exactly, so a
// test never sends a stored secret to a host it was not entered for.
import { urlOrigin } from "@/lib/schemas/datasource";
import type { TestConnectionInput, TestConnectionOverlay } from "@/lib/schemas/datasource-test";
import { ValidationError } from "@/lib/server/errors";
import type { DatasourceAuth, DatasourceConfig } from "@/lib/server/catalogue/datasources";

export type ConnectionConfig = Pick<
  DatasourceConfig,
  "prometheusUrl" | "pathPrefix" | "tenant" | "auth" | "producerProfile" | "traceBackend" | "traceUrl" | "traceAuth"
>;
type Kind = DatasourceAuth["kind"];
type SecretField = "authSecret" | "traceAuthSecret";

/** A typed secret as the client's auth; refused in words like a save would refuse it. */
function authOf(kind: Kind, secret: string, field: SecretField): DatasourceAuth {
  if (kind === "none") return { kind: "none" };
  if (!secret) throw new ValidationError([{ path: field, message: `required for ${kind} auth` }]);
  if (kind === "bearer") return { kind: "bearer", token: secret };
  const i = secret.indexOf(":");
  if (i < 0) throw new ValidationError([{ path: field, message: 'basic auth needs "user:password"' }]);
  return { kind: "basic", username: secret.slice(0, i), password: secret.slice(i + 1) };
}

export function configFromInput(input: TestConnectionInput): ConnectionConfig {
  const { authSecret, traceAuthSecret, ...rest } = input;
  return { ...rest, auth: authOf(input.authKind, authSecret ?? "", "authSecret"), traceAuth: authOf(input.traceAuthKind, traceAuthSecret ?? "", "traceAuthSecret") };
}

/**
 * The stored datasource with unsaved edits on top. A stored secret is used only when its kind and
 * origin are unchanged (a kept bearer token is no "user:password"); `usedStored` names those used.
 */
export function configFromOverlay(stored: DatasourceConfig, o: TestConnectionOverlay): { config: ConnectionConfig; usedStored: SecretField[] } {
  const usedStored: SecretField[] = [];
  const pick = (field: SecretField, kind: Kind, storedKind: Kind, storedAuth: DatasourceAuth, urlNow: string, urlStored: string): DatasourceAuth => {
    const sent = o[field];
    if (sent !== undefined) return authOf(kind, sent, field);
    if (kind === "none") return { kind: "none" };
    if (kind !== storedKind || storedAuth.kind === "none" || urlOrigin(urlNow) !== urlOrigin(urlStored)) {
      const why = kind !== storedKind ? `enter it to test ${kind} auth` : storedAuth.kind === "none" ? "none is stored" : "the stored one is not sent to another host";
      throw new ValidationError([{ path: field, message: `required for ${kind} auth (${why})` }]);
    }
    usedStored.push(field);
    return storedAuth;
  };
  const prometheusUrl = o.prometheusUrl ?? stored.prometheusUrl;
  const traceUrl = o.traceUrl ?? stored.traceUrl;
  const config: ConnectionConfig = {
    prometheusUrl,
    pathPrefix: o.pathPrefix ?? stored.pathPrefix,
    tenant: o.tenant ?? stored.tenant,
    producerProfile: o.producerProfile ?? stored.producerProfile,
    traceBackend: o.traceBackend ?? stored.traceBackend,
    traceUrl,
    auth: pick("authSecret", o.authKind ?? stored.authKind, stored.authKind, stored.auth, prometheusUrl, stored.prometheusUrl),
    traceAuth: pick("traceAuthSecret", o.traceAuthKind ?? stored.traceAuthKind, stored.traceAuthKind, stored.traceAuth, traceUrl, stored.traceUrl),
  };
  return { config, usedStored };
}
