// Which of the listed operations a regex operation matcher selects, judged as Prometheus judges
// it (RE2, anchored as ^(?:…)$), so the preview never promises a match Prometheus would not make.
// Pure, no I/O.
import { RE2JS } from "re2js";
import { promRegexProblem } from "@/lib/schemas/regex";

export function matchingOperations(pattern: string, values: readonly string[]): { problem: string | null; matches: string[] } {
  if (pattern === "") return { problem: null, matches: [] };
  const problem = promRegexProblem(pattern);
  if (problem) return { problem, matches: [] };
  const re = RE2JS.compile(`^(?:${pattern})$`);
  return { problem: null, matches: values.filter((v) => re.matcher(v).matches()) };
}
