// Datasources: where span metrics and traces are read from. The auth secret is write-only: stored
// encrypted (lib/server/crypto.ts), reported only as `hasAuthSecret`, and decrypted solely for the
// server-side metrics/trace clients through getDatasourceWithSecret().
import "server-only";
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
import { isUniqueViolation } from "./prisma-errors";

export function toDatasourceDto(row: Datasource): DatasourceDto {
  const { authSecretEnc, createdAt, updatedAt, ...rest } = row;
  return DatasourceDto.parse({
    ...rest,
    hasAuthSecret: authSecretEnc !== null,
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

/** bearer and basic need a secret; basic's is "user:password". `secret` null = none stored. */
function checkAuth(kind: CreateDatasourceInput["authKind"], secret: string | null) {
  if (kind === "none") return;
  if (!secret) throw new ValidationError([{ path: "authSecret", message: `required for ${kind} auth` }]);
  if (kind === "basic" && !secret.includes(":"))
    throw new ValidationError([{ path: "authSecret", message: 'basic auth needs "user:password"' }]);
}

export async function createDatasource(input: CreateDatasourceInput): Promise<DatasourceDto> {
  const { authSecret, ...fields } = input;
  // No auth means no secret: a leftover token must not sit in the database unused.
  const secret = fields.authKind === "none" ? null : authSecret || null;
  checkAuth(fields.authKind, secret);
  const authSecretEnc = secret ? encryptSecret(await getSecretKey(), secret) : null;
  try {
    return toDatasourceDto(await (await getDb()).datasource.create({ data: { ...fields, authSecretEnc } }));
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateError("datasource", "slug", input.slug);
    throw err;
  }
}

/**
 * Absent `authSecret` keeps the stored one, `""` clears it; switching to authKind "none" clears it too.
 *
 * A secret belongs to the server it was entered for: when prometheusUrl moves to another scheme,
 * host or port and the request does not send the secret again, the stored one is dropped (never
 * sent to the new host) and `credentialsDropped` says so. authKind stays, so the datasource reads
 * as "bearer/basic, secret not set": it needs its credentials, rather than silently being a
 * datasource without auth. A new path on the same origin (e.g. /prometheus) keeps the secret.
 * The secret is only ever sent to prometheusUrl; traceUrl and grafanaUrl never carry it.
 */
export async function updateDatasource(idOrSlug: string, patch: UpdateDatasourceInput): Promise<UpdatedDatasourceDto> {
  const { authSecret, ...fields } = patch;
  const key = await getSecretKey();
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const row = await findRow(tx, idOrSlug);
      if (!row) throw new NotFoundError("datasource", idOrSlug);
      const kind = fields.authKind ?? row.authKind;
      const moved = fields.prometheusUrl !== undefined && urlOrigin(fields.prometheusUrl) !== urlOrigin(row.prometheusUrl);
      const credentialsDropped = moved && authSecret === undefined && kind !== "none" && row.authSecretEnc !== null;
      let authSecretEnc: string | null;
      if (kind === "none" || authSecret === "" || credentialsDropped) authSecretEnc = null;
      else if (authSecret !== undefined) authSecretEnc = encryptSecret(key, authSecret);
      else authSecretEnc = row.authSecretEnc;
      if (authSecret) checkAuth(kind, authSecret);
      // Choosing an auth kind, or clearing its secret, leaves nothing to authenticate with: refused.
      // A datasource already waiting for its credentials (dropped earlier) can still be edited.
      else if (kind !== "none" && !authSecretEnc && !credentialsDropped && (authSecret === "" || kind !== row.authKind))
        checkAuth(kind, null);
      // A kept bearer token is no "user:password": switching to basic needs the secret again.
      else if (kind === "basic" && row.authKind !== "basic" && authSecret === undefined)
        throw new ValidationError([{ path: "authSecret", message: 'enter "user:password" when switching to basic auth' }]);
      const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const saved = await tx.datasource.update({ where: { id: row.id }, data: { ...defined, authSecretEnc } });
      return { ...toDatasourceDto(saved), credentialsDropped };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateError("datasource", "slug", fields.slug ?? idOrSlug);
    throw err;
  }
}

export type DatasourceAuth =
  | { kind: "none" }
  | { kind: "bearer"; token: string }
  | { kind: "basic"; username: string; password: string };

/** What the Prometheus/Tempo/Jaeger clients need to connect: the DTO plus the decrypted auth. */
export type DatasourceConfig = DatasourceDto & { auth: DatasourceAuth };

/** Server-side only: the datasource with its secret decrypted. NotFoundError when absent. */
export async function getDatasourceWithSecret(idOrSlug: string): Promise<DatasourceConfig> {
  const row = await findRow(await getDb(), idOrSlug);
  if (!row) throw new NotFoundError("datasource", idOrSlug);
  return toDatasourceConfig(row);
}

/** A datasource row (e.g. joined to its SLO) as client config, with the secret decrypted. */
export async function toDatasourceConfig(row: Datasource): Promise<DatasourceConfig> {
  const dto = toDatasourceDto(row);
  const secret = row.authSecretEnc ? readSecret(await getSecretKey(), row) : null;
  let auth: DatasourceAuth = { kind: "none" };
  if (row.authKind === "bearer" && secret) auth = { kind: "bearer", token: secret };
  if (row.authKind === "basic" && secret) {
    const i = secret.indexOf(":");
    auth = { kind: "basic", username: secret.slice(0, i), password: secret.slice(i + 1) };
  }
  return { ...dto, auth };
}

function readSecret(key: Buffer, row: Datasource): string {
  const r = decryptSecret(key, row.authSecretEnc ?? "");
  if (r.ok) return r.value;
  throw new HttpProblem(
    500,
    ProblemType.secretUnreadable,
    "Stored credentials cannot be read",
    `the auth secret of datasource "${row.slug}" cannot be decrypted (was SIGHTLINE_SECRET_KEY or .data/secret.key changed?); enter it again`,
  );
}
