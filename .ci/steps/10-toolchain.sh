#!/usr/bin/env bash
# Toolchains users have: the type tests against the built declarations with TypeScript 5.0, 5.4,
# 5.9, 6.0 and 7 (module commonjs, node16, nodenext; both decorator modes), every ts code block
# of README.md and docs/ on 5.x and 6.x, and the packed tarballs checked by publint and
# @arethetypeswrong/cli. Extra tools live in toolchain/* with their own lockfiles.
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$SECONDS
stamp() { echo "== 10-toolchain [$((SECONDS - start)) s] $*"; }

stamp "install toolchain/typescript (TypeScript 5.0.4, 5.4.5, 5.9.3, 6.0.3, 7.0.2)"
npm ci --prefix toolchain/typescript --no-audit --no-fund

if [ ! -f packages/testing/dist/jest.d.ts ] || [ ! -f packages/core/dist/index.d.mts ]; then
  stamp "build"
  npm run build
fi

stamp "type tests against the built declarations"
node toolchain/typescript/check-types.mjs

stamp "ts code blocks of README.md and docs/ (the framework guides against the real frameworks)"
[ -d integration/frameworks/node_modules ] || npm ci --prefix integration/frameworks --no-audit --no-fund --loglevel=error
node toolchain/typescript/check-docs.mjs ts5.4 ts6.0

if [ -f toolchain/packaging/package-lock.json ]; then
  stamp "npm run pack, then publint and @arethetypeswrong/cli on every tarball"
  npm ci --prefix toolchain/packaging --no-audit --no-fund
  PACK_SKIP_BUILD=1 npm run pack
  node toolchain/packaging/check-packages.mjs
fi
stamp "done"
