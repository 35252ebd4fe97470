#!/usr/bin/env bash
# The real frameworks beside llm-trace (AI SDK 5 and 7, LangChain.js, OpenAI Agents, openai 6 and
# 7, OpenInference), offline against the fake server, under Node 22 and 24 (they need Node 22+).
# Uses the repo's built packages (the root `npm test` before this step has built dist/).
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/lib/node-line.sh
start=$SECONDS

[ -f packages/core/dist/index.js ] && [ -f packages/testing/dist/cli.js ] && [ -f examples/fake-llm-server/dist/index.js ] || npm run build
# The toolchain step may have installed them already (it checks the framework guides).
[ -d integration/frameworks/node_modules ] || npm ci --prefix integration/frameworks --no-audit --no-fund --loglevel=error
echo "frameworks: installed in $((SECONDS - start)) s"

for major in 22 24; do
  bin="$(node_line "$major")"
  echo "== frameworks on $("$bin/node" --version)"
  PATH="$bin:$PATH" npm test --prefix integration/frameworks
done
echo "frameworks: done in $((SECONDS - start)) s"
