// Prints the plain closing line CI reads: "N passed, N failed[, N skipped]". Exit code 1 on any failure.
import { existsSync, readFileSync } from "node:fs";

const [file, extraPassed = "0", extraFailed = "0", vitestRc = "0"] = process.argv.slice(2);
let passed = Number(extraPassed);
let failed = Number(extraFailed);
let skipped = 0;
if (existsSync(file)) {
  const r = JSON.parse(readFileSync(file, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  // A suite that failed to load (syntax error, hook failure) has no failed test: count it.
  for (const s of r.testResults ?? []) if (s.status === "failed" && s.assertionResults.every((a) => a.status !== "failed")) failed += 1;
} else {
  console.log("vitest wrote no report");
  failed += 1;
}
if (Number(vitestRc) !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
