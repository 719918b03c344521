// Why a sign-in did not complete, carried to /sign-in in its URL (issue 20 item 2). The sentence
// is HMAC-signed (a key derived from the secret key): the page shows only sentences Sightline
// wrote, so a crafted link cannot make the sign-in page say "call this number" (content spoofing).
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { getSecretKey } from "@/lib/server/crypto";

const MAX_CHARS = 400;

async function mac(message: string): Promise<string> {
  const key = createHmac("sha256", await getSecretKey()).update("sightline sign-in message v1").digest();
  return createHmac("sha256", key).update(message).digest("base64url");
}

/** Query parameters (`error`, `sig`) that carry `message` to the sign-in page. */
export async function signedMessageParams(message: string): Promise<Record<string, string>> {
  const text = message.slice(0, MAX_CHARS);
  return { error: text, sig: await mac(text) };
}

/** The message when its signature holds; null otherwise (shown as nothing at all). */
export async function verifiedMessage(error: unknown, sig: unknown): Promise<string | null> {
  if (typeof error !== "string" || typeof sig !== "string" || error.length > MAX_CHARS) return null;
  const want = Buffer.from(await mac(error));
  const sent = Buffer.from(sig);
  return want.length === sent.length && timingSafeEqual(want, sent) ? error : null;
}
