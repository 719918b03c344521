// Where sign-in sends people back to (`/sign-in?next=…`, issue 20 item 2). Pure. Only a path on
// this site is accepted: "//evil.example" and "/\evil.example" are host names to a browser,
// "https://…" and "javascript:…" are not paths at all, and control characters can split headers.
// Anything else falls back to the catalogue.

export const DEFAULT_NEXT = "/slos";
const BASE = "http://sightline.invalid";

export function safeNextPath(raw: string | string[] | null | undefined): string {
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (typeof text !== "string" || text.length === 0 || text.length > 2000) return DEFAULT_NEXT;
  if (!text.startsWith("/") || text.startsWith("//") || text.includes("\\") || /[\u0000-\u001f\u007f\s]/.test(text)) return DEFAULT_NEXT;
  let url: URL;
  try {
    url = new URL(text, BASE);
  } catch {
    return DEFAULT_NEXT;
  }
  if (url.origin !== BASE) return DEFAULT_NEXT;
  // Back to the sign-in page or into the API would be a loop or a JSON answer, not a page.
  if (url.pathname === "/sign-in" || url.pathname.startsWith("/api/") || url.pathname === "/api") return DEFAULT_NEXT;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in address that returns to `path` afterwards. */
export function signInHref(path: string): string {
  const next = safeNextPath(path);
  return next === DEFAULT_NEXT ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
}
