#!/usr/bin/env bash
# `npm test`: every check and every test level, against real backends, then one summary line
# "N passed, N failed". Type-check and lint count as one check each.
#
# Two lanes run side by side, because the integration files spend much of their time waiting on
# the backends they start, and vitest runs every file of its serial projects one after another:
#   lane A: typecheck, lint, then vitest's e2e and integration-long projects
#   lane B: vitest's unit and integration projects
# Their lines are prefixed [A] / [B]. Both lanes need the production build; the first to need it
# builds, the other waits for it (tests/helpers/app-server.ts). Arguments go to both vitest runs
# (a file filter that matches nothing in one lane passes there).
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p tests/.tmp

bash scripts/bootstrap.sh || exit 1
bash scripts/ensure-tools.sh || exit 1

out=tests/.tmp
rm -f "$out"/vitest-a.json "$out"/vitest-b.json "$out"/checks "$out"/rc-a "$out"/rc-b

check() { # name, command...: one line "passed" or "failed" in $out/checks
  local name=$1; shift
  echo "== $name"
  if "$@"; then echo passed >>"$out/checks"; else echo "FAILED: $name"; echo failed >>"$out/checks"; fi
}

vitest_lane() { # lane letter, vitest arguments...
  local lane=$1; shift
  npx vitest run --passWithNoTests --reporter=default --reporter=json --outputFile.json="$out/vitest-$lane.json" "$@"
  echo $? >"$out/rc-$lane"
}

lane_a() {
  check "typecheck (tsc --noEmit)" npx tsc --noEmit
  check "lint (eslint)" npx eslint --max-warnings=0 .
  echo "== vitest: e2e, integration-long"
  vitest_lane a --project e2e --project integration-long "$@"
}

lane_b() {
  echo "== vitest: unit, integration"
  vitest_lane b --project unit --project integration "$@"
}

started=$SECONDS
{ lane_a "$@" 2>&1; echo "== lane A done after $((SECONDS - started)) s"; } | sed -u 's/^/[A] /' &
pid_a=$!
{ lane_b "$@" 2>&1; echo "== lane B done after $((SECONDS - started)) s"; } | sed -u 's/^/[B] /' &
pid_b=$!
wait "$pid_a" "$pid_b"

passed=$(grep -c '^passed$' "$out/checks" 2>/dev/null || true)
failed=$(grep -c '^failed$' "$out/checks" 2>/dev/null || true)
rc=0
for lane in a b; do [ "$(cat "$out/rc-$lane" 2>/dev/null || echo 1)" = 0 ] || rc=1; done
node scripts/test-summary.mjs "${passed:-0}" "${failed:-0}" "$rc" "$out/vitest-a.json" "$out/vitest-b.json"
