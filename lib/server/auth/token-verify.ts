// Authenticating `Authorization: Bearer slt_<id>_<secret>` (issue 20 item 3). The token's id
// finds the row; the secret's SHA-256 is compared in constant time (the secret is 32 random
// bytes, so a fast hash is enough: there is nothing to brute-force). Expired and revoked tokens
// are refused in words; the rights are the owner's current role, narrowed to the token's scopes,
// so demoting a user demotes their tokens too. Creation, listing and revocation: ./tokens.ts.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { isRole } from "@/lib/auth/permissions";
import { getDb } from "@/lib/server/db";
import { UnauthenticatedError } from "@/lib/server/errors";
import { contextFor, type AuthContext } from "./context";

export const TOKEN_PREFIX = "slt_";
/** lastUsedAt is written at most this often per token. */
const TOUCH_EVERY_MS = 60_000;

export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Splits `slt_<id>_<secret>`; null when the text is not shaped like a Sightline token. */
export function parseToken(text: string): { id: string; secret: string } | null {
  const m = /^slt_([a-z0-9]{8,40})_([A-Za-z0-9_-]{32,128})$/.exec(text);
  return m ? { id: m[1], secret: m[2] } : null;
}

/** The Bearer credential of a request, or null when it sends none. */
export function bearerOf(request: Request): string | null {
  const h = request.headers.get("authorization");
  if (!h) return null;
  const m = /^bearer\s+(\S+)\s*$/i.exec(h);
  if (!m) throw new UnauthenticatedError("the Authorization header must be \"Bearer <API token>\"");
  return m[1];
}

export async function tokenContext(text: string): Promise<AuthContext> {
  const parsed = parseToken(text);
  const unknown = new UnauthenticatedError("the API token is not valid (unknown, mistyped or deleted)");
  if (!parsed) throw unknown;
  const db = await getDb();
  const row = await db.apiToken.findUnique({ where: { id: parsed.id }, include: { user: true } });
  if (!row) throw unknown;
  const sent = Buffer.from(hashTokenSecret(parsed.secret), "hex");
  const want = Buffer.from(row.secretHash, "hex");
  if (sent.length !== want.length || !timingSafeEqual(sent, want)) throw unknown;
  if (row.revokedAt) throw new UnauthenticatedError(`the API token "${row.name}" was revoked on ${row.revokedAt.toISOString()}`);
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now())
    throw new UnauthenticatedError(`the API token "${row.name}" expired on ${row.expiresAt.toISOString()}`);
  if (row.user.disabled || !isRole(row.user.role)) throw new UnauthenticatedError("the API token's owner is disabled");
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS)
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  return contextFor({
    actor: `${row.name} (token of ${row.user.name})`,
    userId: row.user.id,
    role: row.user.role,
    teams: row.user.teams,
    via: "token",
    scopes: row.scopes,
    tokenId: row.id,
  });
}
