// Test support (not a test file): parses PromQL with the official lezer grammar and decodes
// double-quoted string literals exactly as Prometheus does (Go strconv.Unquote rules).
import { parser } from "@prometheus-io/lezer-promql";

export interface ParsedQuery {
  errors: number[];
  /** Node type names in document order. */
  nodes: string[];
  /** Raw text of every StringLiteral. */
  strings: string[];
}

export function parsePromql(q: string): ParsedQuery {
  const tree = parser.parse(q);
  const out: ParsedQuery = { errors: [], nodes: [], strings: [] };
  tree.iterate({
    enter: (n) => {
      if (n.type.isError) out.errors.push(n.from);
      out.nodes.push(n.type.name);
      if (n.type.name === "StringLiteral") out.strings.push(q.slice(n.from, n.to));
    },
  });
  return out;
}

export const countNodes = (p: ParsedQuery, name: string) => p.nodes.filter((n) => n === name).length;

const SIMPLE: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", '"': '"' };

/** Strict Go-style unquote of a double-quoted literal; throws where Prometheus' lexer would reject. */
export function unquoteGo(literal: string): string {
  if (literal.length < 2 || literal[0] !== '"' || literal[literal.length - 1] !== '"') throw new Error("not a double-quoted literal");
  const body = literal.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"' || ch === "\n") throw new Error(`raw ${JSON.stringify(ch)} inside a literal at ${i}`);
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const e = body[++i];
    if (e === undefined) throw new Error("dangling backslash");
    if (SIMPLE[e] !== undefined) out += SIMPLE[e];
    else if (e === "x" || e === "u" || e === "U") {
      const len = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new Error(`bad \\${e} escape`);
      const cp = parseInt(hex, 16);
      if (e === "x" && cp >= 0x80) throw new Error("\\x above 0x7f is a raw byte, not a code point");
      out += String.fromCodePoint(cp);
      i += len;
    } else if (/[0-7]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) throw new Error("bad octal escape");
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else throw new Error(`unknown escape \\${e}`);
  }
  return out;
}
