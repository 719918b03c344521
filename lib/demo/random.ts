// Seeded pseudo-random numbers for the demo world. Pure, no I/O.
// Determinism is the point: the same seed gives the same history, the same traces and the same
// test results on every machine, so nothing here may touch Math.random or the clock.

/** A source of uniform numbers in [0, 1). */
export interface Rng {
  next(): number;
}

/** 32-bit string hash (cyrb53 folded), used to derive independent sub-streams from one seed. */
export function hashString(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counter): passes PractRand far beyond what a demo draws,
 * and 32-bit integer maths keeps it fast in V8.
 */
export function createRng(seed: string | number): Rng {
  const s = String(seed);
  let a = hashString(`${s}/a`);
  let b = hashString(`${s}/b`);
  let c = hashString(`${s}/c`);
  let d = 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs of a freshly seeded sfc32 are correlated with the seed: discard them.
  for (let i = 0; i < 12; i++) next();
  return { next };
}

export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.next();
}

/** Standard normal (Box–Muller; the second value is dropped to keep the generator stateless). */
export function normal(rng: Rng): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Log-normal with the given median and shape sigma (median = e^mu). */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng));
}

/** Pareto with scale xm and shape alpha: the rare heavy tail (GC pauses, lock waits, retries). */
export function pareto(rng: Rng, xm: number, alpha: number): number {
  return xm / Math.pow(1 - rng.next(), 1 / alpha);
}

export function bernoulli(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

/** Poisson count; normal approximation above lambda 40 where the error is far below the noise. */
export function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(rng)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Binomial count: exact inversion for small n·p, normal approximation (clamped) for large. */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const mean = n * p;
  const variance = mean * (1 - p);
  if (variance > 25) return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(variance) * normal(rng))));
  if (n < 64) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng.next() < p) k++;
    return k;
  }
  // Waiting-time method: O(n·p) draws, which the branch above keeps small.
  const logQ = Math.log(1 - p);
  let k = 0;
  let pos = 0;
  for (;;) {
    pos += Math.floor(Math.log(1 - rng.next()) / logQ) + 1;
    if (pos > n) return k;
    k++;
  }
}

/**
 * Splits n draws over categories with the given probabilities (summing to 1) by conditional
 * binomials, so a bucket count costs O(buckets), not O(requests).
 */
export function multinomial(rng: Rng, n: number, probs: readonly number[]): number[] {
  const out = new Array<number>(probs.length).fill(0);
  let left = n;
  let mass = 1;
  for (let i = 0; i < probs.length && left > 0; i++) {
    if (i === probs.length - 1) {
      out[i] = left;
      break;
    }
    const p = mass > 0 ? Math.min(1, probs[i] / mass) : 0;
    const k = binomial(rng, left, p);
    out[i] = k;
    left -= k;
    mass -= probs[i];
  }
  return out;
}

/** Weighted pick of an index. */
export function pickWeighted(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** Lower-case hex of `bytes` random bytes (trace ids: 16, span ids: 8). Never all zero. */
export function randomHex(rng: Rng, bytes: number): string {
  let s = "";
  for (let i = 0; i < bytes; i++) s += Math.floor(rng.next() * 256).toString(16).padStart(2, "0");
  return /^0+$/.test(s) ? randomHex(rng, bytes) : s;
}
