// Local sign-in (SIGHTLINE_AUTH=local, the default; issue 20 item 2): the first admin, and checking
// a user name and password. "First start" is lazy: the first call of ensureLocalAdmin (the sign-in
// page's render, a sign-in attempt, a page that finds nobody signed in, or `npm run demo`) creates
// `admin` when the catalogue has no user at all. Two servers racing there are settled by the unique
// subject "local:admin": one insert wins, the other finds the admin and does nothing.
import "server-only";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { isRole } from "@/lib/auth/permissions";
import { getDb } from "@/lib/server/db";
import { isUniqueViolation } from "@/lib/server/catalogue/prisma-errors";
import { decoyHash, generatePassword, hashPassword, verifyPassword } from "./password";

export const LOCAL_SUBJECT_PREFIX = "local:";
export const FIRST_ADMIN = "admin";
export const localSubject = (username: string) => `${LOCAL_SUBJECT_PREFIX}${username}`;

/** Where a generated first-admin password is kept (mode 0600). */
export function adminPasswordFile(): string {
  return path.join(getEnv().SIGHTLINE_DATA_DIR, "admin-password");
}

export type FirstAdmin = { created: false } | { created: true; password: string | null; file: string | null };

type Global = { __sightlineFirstAdmin?: Promise<FirstAdmin> };
const g = globalThis as Global;

/** Creates the first admin once per catalogue (local mode only); later calls are one cached promise. */
export function ensureLocalAdmin(log: (line: string) => void = (l) => console.log(l)): Promise<FirstAdmin> {
  if (getEnv().SIGHTLINE_AUTH !== "local") return Promise.resolve({ created: false });
  g.__sightlineFirstAdmin ??= createFirstAdmin(log).catch((err) => {
    g.__sightlineFirstAdmin = undefined; // the database may come up later: try again next time
    throw err;
  });
  return g.__sightlineFirstAdmin;
}

/** Forgets the cached outcome (tests truncate the catalogue between cases). */
export function resetFirstAdminCache(): void {
  g.__sightlineFirstAdmin = undefined;
}

async function createFirstAdmin(log: (line: string) => void): Promise<FirstAdmin> {
  const db = await getDb();
  if ((await db.user.count()) > 0) return { created: false };
  const given = getEnv().SIGHTLINE_ADMIN_PASSWORD;
  const password = given ?? generatePassword();
  try {
    await db.user.create({ data: { subject: localSubject(FIRST_ADMIN), name: FIRST_ADMIN, role: "admin", passwordHash: await hashPassword(password) } });
  } catch (err) {
    if (isUniqueViolation(err)) return { created: false }; // another server or call won the race
    throw err;
  }
  if (given) {
    log(`[sightline] created the first local admin "${FIRST_ADMIN}" with the password from SIGHTLINE_ADMIN_PASSWORD`);
    return { created: true, password: null, file: null };
  }
  const file = adminPasswordFile();
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
    chmodSync(file, 0o600); // an older file keeps its mode on overwrite
  } catch (err) {
    log(`[sightline] could not write ${file} (${err instanceof Error ? err.message : err}); the password below is shown only now`);
  }
  // The one time the password is printed: the operator needs it to sign in the first time.
  log(
    `[sightline] created the first local admin. Sign in as "${FIRST_ADMIN}" with the password ${password}\n` +
      `[sightline] (kept in ${file}, readable only by this user; it is not printed again. Change it under Settings → Users.)`,
  );
  return { created: true, password, file };
}

export type LocalUser = { id: string; name: string; role: string; teams: string[]; disabled: boolean };

/**
 * The local user with this name and password, or null. An unknown name, a wrong password, a
 * disabled user and an OIDC-only user all answer null after the same scrypt work, so neither
 * the answer nor its timing tells which part was wrong.
 */
export async function checkLocalCredentials(username: string, password: string): Promise<LocalUser | null> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { subject: localSubject(username) } });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !user.passwordHash || !ok || user.disabled || !isRole(user.role)) return null;
  return user;
}
