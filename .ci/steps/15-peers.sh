#!/usr/bin/env bash
# Peers that fit real projects: the packed tarballs installed with --strict-peer-deps next to
# each OpenTelemetry SDK line @llm-trace/node supports, with one @opentelemetry/api copy, and a
# register() -> withTool -> shutdown() round trip to a local OTLP receiver:
#   SDK 2.12 + api 1.9.1 on the machine's Node 20, SDK 3.1 + api 1.10.0 on Node 24.
# The first project also runs the @llm-trace/testing matchers under vitest 3.2.7 (expect.extend).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
start=$SECONDS
stamp() { echo "== 15-peers [$((SECONDS - start)) s] $*"; }
source .ci/lib/node-line.sh

if [ ! -f packages/node/dist/index.js ] || [ ! -f packages/testing/dist/index.js ]; then
  stamp "build"
  npm run build
fi
stamp "npm run pack"
PACK_SKIP_BUILD=1 npm run pack >/dev/null
tgz() { ls "$repo"/dist-packages/llm-trace-"$1"-*.tgz; }

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# One span through register()'s OTLP/protobuf exporter to a receiver in the same process.
cat > "$scratch/roundtrip.cjs" <<'JS'
const http = require('node:http');
const assert = require('node:assert');
const bodies = [];
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => { bodies.push({ url: req.url, type: req.headers['content-type'], body: Buffer.concat(chunks) }); res.writeHead(200); res.end(); });
});
server.listen(0, '127.0.0.1', async () => {
  const { register } = require('@llm-trace/node');
  const { withTool } = require('@llm-trace/core');
  const tracing = register({ serviceName: 'peers-check', otlp: { url: `http://127.0.0.1:${server.address().port}/v1/traces` } });
  const lookup = withTool({ name: 'lookup_order' }, async (id) => ({ id, status: 'shipped' }));
  assert.deepStrictEqual(await lookup('o-1'), { id: 'o-1', status: 'shipped' });
  await tracing.shutdown();
  server.close();
  assert.strictEqual(bodies.length, 1, `expected one OTLP request, got ${bodies.length}`);
  assert.strictEqual(bodies[0].type, 'application/x-protobuf');
  let spans = 1;
  try {
    const { decodeExportTraceServiceRequest } = require('@llm-trace/testing');
    const req = decodeExportTraceServiceRequest(bodies[0].body);
    const all = req.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
    spans = all.length;
    assert.deepStrictEqual(all.map((s) => s.name), ['execute_tool lookup_order']);
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
    assert.ok(bodies[0].body.includes('lookup_order'), 'the span name is in the request');
  }
  const version = (name) => JSON.parse(require('node:fs').readFileSync(`node_modules/${name}/package.json`, 'utf8')).version;
  console.log(`OK node ${process.version}, api ${version('@opentelemetry/api')}, sdk-trace ${version('@opentelemetry/sdk-trace')}: ${spans} span received`);
});
JS

# The matchers under vitest, registered with expect.extend (a pass and a failure with its message).
cat > "$scratch/matchers.test.mjs" <<'JS'
import { afterEach, beforeEach, expect, test } from 'vitest';
import { withTool } from '@llm-trace/core';
import { createTestTracing, toBeConformantLlmSpan, toHaveLlmSpan } from '@llm-trace/testing';

expect.extend({ toBeConformantLlmSpan, toHaveLlmSpan });
let tracing;
beforeEach(() => { tracing = createTestTracing(); });
afterEach(() => tracing.shutdown());

test('the llm-trace matchers work in vitest', async () => {
  const search = withTool({ name: 'search' }, async (q) => `results for ${q}`);
  expect(await search('otel')).toBe('results for otel');
  expect(tracing).toHaveLlmSpan({ kind: 'TOOL', name: 'execute_tool search', attributes: { 'gen_ai.tool.name': 'search' } });
  expect(tracing.getSpan('execute_tool search')).toBeConformantLlmSpan();
  expect(() => expect(tracing).toHaveLlmSpan({ kind: 'LLM' })).toThrow(/LLM/);
  expect(tracing).not.toHaveLlmSpan({ kind: 'LLM' });
});
JS

# check <name> <node major> <package.json dependencies as JSON>
check() {
  local name="$1" major="$2" deps="$3" dir="$scratch/$1"
  mkdir -p "$dir"
  printf '{ "name": "%s", "private": true, "dependencies": %s }\n' "$name" "$deps" > "$dir/package.json"
  (
    if [ "$major" != 20 ]; then PATH="$(node_line "$major"):$PATH"; fi
    cd "$dir"
    stamp "$name: npm install --strict-peer-deps on Node $(node --version)"
    npm install --strict-peer-deps --no-audit --no-fund --loglevel=error
    local copies
    copies="$(npm ls @opentelemetry/api --all --parseable | sort -u | wc -l)"
    npm ls @opentelemetry/api --all | sed -n '1,3p'
    if [ "$copies" != 1 ]; then echo "FAIL $name: $copies copies of @opentelemetry/api"; npm ls @opentelemetry/api --all; exit 1; fi
    cp "$scratch/roundtrip.cjs" . && node roundtrip.cjs
    if [ -d node_modules/vitest ]; then
      cp "$scratch/matchers.test.mjs" . && npx vitest run matchers.test.mjs
    fi
  )
}

check sdk2-api1.9 20 "{
  \"@llm-trace/semconv\": \"file:$(tgz semconv)\", \"@llm-trace/core\": \"file:$(tgz core)\",
  \"@llm-trace/node\": \"file:$(tgz node)\", \"@llm-trace/testing\": \"file:$(tgz testing)\",
  \"@opentelemetry/api\": \"1.9.1\",
  \"@opentelemetry/sdk-trace\": \"2.12.1\", \"@opentelemetry/core\": \"2.12.1\", \"@opentelemetry/resources\": \"2.12.1\",
  \"@opentelemetry/context-async-hooks\": \"2.12.1\", \"@opentelemetry/exporter-trace-otlp-proto\": \"0.223.1\",
  \"vitest\": \"3.2.7\"
}"

check sdk3-api1.10 24 "{
  \"@llm-trace/semconv\": \"file:$(tgz semconv)\", \"@llm-trace/core\": \"file:$(tgz core)\",
  \"@llm-trace/node\": \"file:$(tgz node)\",
  \"@opentelemetry/api\": \"1.10.0\",
  \"@opentelemetry/sdk-trace\": \"3.1.1\", \"@opentelemetry/core\": \"3.1.1\", \"@opentelemetry/resources\": \"3.1.1\",
  \"@opentelemetry/context-async-hooks\": \"3.1.1\", \"@opentelemetry/exporter-trace-otlp-proto\": \"0.301.1\"
}"

stamp "done"
