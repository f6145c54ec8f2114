#!/usr/bin/env bash
# Proves the repository stands on its own: clones the commit CI is testing into an empty temp
# folder (nothing beside it, so no ../shared or any other neighbour), then installs, builds and
# runs ecs-schema's and core's tests there (the generator and the B3 vectors read only in-repo
# data), and runs examples/consumer-app from that clone: the packages packed with `pnpm pack`
# and installed with plain npm into an app outside the repository (ESM, CJS, TypeScript).
set -euo pipefail
cd "$(dirname "$0")/.."
commit=$(git rev-parse HEAD)
# Nothing may point outside the repository but the optional Fluent Bit binary's default path.
outside=$(git grep -n 'shared/' -- . | grep -v 'shared/tools/fluent-bit' || true)
if [ -n "$outside" ]; then
  echo "paths outside the repository (only ../shared/tools/fluent-bit may be named):" >&2
  echo "$outside" >&2
  exit 1
fi
parent=$(mktemp -d)
trap 'rm -rf "$parent"' EXIT
git clone --quiet --no-checkout "$PWD" "$parent/ecotrace"
git -C "$parent/ecotrace" checkout --quiet --detach "$commit"
beside=$(ls -A "$parent")
if [ "$beside" != "ecotrace" ]; then
  echo "bare clone: expected only the clone in $parent, found: $beside" >&2
  exit 1
fi
echo "bare clone of $commit in $parent/ecotrace (nothing beside it)"
cd "$parent/ecotrace"
started=$(date +%s)
pnpm install --frozen-lockfile --prefer-offline
pnpm run build
pnpm --filter @ecotrace/ecs-schema --filter @ecotrace/core test
echo "bare clone: install + build + ecs-schema and core tests in $(( $(date +%s) - started )) s"
node examples/consumer-app/run.mjs
