// The sign-in / token rate limiter: burst, refill, Retry-After, bounded memory, client address.
import { describe, expect, it } from "vitest";
import { clientAddress, enforceRateLimit, RateLimiter } from "@/lib/server/auth/rate-limit";
import { RateLimitedError } from "@/lib/server/errors";

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe("RateLimiter", () => {
  it("allows a burst of `limit`, then refuses with the seconds until one attempt is back", () => {
    const c = clock();
    const rl = new RateLimiter({ limit: 5, windowSeconds: 60, now: c.now });
    const got = Array.from({ length: 5 }, () => rl.take("k"));
    expect(got.map((d) => d.ok)).toEqual([true, true, true, true, true]);
    expect(got.map((d) => (d.ok ? d.remaining : -1))).toEqual([4, 3, 2, 1, 0]);
    // One attempt comes back every 60/5 = 12 s.
    expect(rl.take("k")).toEqual({ ok: false, retryAfterSeconds: 12 });
    c.t += 5_000;
    expect(rl.take("k")).toEqual({ ok: false, retryAfterSeconds: 7 });
    c.t += 7_000;
    expect(rl.take("k").ok).toBe(true);
    expect(rl.take("k").ok).toBe(false);
  });

  it("keeps keys apart and refills to at most `limit`", () => {
    const c = clock();
    const rl = new RateLimiter({ limit: 2, windowSeconds: 10, now: c.now });
    rl.take("a");
    rl.take("a");
    expect(rl.take("a").ok).toBe(false);
    expect(rl.take("b").ok).toBe(true);
    c.t += 3_600_000;
    expect(rl.take("a")).toEqual({ ok: true, remaining: 1 });
  });

  it("refused attempts do not dig the hole deeper", () => {
    const c = clock();
    const rl = new RateLimiter({ limit: 1, windowSeconds: 10, now: c.now });
    rl.take("k");
    for (let i = 0; i < 50; i++) expect(rl.take("k").ok).toBe(false);
    c.t += 10_000;
    expect(rl.take("k").ok).toBe(true);
  });

  it("reset forgets a key", () => {
    const rl = new RateLimiter({ limit: 1, windowSeconds: 60, now: clock().now });
    rl.take("k");
    expect(rl.take("k").ok).toBe(false);
    rl.reset("k");
    expect(rl.take("k").ok).toBe(true);
  });

  it("holds at most maxKeys, evicting the least recently used", () => {
    const c = clock();
    const rl = new RateLimiter({ limit: 1, windowSeconds: 60, maxKeys: 3, now: c.now });
    for (const k of ["a", "b", "c"]) rl.take(k);
    rl.take("a"); // a is now the most recent (refused)
    rl.take("d"); // evicts b
    expect(rl.size).toBe(3);
    expect(rl.take("a").ok).toBe(false); // kept
    expect(rl.take("c").ok).toBe(false); // kept
    expect(rl.take("b").ok).toBe(true); // forgotten, so fresh
  });

  it("drops buckets that have refilled, so idle keys cost no memory", () => {
    const c = clock();
    const rl = new RateLimiter({ limit: 2, windowSeconds: 10, now: c.now });
    for (let i = 0; i < 1000; i++) rl.take(`ip-${i}`);
    expect(rl.size).toBe(1000);
    c.t += 10_001;
    rl.take("new");
    expect(rl.size).toBe(1);
  });

  it("rejects nonsense options", () => {
    expect(() => new RateLimiter({ limit: 0, windowSeconds: 10 })).toThrow(RangeError);
    expect(() => new RateLimiter({ limit: 1, windowSeconds: 0 })).toThrow(RangeError);
  });
});

describe("enforceRateLimit", () => {
  it("spends every key and throws a 429 with the longest wait", () => {
    const c = clock();
    const rl = new RateLimiter({ limit: 2, windowSeconds: 20, now: c.now });
    enforceRateLimit(rl, ["ip:1", "user:a"], "sign-in attempts");
    enforceRateLimit(rl, ["ip:1", "user:b"], "sign-in attempts");
    let err: unknown;
    try {
      enforceRateLimit(rl, ["ip:1", "user:c"], "sign-in attempts");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RateLimitedError);
    const e = err as RateLimitedError;
    expect(e.status).toBe(429);
    expect(e.headers["retry-after"]).toBe("10");
    expect(e.detail).toBe("too many sign-in attempts; try again in 10 s");
    // user:c still spent its attempt: a blocked address does not let names go untouched.
    expect(rl.take("user:c")).toEqual({ ok: true, remaining: 0 });
  });
});

describe("clientAddress", () => {
  const req = (xff?: string) => new Request("http://x/", { headers: xff === undefined ? {} : { "x-forwarded-for": xff } });
  it("takes the entry the nearest hop added (the last)", () => {
    expect(clientAddress(req("203.0.113.9"))).toBe("203.0.113.9");
    expect(clientAddress(req("1.2.3.4, 10.0.0.7"))).toBe("10.0.0.7");
    expect(clientAddress(req("::ffff:127.0.0.1"))).toBe("127.0.0.1");
    expect(clientAddress(req("::1"))).toBe("::1");
  });
  it("is null when there is none or it is not an address", () => {
    expect(clientAddress(req())).toBeNull();
    expect(clientAddress(req(""))).toBeNull();
    expect(clientAddress(req("evil<script>"))).toBeNull();
    expect(clientAddress(req("x".repeat(100)))).toBeNull();
  });
});
