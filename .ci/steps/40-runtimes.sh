#!/usr/bin/env bash
# Runs llm-trace in the runtimes LLM apps run in besides Node: Bun, Deno, Cloudflare workerd,
# Vercel's edge-runtime (with and without AsyncLocalStorage) and headless Chromium, plus the
# runtime recipes under examples/. The runtimes come from npm (integration/runtimes has its own
# lockfile, so the root one stays small) and Chromium from Debian. Expects the root `npm ci` and
# `npm run build` to have run (.ci/run does both before the steps).
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$SECONDS
stamp() { echo "== 40-runtimes [$((SECONDS - start)) s] $*"; }

if [ ! -x /usr/bin/chromium ]; then
  stamp "apt-get install chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
/usr/bin/chromium --version

stamp "npm ci integration/runtimes"
npm ci --prefix integration/runtimes --no-audit --no-fund

# The packages the checks load (dist), in case the step runs on its own.
[ -f packages/web/dist/index.mjs ] || npm run build

stamp "conformance: node, bun, deno, workerd, edge-runtime, chromium"
node integration/runtimes/run.mjs

stamp "recipes: type-check, then run"
npx tsc -p integration/runtimes/tsconfig.examples.json
node integration/runtimes/recipes.mjs

stamp "done"
