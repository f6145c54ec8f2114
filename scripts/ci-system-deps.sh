#!/usr/bin/env bash
# Debian packages some tests need (headless Chromium for the demo report; Prometheus, which
# @ecotrace/metrics' tests start on 127.0.0.1 with a temp config, never as a service; the runtime
# libraries of the Fluent Bit binary in ../shared/tools/fluent-bit, which examples/deploy's
# real-collector tests run; PostgreSQL and Redis, which the tracing tests start as their own
# instances in temp dirs, never the system services). Installs only what is missing; a machine
# without apt (a developer laptop) skips, and those tests say why they skip.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
for pkg in libyaml-0-2 libssl3 libsqlite3-0 libzstd1 libnghttp2-14 libc-ares2 libluajit-5.1-2; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ ${#need[@]} -eq 0 ] && { echo "system packages present"; exit 0; }
if ! command -v apt-get >/dev/null 2>&1; then echo "no apt-get: skipping ${need[*]}"; exit 0; fi
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "installed ${need[*]}"
