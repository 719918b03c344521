// The regex check (lib/schemas/regex.ts) against the judge that matters: a real Prometheus, which
// compiles a `=~` value with Go's regexp as ^(?:value)$ and answers 400 bad_data when it cannot.
// A hand-picked table plus seeded generated patterns must get the same verdict from both.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeLabelValue } from "@/lib/promql/escape";
import { promRegexProblem } from "@/lib/schemas/regex";
import { startPrometheus, type TestPrometheus } from "@/tests/helpers/prometheus";

let prom: TestPrometheus;
beforeAll(async () => {
  prom = await startPrometheus();
});
afterAll(async () => {
  await prom?.stop();
});

/** Whether Prometheus accepts `pattern` as a regex matcher value. */
async function prometheusAccepts(pattern: string): Promise<boolean> {
  const query = `up{job=~"${escapeLabelValue(pattern)}"}`;
  const res = await fetch(`${prom.url}/api/v1/query`, { method: "POST", body: new URLSearchParams({ query }) });
  const body = (await res.json()) as { status: string; errorType?: string; error?: string };
  if (res.status === 400 && body.errorType === "bad_data") return false;
  expect(res.status, `${pattern}: ${body.error}`).toBe(200);
  return true;
}

const TABLE = [
  "(?i)placeorder", "Place(?=Order)Order", "Place(?!Order)", "(?<=a)b", "(?<!a)b", "(?>a)", "(?#c)",
  "(a)\\1", "\\8", "a*+", "a**", "a++", "a{1000}", "a{1001}", "(a{100}){100}", "x{2,1}", "(?x) a",
  "(?s).", "(?U)a+", "(?m)^a$", "(?i:a)b", "(?P<n>x)", "(?<n>x)", "\\Q.*\\E", "[[:alpha:]]", "\\pL",
  "\\p{Greek}", "\\p{Nope}", "\\z", "\\Z", "\\C", "\\v", "\\e", "\\cA", "\\uFFFF", "\\x{10FFFF}", "\\x{110000}",
  "[z-a]", "[a-\\d]", "(", "[", "GET /api/(v1|v2)/.*", "", "\\", "a|", "|", "()", "(?:)", "[^]", "[]a]",
  "a)|(b", "x|\\Q", "\\Q.*", "\\Qa\\E|b",
];

describe("Prometheus and promRegexProblem agree", () => {
  it.each(TABLE)("on %j", async (pattern) => {
    expect(promRegexProblem(pattern) === null).toBe(await prometheusAccepts(pattern));
  });

  it("on 2,000 seeded generated patterns", async () => {
    const atoms = ["a", "b", ".", "*", "+", "?", "|", "(", ")", "[", "]", "{", "}", ",", "1", "2", "^", "$", "\\", "-", ":", "=", "!", "<", ">", "P", "i", "s", "d", "w", "Q", "E", "x", "p", "L"];
    const patterns = fc.sample(fc.array(fc.constantFrom(...atoms), { minLength: 1, maxLength: 10 }).map((a) => a.join("")), { numRuns: 2000, seed: 15 });
    const disagree: string[] = [];
    for (const p of new Set(patterns)) {
      const ours = promRegexProblem(p);
      const theirs = await prometheusAccepts(p);
      if ((ours === null) !== theirs) disagree.push(`${p} → ours: ${ours ?? "ok"}`);
    }
    expect(disagree).toEqual([]);
  });
});
