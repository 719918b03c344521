import { describe, expect, it } from "vitest";
import { escapeLabelValue, quoteLabelValue, quoteRegexLiteral, regexAlternation } from "@/lib/promql/escape";
import { matcher, render, selector } from "@/lib/promql/ast";
import { countNodes, parsePromql, unquoteGo } from "./promql-lezer";

describe("escapeLabelValue", () => {
  it.each([
    ["plain", "plain"],
    ['a"b', 'a\\"b'],
    ["a\\b", "a\\\\b"],
    ["line\nbreak", "line\\nbreak"],
    ["cr\rtab\t", "cr\\rtab\\t"],
    ["nul\u0000bell\u0007", "nul\\u0000bell\\u0007"],
    ["del\u007fnel\u0085", "del\\u007fnel\\u0085"],
    ["héllo 日本 🚀", "héllo 日本 🚀"],
    ["\u2028sep", "\u2028sep"],
    ["lone\ud800", "lone\\ufffd"],
    ['"} or vector(1) #', '\\"} or vector(1) #'],
  ])("%j → %j", (input, escaped) => {
    expect(escapeLabelValue(input)).toBe(escaped);
  });

  it("round-trips through Prometheus' unquoting for every table value without surrogates", () => {
    for (const v of ['a"b', "a\\b", "x\ny", "\u0000\u001f\u007f\u0085", "日本🚀", "\\\"\\n"]) expect(unquoteGo(quoteLabelValue(v))).toBe(v);
  });
});

describe("quoteRegexLiteral", () => {
  it.each([
    ["1.0", "1\\.0"],
    ["+Inf", "\\+Inf"],
    ["GET /api/{id}", "GET /api/\\{id\\}"],
    ["a|b(c)[d]^$*?\\", "a\\|b\\(c\\)\\[d\\]\\^\\$\\*\\?\\\\"],
  ])("%j → %j", (input, quoted) => expect(quoteRegexLiteral(input)).toBe(quoted));

  it("builds an alternation that matches exactly its literals, never a prefix", () => {
    const re = new RegExp(`^(?:${regexAlternation(["1", "1.0", "1", "0.512"])})$`, "u");
    expect(regexAlternation(["1", "1.0", "1"])).toBe("1|1\\.0");
    for (const yes of ["1", "1.0", "0.512"]) expect(re.test(yes)).toBe(true);
    for (const no of ["10", "1.00", "1x0", "0.5120", "11.0", "0x512"]) expect(re.test(no)).toBe(false);
  });
});

// Deterministic PRNG (mulberry32) so a failing case is reproducible from its index.
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ['"', "\\", "\n", "\r", "\t", "\u0000", "\u001b", "\u007f", "\u0085", "}", "{", ",", "=", "~", "!", "#", "'", "`",
  "(", ")", "[", "]", "|", ".", "*", "+", "?", "^", "$", " ", "a", "Z", "0", "é", "日", "🚀", "\u2028", "\ufeff"];
const PAYLOADS = ['"} or vector(1) #', '\\"} or vector(1) #', '"}[5m]) or up{x="', "\\", '\\"', "\n} or vector(1)\n", "`} or `"];

function randomValue(rand: () => number): string {
  let s = "";
  const n = Math.floor(rand() * 24);
  for (let i = 0; i < n; i++) {
    s += rand() < 0.08 ? PAYLOADS[Math.floor(rand() * PAYLOADS.length)] : ALPHABET[Math.floor(rand() * ALPHABET.length)];
  }
  return s;
}

describe("fuzz: escaped values cannot change a query's shape", () => {
  const rand = mulberry32(20261125);
  const cases = Array.from({ length: 2000 }, () => randomValue(rand));

  it("parses without errors, keeps exactly two matchers and decodes back to the value", () => {
    for (const [i, value] of cases.entries()) {
      for (const op of ["=", "!=", "=~", "!~"] as const) {
        const q = render(selector("m_bucket", [matcher("a", op, value), matcher("b", "=", "x")]));
        const p = parsePromql(q);
        const ctx = `case ${i} op ${op}: ${JSON.stringify(value)} → ${q}`;
        expect(p.errors, ctx).toEqual([]);
        expect(countNodes(p, "VectorSelector"), ctx).toBe(1);
        expect(countNodes(p, "UnquotedLabelMatcher"), ctx).toBe(2);
        expect(p.nodes.filter((n) => ["BinaryExpr", "FunctionCall", "AggregateExpr"].includes(n)), ctx).toEqual([]);
        expect(p.strings.map(unquoteGo), ctx).toEqual([value, "x"]);
      }
    }
  });

  it("quoted regex literals match their own value and nothing longer", () => {
    for (const value of cases) {
      const re = new RegExp(`^(?:${quoteRegexLiteral(value)})$`, "su");
      expect(re.test(value)).toBe(true);
      expect(re.test(value + "x")).toBe(false);
      expect(unquoteGo(quoteLabelValue(quoteRegexLiteral(value)))).toBe(quoteRegexLiteral(value));
    }
  });
});

describe("matching and grouping modifiers", () => {
  it("renders `ignoring (…)` on a binary and `without (…)` on an aggregation, and refuses bad label names", async () => {
    const { aggWithout, binary, PromqlBuildError } = await import("@/lib/promql/ast");
    const a = selector("a", [matcher("x", "=", "1")]);
    const b = selector("b");
    const text = render(binary("unless", aggWithout("max", a, ["burn_window"]), b, { ignoring: ["burn_window", "le"] }));
    expect(text).toBe('max without (burn_window) (a{x="1"}) unless ignoring (burn_window, le) b');
    expect(parsePromql(text).errors).toEqual([]);
    expect(() => binary("or", a, b, { ignoring: ['x") or vector(1'] })).toThrow(PromqlBuildError);
    expect(() => aggWithout("max", a, ["bad-label"])).toThrow(PromqlBuildError);
  });
});
