#!/usr/bin/env bash
# The benchmark's peer comparison still runs: installs benchmarks/peers (OpenInference, Langfuse,
# OpenLLMetry at pinned versions, from that folder's own lockfile) and runs every side of every
# row for a few hundred calls, checking that each side ended one span per call at the shared
# counting span processor and wrote attributes. No timing: the figures come from
# `npm run bench -- --peers` (timed) and `npm run bench -- --peers --callgrind` (instructions).
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$SECONDS
stamp() { echo "== 50-peers-bench [$((SECONDS - start)) s] $*"; }

if [ ! -f packages/core/dist/index.js ]; then
  stamp "build"
  npm run build
fi

stamp "install benchmarks/peers"
npm ci --prefix benchmarks/peers --no-audit --no-fund --loglevel=error

stamp "smoke pass: every side of every row, 300 calls (30 streams)"
(cd benchmarks && node peers/smoke.mjs 300)

stamp "the table itself, one round at 2 % of the calls (figures meaningless, the code path checked)"
(cd benchmarks && BENCH_ROUNDS=1 BENCH_SCALE=0.02 node --expose-gc run.mjs --peers llm stream)

stamp "done"
