#!/usr/bin/env bash
# Makes `npm run demo` and `npm test` work straight after `git clone`: installs the locked npm
# dependencies when they are missing or older than package-lock.json (`npm ci`), then generates
# the Prisma client when it is missing. Sourced by the entry scripts; prints only when it acts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "bootstrap: installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
if [ ! -f lib/generated/prisma/client.ts ] || [ prisma/schema.prisma -nt lib/generated/prisma/client.ts ]; then
  echo "bootstrap: generating the Prisma client"
  npm run --silent db:generate >/dev/null
fi
