// The peer comparison's smoke pass (run by .ci/steps/50-peers-bench.sh): every side of every row
// for a few hundred calls, checking that each call ended its span at the counting processor (so
// every peer shares our provider through one @opentelemetry/api registration) and wrote
// attributes. No timing. `node peers/smoke.mjs [CALLS]` from benchmarks/.
import { realpathSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative } from 'node:path';
import { setupTracing, spans, probe, tracerOf } from './setup.mjs';
import { ROWS, SIDES, buildSide, firstChunk } from './sides.mjs';

// Which @opentelemetry/api each side loads. Copies of one version share a single global
// registration (provider, context manager), so every side's spans reach the same processor.
const repo = realpathSync(new URL('../..', import.meta.url));
const apiOf = {};
for (const [side, pkg] of Object.entries({ 'llm-trace': '@llm-trace/core', OpenInference: '@arizeai/openinference-core', Langfuse: '@langfuse/tracing', OpenLLMetry: '@traceloop/node-server-sdk' })) {
  const entry = createRequire(import.meta.url).resolve(pkg);
  let apiPkg = dirname(realpathSync(createRequire(entry).resolve('@opentelemetry/api')));
  while (!apiPkg.endsWith('/api')) apiPkg = dirname(apiPkg);
  apiPkg += '/package.json';
  const key = `${JSON.parse(readFileSync(apiPkg, 'utf8')).version} in ${relative(repo, dirname(apiPkg)) || '.'}`;
  (apiOf[key] ??= []).push(side);
}
console.log(`@opentelemetry/api: ${Object.entries(apiOf).map(([k, v]) => `${k} (${v.join(', ')})`).join('; ')}`);
if (new Set(Object.keys(apiOf).map((k) => k.split(' ')[0])).size !== 1) {
  console.error('the sides load different @opentelemetry/api versions');
  process.exit(1);
}

setupTracing();
const calls = Number(process.argv[2]) || 300;
let failed = 0;
for (const row of ROWS) {
  const cells = [];
  for (const name of SIDES) {
    const side = await buildSide(name, row, tracerOf);
    if (typeof side === 'string') {
      cells.push(`${name}: (${side})`);
      continue;
    }
    const { spans: one } = await probe(side.fn, firstChunk);
    const keys = one.reduce((n, s) => n + Object.keys(s.attributes).length, 0);
    const n = row.divisor > 1 ? Math.max(1, Math.round(calls / 10)) : calls;
    const before = spans.ended;
    if (side.isAsync) for (let i = 0; i < n; i++) await side.fn();
    else for (let i = 0; i < n; i++) side.fn();
    await new Promise((r) => setImmediate(r));
    const ended = spans.ended - before;
    const ok = one.length >= 1 && keys > 0 && ended === n * one.length;
    if (!ok) failed++;
    cells.push(`${name}: ${ended}/${n * Math.max(1, one.length)} spans, ${keys} keys${ok ? '' : ' FAILED'}`);
  }
  console.log(`${row.id.padEnd(8)} ${cells.join('; ')}`);
}
if (failed) {
  console.error(`${failed} side(s) did not end their spans at the shared provider`);
  process.exit(1);
}
console.log('every side ended one span per call at the shared counting processor');
