// Prints the plain closing line CI reads: "N passed, N failed[, N skipped]". Exit code 1 on any failure.
//   node scripts/test-summary.mjs <checks passed> <checks failed> <vitest exit code> <vitest json>...
// Each vitest run (scripts/test.sh has two lanes) wrote one JSON report; a missing one is a failure.
import { existsSync, readFileSync } from "node:fs";

const [extraPassed = "0", extraFailed = "0", vitestRc = "0", ...files] = process.argv.slice(2);
let passed = Number(extraPassed);
let failed = Number(extraFailed);
let skipped = 0;
for (const file of files) {
  if (!existsSync(file)) {
    console.log(`vitest wrote no report: ${file}`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  // A suite that failed to load (syntax error, hook failure) has no failed test: count it.
  for (const s of r.testResults ?? []) if (s.status === "failed" && s.assertionResults.every((a) => a.status !== "failed")) failed += 1;
}
if (Number(vitestRc) !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
