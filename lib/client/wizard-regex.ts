// Which of the listed operations a regex operation matcher selects, judged as Prometheus judges
// it (RE2, anchored as ^(?:…)$), so the preview never promises a match Prometheus would not make.
// Null while the browser has not loaded the RE2 engine yet (#regex-engine). Pure, no I/O.
import { regexEngine } from "#regex-engine";
import { promRegexProblem } from "@/lib/schemas/regex";

export function matchingOperations(pattern: string, values: readonly string[]): { problem: string | null; matches: string[] } | null {
  if (pattern === "") return { problem: null, matches: [] };
  const re2 = regexEngine();
  if (!re2) return null;
  const problem = promRegexProblem(pattern);
  if (problem) return { problem, matches: [] };
  const re = re2.RE2JS.compile(`^(?:${pattern})$`);
  return { problem: null, matches: values.filter((v) => re.matcher(v).matches()) };
}
