// Trusted reverse-proxy sign-in (SIGHTLINE_AUTH=proxy, like Grafana's auth proxy; issue 20 item 2).
// The proxy authenticates people and sends their name (and role, teams) in headers. Sightline
// believes those headers only when the request proves it came through the proxy: the shared
// secret in X-Sightline-Proxy-Secret (compared in constant time). Anyone else's headers are
// ignored, so a caller who reaches the app directly is simply not signed in.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import type { Env } from "@/lib/env";
import { isRole } from "@/lib/auth/permissions";
import { contextFor, type AuthContext } from "./context";

export const PROXY_SECRET_HEADER = "x-sightline-proxy-secret";

const digest = (s: string) => createHash("sha256").update(s).digest();

function fromTrustedProxy(request: Request, env: Env): boolean {
  const secret = env.SIGHTLINE_PROXY_SECRET;
  if (!secret) return false;
  const sent = request.headers.get(PROXY_SECRET_HEADER);
  return sent !== null && timingSafeEqual(digest(sent), digest(secret));
}

export async function proxyContext(request: Request, env: Env): Promise<AuthContext | null> {
  if (!fromTrustedProxy(request, env)) return null;
  const name = request.headers.get(env.SIGHTLINE_PROXY_USER_HEADER)?.trim() ?? "";
  if (name === "" || name.length > 120 || /[\u0000-\u001f\u007f]/.test(name)) return null;
  const roleText = request.headers.get(env.SIGHTLINE_PROXY_ROLE_HEADER)?.trim().toLowerCase() ?? "viewer";
  const role = isRole(roleText) ? roleText : "viewer";
  const teams = (request.headers.get(env.SIGHTLINE_PROXY_TEAMS_HEADER) ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "" && t.length <= 120);
  return contextFor({ actor: name, userId: null, role, teams, via: "proxy" });
}
