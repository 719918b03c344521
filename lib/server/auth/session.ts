// Browser sessions (issue 20 item 2): a random 32-byte id in a signed, HttpOnly, SameSite=Lax
// cookie; the catalogue stores only the id's SHA-256, with the user and the expiry. Sign-out
// deletes the row, so a copied cookie stops working at once (a purely signed cookie could not
// be revoked). The HMAC lets a forged or truncated cookie be refused without a database read.
import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { isRole } from "@/lib/auth/permissions";
import { getSecretKey } from "@/lib/server/crypto";
import { getDb } from "@/lib/server/db";
import { contextFor, type AuthContext } from "./context";

export const SESSION_COOKIE = "sightline_session";
/** lastSeenAt is written at most this often per session (a read per request, not a write). */
const TOUCH_EVERY_MS = 5 * 60_000;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

async function mac(id: string): Promise<string> {
  const key = createHmac("sha256", await getSecretKey()).update("sightline session cookie v1").digest();
  return createHmac("sha256", key).update(id).digest("base64url");
}

/** Reads one cookie from a Cookie header (RFC 6265 §5.4 syntax, first occurrence wins). */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** Whether cookies must be Secure: the public URL (or this request) is https. */
export function secureCookies(request?: Request): boolean {
  const pub = getEnv().SIGHTLINE_PUBLIC_URL;
  if (pub) return pub.startsWith("https:");
  const proto = request?.headers.get("x-forwarded-proto")?.split(",")[0].trim() ?? (request ? new URL(request.url).protocol.replace(":", "") : "http");
  return proto === "https";
}

export function cookieHeader(name: string, value: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${name}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`, ...(secure ? ["Secure"] : [])].join("; ");
}

/** Starts a session for `userId`; returns the Set-Cookie header value and the expiry. */
export async function createSession(userId: string, request?: Request): Promise<{ setCookie: string; expiresAt: Date }> {
  const hours = getEnv().SIGHTLINE_SESSION_HOURS;
  const id = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + hours * 3600_000);
  const db = await getDb();
  await db.session.create({ data: { idHash: sha256(id), userId, expiresAt } });
  await db.user.update({ where: { id: userId }, data: { lastSignInAt: new Date() } });
  return { setCookie: cookieHeader(SESSION_COOKIE, `${id}.${await mac(id)}`, hours * 3600, secureCookies(request)), expiresAt };
}

/** The cookie's session id when its signature holds; null otherwise. */
async function verifiedId(request: Request): Promise<string | null> {
  const raw = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (!raw || raw.length > 200) return null;
  const dot = raw.lastIndexOf(".");
  if (dot <= 0) return null;
  const id = raw.slice(0, dot);
  const sent = Buffer.from(raw.slice(dot + 1));
  const want = Buffer.from(await mac(id));
  return sent.length === want.length && timingSafeEqual(sent, want) ? id : null;
}

/** The signed-in user's context, or null (no cookie, a bad signature, expired, signed out, disabled). */
export async function sessionContext(request: Request): Promise<AuthContext | null> {
  const id = await verifiedId(request);
  if (!id) return null;
  const db = await getDb();
  const row = await db.session.findUnique({ where: { idHash: sha256(id) }, include: { user: true } });
  if (!row || row.expiresAt.getTime() <= Date.now() || row.user.disabled || !isRole(row.user.role)) return null;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS)
    await db.session.update({ where: { idHash: row.idHash }, data: { lastSeenAt: new Date() } }).catch(() => {});
  return contextFor({ actor: row.user.name, userId: row.user.id, role: row.user.role, teams: row.user.teams, via: "session" });
}

/** Ends the request's session (if any); returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
  const id = await verifiedId(request);
  if (id) {
    const db = await getDb();
    await db.session.deleteMany({ where: { idHash: sha256(id) } });
  }
  return cookieHeader(SESSION_COOKIE, "", 0, secureCookies(request));
}
