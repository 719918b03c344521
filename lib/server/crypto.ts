// Encryption of datasource secrets at rest (bearer tokens, basic-auth passwords): AES-256-GCM,
// so a tampered or mixed-up ciphertext fails to decrypt instead of yielding garbage.
// Token format: `v1.<iv>.<tag>.<ciphertext>` (base64url parts; 12-byte random IV, 16-byte tag).
// The key comes from SIGHTLINE_SECRET_KEY, else from <data dir>/secret.key, generated on first use
// for the embedded single-node setup. Losing that file makes stored secrets unreadable.
import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { getEnv } from "@/lib/env";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** Binds ciphertexts to their purpose: a token made for something else will not decrypt here. */
const AAD = Buffer.from("sightline:datasource-secret:v1");

export type DecryptResult = { ok: true; value: string } | { ok: false; error: "malformed" | "tampered_or_wrong_key" };

export function encryptSecret(key: Buffer, plaintext: string): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(AAD);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ct].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(key: Buffer, token: string): DecryptResult {
  assertKey(key);
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) return { ok: false, error: "malformed" };
  const [iv, tag, ct] = parts.slice(1).map((p) => Buffer.from(p, "base64url"));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return { ok: false, error: "malformed" };
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(AAD);
    decipher.setAuthTag(tag);
    return { ok: true, value: Buffer.concat([decipher.update(ct), decipher.final()]).toString("utf8") };
  } catch {
    return { ok: false, error: "tampered_or_wrong_key" };
  }
}

function assertKey(key: Buffer) {
  if (key.length !== KEY_BYTES) throw new Error(`AES-256-GCM needs a ${KEY_BYTES}-byte key`);
}

let cachedKey: Promise<Buffer> | undefined;

/** The key for this installation (see header). Cached for the life of the process. */
export function getSecretKey(): Promise<Buffer> {
  cachedKey ??= loadKey().catch((err) => {
    cachedKey = undefined;
    throw err;
  });
  return cachedKey;
}

async function loadKey(): Promise<Buffer> {
  const env = getEnv();
  if (env.SIGHTLINE_SECRET_KEY) return env.SIGHTLINE_SECRET_KEY;
  const file = path.join(env.SIGHTLINE_DATA_DIR, "secret.key");
  await mkdir(env.SIGHTLINE_DATA_DIR, { recursive: true });
  // Written to a temp file and hard-linked into place: link() fails when the key exists, so two
  // processes starting at once agree on one key, and nobody ever reads a half-written file.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(tmp, randomBytes(KEY_BYTES).toString("base64") + "\n", { mode: 0o600 });
  try {
    await link(tmp, file).catch((err) => {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    });
  } finally {
    await unlink(tmp).catch(() => {});
  }
  const key = Buffer.from((await readFile(file, "utf8")).trim(), "base64");
  if (key.length !== KEY_BYTES) throw new Error(`${file} does not hold a ${KEY_BYTES}-byte base64 key`);
  return key;
}
