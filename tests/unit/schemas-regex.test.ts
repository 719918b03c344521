// Regex matcher values judged as Prometheus (Go's RE2) judges them, not by JavaScript's RegExp
// (issue 15, finding 7). The same verdicts are checked against a real Prometheus in
// tests/integration/regex-prometheus.test.ts.
import { describe, expect, it } from "vitest";
import { promRegexProblem } from "@/lib/schemas/regex";

describe("promRegexProblem", () => {
  it.each([
    "(?i)placeorder", // inline flags: JavaScript's RegExp refuses them, RE2 takes them
    "(?i:Place)Order",
    "(?s).*",
    "(?U)a+",
    "GET /api/(v1|v2)/.*",
    "\\Q.*\\E", // quoted literal
    "[[:alpha:]]+",
    "\\pL+",
    "\\p{Greek}",
    "a{1000}",
    "(?P<version>v[0-9]+)",
    "\\(?<x", // an escaped "(" is no named group
    "^POST /checkout$", // redundant anchors are harmless
    "",
  ])("accepts %j", (pattern) => {
    expect(promRegexProblem(pattern)).toBeNull();
  });

  it.each([
    ["Place(?=Order)Order", "lookahead (?=…) is not supported by Prometheus (RE2)"],
    ["Place(?!Order)", "negative lookahead (?!…) is not supported by Prometheus (RE2)"],
    ["(?<=Place)Order", "lookbehind (?<=…) is not supported by Prometheus (RE2)"],
    ["(?<!Place)Order", "negative lookbehind (?<!…) is not supported by Prometheus (RE2)"],
    ["(?>a)", "atomic group (?>…) is not supported by Prometheus (RE2)"],
    ["(a)\\1", "backreference \\1 is not supported by Prometheus (RE2)"],
    ["a*+", "*+ repeats a repetition (possessive or nested quantifier), which Prometheus (RE2) does not support"],
    ["a{1001}", "repeat count {1001} is invalid or over Prometheus (RE2)'s limit of 1000"],
    ["(?x) a", "unsupported flag in (?x…: Prometheus (RE2) knows only i, m, s and U"],
    ["(?<v>x)", "named group (?<name>…) is refused by older Prometheus releases (Go before 1.22): write (?P<name>…) or a plain group (…)"],
    ["GET /(a", "not a valid Prometheus (RE2) regular expression: missing closing ) at `GET /(a`"],
    ["\\Z", "not a valid Prometheus (RE2) regular expression: invalid escape sequence at `\\Z`"],
  ])("refuses %j in words", (pattern, message) => {
    expect(promRegexProblem(pattern)).toBe(message);
  });

  // Prometheus anchors the value as ^(?:value)$ but also parses it alone: both must compile.
  it("refuses a value that would compile only once wrapped", () => {
    expect(promRegexProblem("a)|(b")).toBe('unbalanced ")": every ")" needs its "("');
  });

  it("refuses a value that compiles alone but breaks the ^(?:…)$ wrapper", () => {
    expect(promRegexProblem("x|\\Q")).toBe("close the \\Q quote with \\E: Prometheus matches the value as ^(?:…)$ and an open quote swallows the end");
    expect(promRegexProblem("\\Qa.b\\E|c")).toBeNull();
  });
});
