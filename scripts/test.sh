#!/usr/bin/env bash
# `npm test`: every check and every test level, against real backends, then one summary line
# "N passed, N failed". Type-check and lint count as one check each.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p tests/.tmp

bash scripts/bootstrap.sh || exit 1
bash scripts/ensure-tools.sh || exit 1

extra_passed=0; extra_failed=0
check() { # name, command...
  local name=$1; shift
  echo "== $name"
  if "$@"; then extra_passed=$((extra_passed + 1)); else echo "FAILED: $name"; extra_failed=$((extra_failed + 1)); fi
}
check "typecheck (tsc --noEmit)" npx tsc --noEmit
check "lint (eslint)" npx eslint --max-warnings=0 .

echo "== vitest: unit, integration, e2e"
rm -f tests/.tmp/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=tests/.tmp/vitest.json "$@"
vitest_rc=$?

node scripts/test-summary.mjs tests/.tmp/vitest.json "$extra_passed" "$extra_failed" "$vitest_rc"
