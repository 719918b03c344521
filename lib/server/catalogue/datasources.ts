// Datasources: where span metrics and traces are read from. Both secrets (Prometheus's auth secret,
// the trace backend's) are write-only: stored encrypted (lib/server/crypto.ts), reported only as
// `hasAuthSecret` / `hasTraceAuthSecret`, and decrypted solely for the server-side metrics/trace
// clients through getDatasourceWithSecret().
import "server-only";
import { assertAllowed, systemAuth, type AuthContext } from "@/lib/server/auth/context";
import type { Datasource } from "@/lib/generated/prisma/client";
import { decryptSecret, encryptSecret, getSecretKey } from "@/lib/server/crypto";
import { getDb, type Tx } from "@/lib/server/db";
import { DuplicateError, HttpProblem, NotFoundError, ProblemType, ValidationError } from "@/lib/server/errors";
import {
  DatasourceDto,
  urlOrigin,
  type CreateDatasourceInput,
  type UpdateDatasourceInput,
  type UpdatedDatasourceDto,
} from "@/lib/schemas/datasource";
import { recordDatasourceRevision } from "./datasource-revisions";
import { assertDatasourceUrls } from "./datasource-urls";
import { isUniqueViolation } from "./prisma-errors";

export function toDatasourceDto(row: Datasource): DatasourceDto {
  const { authSecretEnc, traceAuthSecretEnc, createdAt, updatedAt, ...rest } = row;
  return DatasourceDto.parse({
    ...rest,
    hasAuthSecret: authSecretEnc !== null,
    hasTraceAuthSecret: traceAuthSecretEnc !== null,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  });
}

async function findRow(tx: Tx, idOrSlug: string): Promise<Datasource | null> {
  return (
    (await tx.datasource.findUnique({ where: { id: idOrSlug } })) ?? (await tx.datasource.findUnique({ where: { slug: idOrSlug } }))
  );
}

export async function listDatasources(): Promise<{ items: DatasourceDto[] }> {
  const rows = await (await getDb()).datasource.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }] });
  return { items: rows.map(toDatasourceDto) };
}

export async function getDatasource(idOrSlug: string): Promise<DatasourceDto> {
  const row = await findRow(await getDb(), idOrSlug);
  if (!row) throw new NotFoundError("datasource", idOrSlug);
  return toDatasourceDto(row);
}

type AuthKindValue = CreateDatasourceInput["authKind"];
/** The two credentials a datasource holds: each names its kind, secret and URL columns. */
const CREDENTIALS = {
  prometheus: { kind: "authKind", secret: "authSecret", enc: "authSecretEnc", url: "prometheusUrl" },
  trace: { kind: "traceAuthKind", secret: "traceAuthSecret", enc: "traceAuthSecretEnc", url: "traceUrl" },
} as const;
type Credential = (typeof CREDENTIALS)[keyof typeof CREDENTIALS];

/** bearer and basic need a secret; basic's is "user:password". `secret` null = none stored. */
function checkAuth(c: Credential, kind: AuthKindValue, secret: string | null) {
  if (kind === "none") return;
  if (!secret) throw new ValidationError([{ path: c.secret, message: `required for ${kind} auth` }]);
  if (kind === "basic" && !secret.includes(":"))
    throw new ValidationError([{ path: c.secret, message: 'basic auth needs "user:password"' }]);
}

/** A new datasource's ciphertext for one credential. No auth means no secret: a leftover one must not sit unused. */
function createdSecret(key: Buffer, c: Credential, kind: AuthKindValue, sent: string | undefined): string | null {
  const secret = kind === "none" ? null : sent || null;
  checkAuth(c, kind, secret);
  return secret ? encryptSecret(key, secret) : null;
}

/** `auth`: who acts (an admin; recorded in the datasource's history). Scripts pass systemAuth(). */
export async function createDatasource(input: CreateDatasourceInput, auth: AuthContext = systemAuth()): Promise<DatasourceDto> {
  assertAllowed(auth, "datasource.write");
  const actor = auth.actor;
  const { authSecret, traceAuthSecret, ...fields } = input;
  const key = await getSecretKey();
  const authSecretEnc = createdSecret(key, CREDENTIALS.prometheus, fields.authKind, authSecret);
  const traceAuthSecretEnc = createdSecret(key, CREDENTIALS.trace, fields.traceAuthKind, traceAuthSecret);
  await assertDatasourceUrls(fields);
  try {
    return await (await getDb()).$transaction(async (tx) => {
      const row = await tx.datasource.create({ data: { ...fields, authSecretEnc, traceAuthSecretEnc } });
      await recordDatasourceRevision(tx, { action: "created", actor, before: null, after: row });
      return toDatasourceDto(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateError("datasource", "slug", input.slug);
    throw err;
  }
}

/**
 * One credential's ciphertext after a PATCH, and whether it was dropped because its URL moved.
 * Absent secret keeps the stored one, `""` clears it; switching the kind to "none" clears it too.
 *
 * A secret belongs to the server it was entered for: when its URL moves to another scheme, host or
 * port and the request does not send the secret again, the stored one is dropped (never sent to
 * the new host) and `dropped` says so. The kind stays, so the datasource reads as "bearer/basic,
 * secret not set": it needs its credentials, rather than silently being one without auth. A new
 * path on the same origin (e.g. /prometheus) keeps the secret.
 */
function updatedSecret(key: Buffer, c: Credential, row: Datasource, patch: UpdateDatasourceInput): { enc: string | null; dropped: boolean } {
  const kind = patch[c.kind] ?? row[c.kind];
  const sent = patch[c.secret];
  const newUrl = patch[c.url];
  const moved = newUrl !== undefined && urlOrigin(newUrl) !== urlOrigin(row[c.url]);
  const dropped = moved && sent === undefined && kind !== "none" && row[c.enc] !== null;
  let enc: string | null;
  if (kind === "none" || sent === "" || dropped) enc = null;
  else if (sent !== undefined) enc = encryptSecret(key, sent);
  else enc = row[c.enc];
  if (sent) checkAuth(c, kind, sent);
  // Choosing an auth kind, or clearing its secret, leaves nothing to authenticate with: refused.
  // A datasource already waiting for its credentials (dropped earlier) can still be edited.
  else if (kind !== "none" && !enc && !dropped && (sent === "" || kind !== row[c.kind])) checkAuth(c, kind, null);
  // A kept bearer token is no "user:password": switching to basic needs the secret again.
  else if (kind === "basic" && row[c.kind] !== "basic" && sent === undefined)
    throw new ValidationError([{ path: c.secret, message: 'enter "user:password" when switching to basic auth' }]);
  return { enc, dropped };
}

/**
 * Partial update; each of the two secrets (Prometheus's, the trace backend's) follows
 * updatedSecret(). The Prometheus secret is only ever sent to prometheusUrl, the trace secret only
 * to traceUrl; grafanaUrl carries neither.
 */
export async function updateDatasource(idOrSlug: string, patch: UpdateDatasourceInput, auth: AuthContext = systemAuth()): Promise<UpdatedDatasourceDto> {
  assertAllowed(auth, "datasource.write");
  const actor = auth.actor;
  const key = await getSecretKey();
  await assertDatasourceUrls(patch);
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const row = await findRow(tx, idOrSlug);
      if (!row) throw new NotFoundError("datasource", idOrSlug);
      const prom = updatedSecret(key, CREDENTIALS.prometheus, row, patch);
      const trace = updatedSecret(key, CREDENTIALS.trace, row, patch);
      // Secrets are stored only as the ciphertexts above, never as sent.
      const secretFields = new Set<string>([CREDENTIALS.prometheus.secret, CREDENTIALS.trace.secret]);
      const defined = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && !secretFields.has(k)));
      const saved = await tx.datasource.update({
        where: { id: row.id },
        data: { ...defined, authSecretEnc: prom.enc, traceAuthSecretEnc: trace.enc },
      });
      await recordDatasourceRevision(tx, { action: "updated", actor, before: row, after: saved });
      return { ...toDatasourceDto(saved), credentialsDropped: prom.dropped, traceCredentialsDropped: trace.dropped };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateError("datasource", "slug", patch.slug ?? idOrSlug);
    throw err;
  }
}

export type DatasourceAuth =
  | { kind: "none" }
  | { kind: "bearer"; token: string }
  | { kind: "basic"; username: string; password: string };

/**
 * What the Prometheus/Tempo/Jaeger clients need to connect: the DTO plus the decrypted auth
 * (`auth` for prometheusUrl, `traceAuth` for traceUrl).
 */
export type DatasourceConfig = DatasourceDto & { auth: DatasourceAuth; traceAuth: DatasourceAuth };

/** Server-side only: the datasource with its secret decrypted. NotFoundError when absent. */
export async function getDatasourceWithSecret(idOrSlug: string): Promise<DatasourceConfig> {
  const row = await findRow(await getDb(), idOrSlug);
  if (!row) throw new NotFoundError("datasource", idOrSlug);
  return toDatasourceConfig(row);
}

/** A datasource row (e.g. joined to its SLO) as client config, with the secrets decrypted. */
export async function toDatasourceConfig(row: Datasource): Promise<DatasourceConfig> {
  const dto = toDatasourceDto(row);
  const needsKey = row.authSecretEnc !== null || row.traceAuthSecretEnc !== null;
  const key = needsKey ? await getSecretKey() : null;
  return {
    ...dto,
    auth: toAuth(row.authKind, key && row.authSecretEnc ? readSecret(key, row, row.authSecretEnc, "auth secret") : null),
    traceAuth: toAuth(
      row.traceAuthKind,
      key && row.traceAuthSecretEnc ? readSecret(key, row, row.traceAuthSecretEnc, "trace backend secret") : null,
    ),
  };
}

function toAuth(kind: AuthKindValue, secret: string | null): DatasourceAuth {
  if (kind === "bearer" && secret) return { kind: "bearer", token: secret };
  if (kind === "basic" && secret) {
    const i = secret.indexOf(":");
    return { kind: "basic", username: secret.slice(0, i), password: secret.slice(i + 1) };
  }
  return { kind: "none" };
}

function readSecret(key: Buffer, row: Datasource, enc: string, what: string): string {
  const r = decryptSecret(key, enc);
  if (r.ok) return r.value;
  throw new HttpProblem(
    500,
    ProblemType.secretUnreadable,
    "Stored credentials cannot be read",
    `the ${what} of datasource "${row.slug}" cannot be decrypted (was SIGHTLINE_SECRET_KEY or .data/secret.key changed?); enter it again`,
  );
}
