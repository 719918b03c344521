// Text that can never be stored or sent on, checked for every route by the wrapper (api.ts) before
// any schema sees it: a NUL character (PostgreSQL refuses it in text: a 500 when it reached the
// database), and a lone UTF-16 surrogate (JSON's "\ud800" parses to one; stored, it turned into
// U+FFFD, so what was saved silently differed from what was sent). Query strings are decoded
// strictly here: URLSearchParams turns a malformed escape such as `%ff` into U+FFFD without a word.
import "server-only";
import { HttpProblem, ProblemType, type FieldIssue } from "@/lib/server/errors";

/** JSON bodies nest at most this deep; nothing Sightline accepts comes close (an SLO is 3 levels). */
export const MAX_JSON_DEPTH = 32;
const MAX_ISSUES = 20;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `s` cannot be accepted as text, or null when it can. */
export function textProblem(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain a NUL character (U+0000)";
  if (LONE_SURROGATE.test(s)) return "must be valid Unicode text (it holds a lone UTF-16 surrogate)";
  return null;
}

/** Issues for each string (and object key) in a parsed JSON value, with its path ("a.0.b"). */
export function jsonTextIssues(value: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  // Iterative, so a body of 30,000 nested arrays cannot overflow the stack before the depth check.
  const stack: { v: unknown; path: string[] }[] = [{ v: value, path: [] }];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const { v, path } = stack.pop()!;
    if (path.length > MAX_JSON_DEPTH)
      throw new HttpProblem(400, ProblemType.malformedBody, "The request body is not usable", `the body nests deeper than ${MAX_JSON_DEPTH} levels`);
    if (typeof v === "string") {
      const problem = textProblem(v);
      if (problem) issues.push({ path: path.join("."), message: problem });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, String(i)] });
    } else if (typeof v === "object" && v !== null) {
      for (const [k, child] of Object.entries(v).reverse()) {
        const problem = textProblem(k);
        if (problem) issues.push({ path: path.join("."), message: `a field name ${problem}` });
        else stack.push({ v: child, path: [...path, k] });
      }
    }
  }
  return issues;
}

/** Issues for path parameters (a catch-all segment is an array of strings). */
export function paramTextIssues(params: Record<string, unknown>): FieldIssue[] {
  return Object.entries(params).flatMap(([key, v]) => {
    const values = Array.isArray(v) ? v : [v];
    const problem = values.map((s) => (typeof s === "string" ? textProblem(s) : null)).find((p) => p !== null);
    return problem ? [{ path: key, message: problem }] : [];
  });
}

export type QueryObject = Record<string, string | string[]>;

/**
 * The query string as `{key: value}` (a repeated key becomes an array, which the string-typed
 * schemas reject as ambiguous), decoded like URLSearchParams (`+` is a space) but refusing
 * malformed percent-escapes and the text textProblem refuses, each issue naming its parameter.
 */
export function parseQuery(search: string): { query: QueryObject; issues: FieldIssue[] } {
  const query: QueryObject = {};
  const issues: FieldIssue[] = [];
  for (const piece of search.replace(/^\?/, "").split("&")) {
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    const rawKey = eq === -1 ? piece : piece.slice(0, eq);
    const rawValue = eq === -1 ? "" : piece.slice(eq + 1);
    const key = strictDecode(rawKey);
    if (key === undefined || textProblem(key)) {
      issues.push({ path: "query", message: "a parameter name is not valid percent-encoded UTF-8 text" });
      continue;
    }
    const value = strictDecode(rawValue);
    const problem = value === undefined ? "has a malformed percent-escape (it must encode UTF-8)" : textProblem(value);
    if (problem) {
      issues.push({ path: key, message: problem });
      continue;
    }
    const prev = query[key];
    query[key] = prev === undefined ? value! : [...(Array.isArray(prev) ? prev : [prev]), value!];
  }
  return { query, issues };
}

function strictDecode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}
