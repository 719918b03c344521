// API tokens for scripts and CI (issue 20 item 3): create, list, revoke. Verification of a
// presented token is ./token-verify.ts.
//
// A token is `slt_<id>_<secret>`: the id finds the row, the secret is 32 random bytes (base64url,
// 43 characters) of which only the SHA-256 is stored, so the whole token is shown once, in the
// creation answer, and never again. Its rights are at most the creator's: the scopes asked for
// must lie within what the request itself may do — for a token-authenticated request that is the
// presenting token's scopes, so a token cannot mint a stronger one.
import "server-only";
import { randomBytes } from "node:crypto";
import type { Permission } from "@/lib/auth/permissions";
import type { CreatedTokenDto, TokenDto } from "@/lib/schemas/tokens";
import { z } from "zod";
import { CreateTokenInput } from "@/lib/schemas/tokens";
import { getDb } from "@/lib/server/db";
import { ForbiddenError, NotFoundError, StateConflictError } from "@/lib/server/errors";
import type { AuthContext } from "./context";
import { hashTokenSecret, TOKEN_PREFIX } from "./token-verify";

type Row = { id: string; name: string; prefix: string; scopes: string[]; createdAt: Date; expiresAt: Date | null; lastUsedAt: Date | null; revokedAt: Date | null; user: { name: string } };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The DTO of a stored token: no hash, no secret. */
function toDto(r: Row): TokenDto {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes,
    owner: r.user.name,
    createdAt: r.createdAt.toISOString(),
    expiresAt: iso(r.expiresAt),
    lastUsedAt: iso(r.lastUsedAt),
    revokedAt: iso(r.revokedAt),
  };
}

/** Why `auth` cannot own tokens, or null when it can. */
export function tokenOwnerUnavailable(auth: AuthContext): string | null {
  if (auth.userId !== null || auth.via === "proxy") return null;
  if (auth.via === "demo")
    return "demo mode has no users, so there is nobody to own an API token; run with SIGHTLINE_AUTH=local, oidc or proxy to use tokens";
  return "this context has no user to own an API token";
}

/**
 * The User row that owns `auth`'s tokens. Session and token callers have one; a trusted proxy's
 * users get one on their first token (subject "proxy:<name>"), its role and teams refreshed from
 * the proxy's headers each time they create a token (the token's rights follow that row).
 */
async function ownerId(auth: AuthContext): Promise<string> {
  const why = tokenOwnerUnavailable(auth);
  if (why) throw new StateConflictError(why);
  if (auth.userId !== null) return auth.userId;
  const db = await getDb();
  const subject = `proxy:${auth.actor}`;
  const data = { name: auth.actor, role: auth.roles[0], teams: auth.teams ? [...auth.teams] : [] };
  const user = await db.user.upsert({ where: { subject }, create: { subject, ...data }, update: data, select: { id: true } });
  return user.id;
}

/** The owner's id when `auth` has one already (reads never create proxy users). */
async function existingOwnerId(auth: AuthContext): Promise<string | null> {
  if (auth.userId !== null) return auth.userId;
  if (auth.via !== "proxy") return null;
  const db = await getDb();
  const user = await db.user.findUnique({ where: { subject: `proxy:${auth.actor}` }, select: { id: true } });
  return user?.id ?? null;
}

const userName = { user: { select: { name: true } } } as const;

export async function createToken(input: z.output<typeof CreateTokenInput>, auth: AuthContext, now = new Date()): Promise<CreatedTokenDto> {
  const mine = [...auth.permissions];
  const scopes: Permission[] = input.scopes ?? mine;
  const beyond = scopes.filter((p) => !auth.permissions.has(p));
  if (beyond.length > 0) {
    const who = auth.via === "token" ? "the API token this request uses" : `your role (${auth.roles.join("/")})`;
    throw new ForbiddenError(
      `a token can have only rights you have: ${who} does not give ${beyond.map((p) => `"${p}"`).join(", ")}`,
      beyond[0],
    );
  }
  const userId = await ownerId(auth);
  const id = randomBytes(12).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  const db = await getDb();
  const row = await db.apiToken.create({
    data: {
      id,
      userId,
      name: input.name,
      // The id and 4 characters of the secret: enough to tell tokens apart, useless to sign in.
      prefix: `${TOKEN_PREFIX}${id}_${secret.slice(0, 4)}`,
      secretHash: hashTokenSecret(secret),
      scopes: [...scopes].sort(),
      expiresAt: input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * 86_400_000),
    },
    include: userName,
  });
  return { ...toDto(row), secret: `${TOKEN_PREFIX}${id}_${secret}` };
}

/** The caller's own tokens, newest first, revoked ones included (marked so). */
export async function listTokens(auth: AuthContext): Promise<{ items: TokenDto[]; unavailable: string | null }> {
  const unavailable = tokenOwnerUnavailable(auth);
  const userId = unavailable ? null : await existingOwnerId(auth);
  if (userId === null) return { items: [], unavailable };
  const db = await getDb();
  const rows = await db.apiToken.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], include: userName, take: 500 });
  return { items: rows.map(toDto), unavailable: null };
}

/** Revokes one's own token, or anyone's for an admin (user.manage). Revoking twice changes nothing. */
export async function revokeToken(id: string, auth: AuthContext, now = new Date()): Promise<TokenDto> {
  const db = await getDb();
  const row = await db.apiToken.findUnique({ where: { id }, include: userName });
  if (!row) throw new NotFoundError("API token", id);
  const own = (await existingOwnerId(auth)) === row.userId;
  if (!own && !auth.permissions.has("user.manage"))
    throw new ForbiddenError(`the API token "${row.name}" belongs to ${row.user.name}; only its owner or an admin (permission "user.manage") may revoke it`, "user.manage");
  if (row.revokedAt) return toDto(row);
  // updateMany with revokedAt null: two revocations at once keep the first time.
  await db.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  return toDto((await db.apiToken.findUniqueOrThrow({ where: { id }, include: userName })));
}
