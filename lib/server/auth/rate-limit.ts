// Rate limits for sign-in and token endpoints (issue 20 item 5): a token bucket per key
// ("signin:ip:203.0.113.9", "signin:user:alice", "token-create:user:<id>"). A key may spend
// `limit` attempts at once, then earns one back every windowSeconds / limit.
//
// Memory is bounded: at most `maxKeys` keys are kept; a full bucket carries no information so it is
// dropped on the next sweep, and past the cap the least recently used key is evicted (which resets
// that key's limit: the price of a bound; a caller who can mint keys freely, e.g. by spoofing
// addresses, can do that, which is why sign-in is also limited per username).
//
// Limits are PER PROCESS: with N replicas behind a load balancer a caller gets up to N × the limit.
// That is acceptable for slowing password guessing (passwords are also hashed slowly); a shared
// store would be needed for exact global limits.
//
// The core (RateLimiter) is pure: the clock is injected, no I/O.
import "server-only";
import { RateLimitedError } from "@/lib/server/errors";

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export interface RateLimitOptions {
  /** Attempts allowed in a burst (the bucket's size). */
  limit: number;
  /** Time for an empty bucket to refill completely. */
  windowSeconds: number;
  /** Keys kept at most; the least recently used go first. */
  maxKeys?: number;
  /** Milliseconds since the epoch; injected so tests need no fake timers. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  atMs: number;
}

export class RateLimiter {
  readonly limit: number;
  private readonly perMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;
  private readonly buckets = new Map<string, Bucket>();
  private lastSweepMs = -Infinity;

  constructor(o: RateLimitOptions) {
    if (!(o.limit >= 1) || !(o.windowSeconds > 0)) throw new RangeError("limit must be ≥ 1 and windowSeconds > 0");
    this.limit = o.limit;
    this.perMs = o.limit / (o.windowSeconds * 1000);
    this.maxKeys = Math.max(1, o.maxKeys ?? 10_000);
    this.now = o.now ?? Date.now;
  }

  /** Spends one attempt for `key` if it has one. */
  take(key: string): RateDecision {
    const now = this.now();
    this.sweep(now);
    const b = this.refilled(key, now);
    // Re-insert so Map order is least-recently-used first.
    this.buckets.delete(key);
    // The epsilon absorbs float dust from refill arithmetic (0.9999999 after exactly one interval).
    if (b.tokens >= 1 - 1e-9) {
      b.tokens = Math.max(0, b.tokens - 1);
      this.buckets.set(key, b);
      this.evictOverCap();
      return { ok: true, remaining: Math.floor(b.tokens) };
    }
    this.buckets.set(key, b);
    this.evictOverCap();
    // Whole milliseconds first: float dust (7000.0000001 ms) must not round 7 s up to 8.
    const waitMs = Math.ceil((1 - b.tokens) / this.perMs - 1e-6);
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Forgets `key` (e.g. after a successful sign-in, so typos earlier do not count). */
  reset(key: string): void {
    this.buckets.delete(key);
  }

  /** Keys currently held (for tests and the memory bound). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, now: number): Bucket {
    const b = this.buckets.get(key);
    if (!b) return { tokens: this.limit, atMs: now };
    const elapsed = Math.max(0, now - b.atMs);
    return { tokens: Math.min(this.limit, b.tokens + elapsed * this.perMs), atMs: now };
  }

  private evictOverCap(): void {
    while (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value as string;
      this.buckets.delete(oldest);
    }
  }

  /** Drops buckets that have refilled completely (they hold nothing); at most once per second. */
  private sweep(now: number): void {
    if (now - this.lastSweepMs < 1000) return;
    this.lastSweepMs = now;
    for (const [k, b] of this.buckets) if (b.tokens + (now - b.atMs) * this.perMs >= this.limit) this.buckets.delete(k);
  }
}

/** Spends one attempt of every key, and throws a 429 (with Retry-After) if any is exhausted. */
export function enforceRateLimit(limiter: RateLimiter, keys: readonly string[], what: string): void {
  let wait = 0;
  for (const key of keys) {
    const d = limiter.take(key);
    if (!d.ok) wait = Math.max(wait, d.retryAfterSeconds);
  }
  if (wait > 0) throw new RateLimitedError(wait, what);
}

/**
 * The caller's address as seen by the nearest hop, or null.
 *
 * Under `next start`, Next sets x-forwarded-for to the socket's peer address only when the request
 * has no x-forwarded-for already (next/dist/server/base-server.js: `headers['x-forwarded-for'] ??=
 * socket.remoteAddress`); route handlers get no socket. So: behind a proxy that appends the peer
 * (nginx `$proxy_add_x_forwarded_for`, most load balancers) the LAST entry is what that proxy saw
 * and is trustworthy; reached directly, a caller can write any value there. Use this address as
 * one key among others (username, user id, token id), never as the only limit.
 */
export function clientAddress(request: Request): string | null {
  const xff = request.headers.get("x-forwarded-for");
  if (!xff) return null;
  const last = xff.split(",").map((s) => s.trim()).filter(Boolean).pop();
  if (!last || last.length > 64 || !/^[0-9A-Fa-f:.[\]]+$/.test(last)) return null;
  return last.replace(/^::ffff:/i, "");
}
