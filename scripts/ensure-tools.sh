#!/usr/bin/env bash
# Makes sure the real backends the tests and the demo run against are on this machine:
# Prometheus + promtool, VictoriaMetrics, Alertmanager, Chromium and PostgreSQL server binaries,
# all from Debian's packages. Installs what is missing when it may (root + apt-get); otherwise
# says exactly what to install and fails.
set -euo pipefail

declare -A pkg_of=(
  [/usr/bin/prometheus]=prometheus
  [/usr/bin/promtool]=prometheus
  [/usr/bin/victoria-metrics]=victoria-metrics
  [/usr/bin/prometheus-alertmanager]=prometheus-alertmanager
  [/usr/bin/chromium]=chromium
  [/usr/lib/postgresql/15/bin/initdb]=postgresql-15
)
missing=()
for bin in "${!pkg_of[@]}"; do
  [ -x "$bin" ] || missing+=("${pkg_of[$bin]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-tools: installing ${missing[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "ensure-tools: missing ${missing[*]}." >&2
  echo "Install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
