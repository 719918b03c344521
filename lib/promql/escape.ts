// The one place label values become PromQL text (ARCHITECTURE.md §3). Pure, no I/O.
// PromQL double-quoted strings follow Go's strconv.Unquote rules: a raw newline or an unescaped
// quote ends or breaks the literal, so those are escaped; everything printable, unicode included,
// passes through unchanged so stored label values match byte for byte.

const SIMPLE_ESCAPES: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Escapes a label value for use between double quotes in PromQL (without the quotes).
 * Control characters (C0, DEL, C1) become `\u00XX`. A lone UTF-16 surrogate cannot exist in a
 * UTF-8 label value, so it becomes U+FFFD: the matcher then matches nothing instead of breaking
 * the URL encoding of the whole request.
 */
// Anything that needs escaping: backslash, quote, C0/DEL/C1 controls, any surrogate (checked below).
const NEEDS_ESCAPE = /[\\"\u0000-\u001f\u007f-\u009f\ud800-\udfff]/;

export function escapeLabelValue(value: string): string {
  // Most label values are plain: skip the character walk (it runs for every matcher of every query).
  if (!NEEDS_ESCAPE.test(value)) return value;
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    const code = value.charCodeAt(i);
    const simple = SIMPLE_ESCAPES[ch];
    if (simple !== undefined) out += simple;
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += "\\u" + code.toString(16).padStart(4, "0");
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length && isLowSurrogate(value.charCodeAt(i + 1))) {
      out += ch + value[i + 1];
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) out += "\\ufffd";
    else out += ch;
  }
  return out;
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** A complete double-quoted PromQL string literal. */
export const quoteLabelValue = (value: string): string => `"${escapeLabelValue(value)}"`;

// RE2 metacharacters. Escaping each with a backslash makes RE2 match it literally.
const RE2_META = /[\\.+*?()|[\]{}^$]/g;

/**
 * Quotes a literal so that, used in `=~`/`!~`, it matches exactly that string (Prometheus anchors
 * regex matchers at both ends). The result still goes through escapeLabelValue when rendered.
 */
export function quoteRegexLiteral(value: string): string {
  return value.replace(RE2_META, "\\$&");
}

/** An anchored alternation matching exactly the given literals, e.g. `1|1\.0`. Order-stable, deduplicated. */
export function regexAlternation(values: readonly string[]): string {
  return [...new Set(values)].map(quoteRegexLiteral).join("|");
}
