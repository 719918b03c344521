// Regular expressions as Prometheus reads them. A `=~`/`!~` matcher value is compiled by Go's
// regexp (RE2 syntax) as `^(?:value)$`, so JavaScript's RegExp is the wrong judge: it accepts
// lookarounds and backreferences that Prometheus refuses (every query of the SLO then fails),
// and refuses the inline flags `(?i)` that Prometheus accepts. re2js is a pure-JS port of RE2
// with Go's parser and error texts, so the browser form and the API give the same verdict.
// Pure, no I/O. tests/integration/regex-prometheus.test.ts checks the verdicts against a real
// Prometheus. The engine comes from #regex-engine: always there on the server; in the browser it
// arrives after the page has loaded, and until then there is no verdict (null: the API judges
// every save with the same function).
import type { RE2JS } from "re2js";
import { regexEngine } from "#regex-engine";

const ENGINE = "Prometheus (RE2)";

// Perl syntax RE2 leaves out on purpose (linear-time matching), with the words users search for.
const UNSUPPORTED_GROUPS: [prefix: string, what: string][] = [
  ["(?=", "lookahead (?=…)"],
  ["(?!", "negative lookahead (?!…)"],
  ["(?<=", "lookbehind (?<=…)"],
  ["(?<!", "negative lookbehind (?<!…)"],
  ["(?>", "atomic group (?>…)"],
  ["(?#", "comment (?#…)"],
];

/**
 * Why Prometheus would refuse `pattern` as a regex matcher value, in words; null when it is fine.
 *
 * Both forms are compiled because Prometheus needs both: the bare value (it parses it alone too,
 * so `a)|(b`, which would compile once wrapped, is refused) and the anchored `^(?:value)$` it
 * matches with (`x|\Q` is valid alone, but its open quote swallows the wrapper's `)$`).
 */
export function promRegexProblem(pattern: string): string | null {
  const re2 = regexEngine();
  if (!re2) return null;
  const { RE2JS, RE2JSSyntaxException } = re2;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (err) {
    if (!(err instanceof RE2JSSyntaxException)) return `not a valid ${ENGINE} regular expression`;
    return describe(err.getDescription(), err.getPattern() ?? "");
  }
  try {
    RE2JS.compile(`^(?:${pattern})$`);
  } catch {
    return pattern.includes("\\Q")
      ? "close the \\Q quote with \\E: Prometheus matches the value as ^(?:…)$ and an open quote swallows the end"
      : `not a valid ${ENGINE} regular expression once anchored as ^(?:…)$`;
  }
  // re2js takes `(?<name>…)` like Go 1.22+; Prometheus built with older Go (2.42 here) refuses it while
  // `(?P<name>…)` works everywhere. Fewer `(?P<` in the text than named groups means some use `(?<`.
  const named = Object.keys(re.namedGroups()).length;
  if (named > pattern.split("(?P<").length - 1)
    return "named group (?<name>…) is refused by older Prometheus releases (Go before 1.22): write (?P<name>…) or a plain group (…)";
  return null;
}

function describe(error: string, at: string): string {
  if (error === "invalid or unsupported Perl syntax" || error === "invalid named capture") {
    const group = UNSUPPORTED_GROUPS.find(([prefix]) => at.startsWith(prefix));
    if (group) return `${group[1]} is not supported by ${ENGINE}`;
    if (/^\(\?[a-zA-Z-]/.test(at)) return `unsupported flag in ${at}…: ${ENGINE} knows only i, m, s and U`;
  }
  if (error === "invalid escape sequence" && /^\\[1-9]/.test(at))
    return `backreference ${at} is not supported by ${ENGINE}`;
  if (error === "invalid nested repetition operator")
    return `${at} repeats a repetition (possessive or nested quantifier), which ${ENGINE} does not support`;
  if (error === "invalid repeat count") return `repeat count ${at} is invalid or over ${ENGINE}'s limit of 1000`;
  if (error === "unexpected )")
    return `unbalanced ")": every ")" needs its "("`;
  return `not a valid ${ENGINE} regular expression: ${error}${at ? ` at \`${at}\`` : ""}`;
}
