// The OIDC sign-in's short-lived state (issue 20 item 2): state, nonce, PKCE verifier and where to
// go afterwards, carried from /api/auth/oidc/start to the callback in one HMAC-signed, HttpOnly,
// SameSite=Lax cookie scoped to the callback path. Lax is what lets the provider's top-level
// redirect back carry it; the signature (a key derived from the secret key, as for sessions)
// means a browser cannot swap in its own state or verifier; 10 minutes bounds a stale attempt.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { getSecretKey } from "@/lib/server/crypto";

export const FLOW_COOKIE = "sightline_oidc_flow";
export const FLOW_COOKIE_PATH = "/api/auth/oidc/callback";
export const FLOW_TTL_SECONDS = 600;

const Flow = z.object({ state: z.string().min(1).max(200), nonce: z.string().min(1).max(200), verifier: z.string().min(43).max(128), next: z.string().max(2048), exp: z.number().int() }).strict();
export type FlowState = Omit<z.infer<typeof Flow>, "exp">;

async function mac(payload: string): Promise<string> {
  const key = createHmac("sha256", await getSecretKey()).update("sightline oidc flow cookie v1").digest();
  return createHmac("sha256", key).update(payload).digest("base64url");
}

export async function flowCookie(flow: FlowState, secure: boolean): Promise<string> {
  const payload = Buffer.from(JSON.stringify({ ...flow, exp: Math.floor(Date.now() / 1000) + FLOW_TTL_SECONDS })).toString("base64url");
  return cookie(`${payload}.${await mac(payload)}`, FLOW_TTL_SECONDS, secure);
}

export function clearFlowCookie(secure: boolean): string {
  return cookie("", 0, secure);
}

function cookie(value: string, maxAge: number, secure: boolean): string {
  return [`${FLOW_COOKIE}=${value}`, `Path=${FLOW_COOKIE_PATH}`, "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`, ...(secure ? ["Secure"] : [])].join("; ");
}

/** The flow when the cookie is present, signed by us and not expired; null otherwise. */
export async function readFlow(raw: string | null): Promise<FlowState | null> {
  if (!raw || raw.length > 4096) return null;
  const dot = raw.lastIndexOf(".");
  if (dot <= 0) return null;
  const payload = raw.slice(0, dot);
  const sent = Buffer.from(raw.slice(dot + 1));
  const want = Buffer.from(await mac(payload));
  if (sent.length !== want.length || !timingSafeEqual(sent, want)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const flow = Flow.safeParse(parsed);
  if (!flow.success || flow.data.exp <= Math.floor(Date.now() / 1000)) return null;
  return { state: flow.data.state, nonce: flow.data.nonce, verifier: flow.data.verifier, next: flow.data.next };
}
