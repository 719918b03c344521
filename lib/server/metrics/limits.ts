import "server-only";
// What Sightline is willing to spend on, read from and repeat of a backend's answer: a deadline
// shared by every call of one API request, a cap on the bytes read from one answer, and short
// quotes of backend text (an error string or warning can be megabytes; a problem detail must not).

/** One API request's time budget across all its backend calls and retries. */
export interface Deadline {
  /** Date.now() at which the budget is spent. */
  atMs: number;
  /** The whole budget, for messages. */
  budgetMs: number;
}

/** Starts a budget now: create one per API request and pass it to every call that request makes. */
export const deadlineIn = (budgetMs: number, nowMs = Date.now()): Deadline => ({ atMs: nowMs + budgetMs, budgetMs });

export const DEFAULT_MAX_ANSWER_BYTES = 16 * 1024 * 1024;
/** Longest quote of backend text in a message. */
export const MAX_QUOTE_CHARS = 200;
/** Warnings passed on per backend answer, and per API response (several answers plus Sightline's own). */
export const MAX_ANSWER_WARNINGS = 10;
export const MAX_RESPONSE_WARNINGS = 20;

export const seconds = (ms: number) => `${Number((ms / 1000).toPrecision(3))} s`;

export function formatBytes(n: number): string {
  const mib = n / 1024 / 1024;
  if (mib >= 1) return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
  if (n >= 1024) return `${Number((n / 1024).toPrecision(3))} KiB`;
  return `${n} bytes`;
}

/**
 * Backend text fit for a message: control characters and runs of whitespace become one space, and
 * past `max` characters it is cut with an ellipsis (and the full size when it was large).
 */
export function clip(text: string, max = MAX_QUOTE_CHARS): string {
  // Only the head is ever shown: fold a bounded prefix, not a 16 MiB string.
  const head = text.slice(0, max * 4).replace(/[\s\u0000-\u001f\u007f]+/g, " ").trim();
  if (head.length <= max && text.length <= max * 4) return head;
  const cut = `${head.slice(0, max)}…`;
  return text.length > 10_000 ? `${cut} (${formatBytes(Buffer.byteLength(text))} in all)` : cut;
}

/** At most `max` warnings, each clipped; the rest counted in one closing line. */
export function capWarnings(warnings: readonly string[], max: number, from?: string): string[] {
  const kept = warnings.slice(0, max).map((w) => clip(w));
  if (warnings.length > max) kept.push(`… and ${warnings.length - max} more warnings${from ? ` from ${from}` : ""}`);
  return kept;
}

export type CappedBody = { ok: true; text: string } | { ok: false; tooLarge: true };

/**
 * Reads a response body incrementally and stops at `maxBytes`: an answer over the cap is never
 * held in memory whole. A Content-Length over the cap is refused before reading anything.
 */
export async function readCapped(res: Response, maxBytes: number): Promise<CappedBody> {
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    return { ok: false, tooLarge: true };
  }
  if (!res.body) return { ok: true, text: "" };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return { ok: false, tooLarge: true };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}

/** Where a redirect points, for a message: origin and path only (no user info, query or fragment). */
export function redirectTarget(location: string | null, requestUrl: string): string {
  if (!location) return "an unnamed location";
  try {
    const u = new URL(location, requestUrl);
    return clip(`${u.origin}${u.pathname}`, 120);
  } catch {
    return "an unreadable location";
  }
}
