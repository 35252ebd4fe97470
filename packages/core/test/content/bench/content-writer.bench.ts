/**
 * Cost of the content layer per span (extraction + writer), not a test. Run from the repo root:
 *   npx esbuild packages/core/test/content/bench/content-writer.bench.ts --bundle --platform=node --outfile=/tmp/cw-bench.js && node /tmp/cw-bench.js
 */
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { getConfig, configure } from '../../../src/config';
import { contentWriter, CONTENT_ADAPTERS } from '../../../src/content';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
const provider = new BasicTracerProvider();
const tracer = provider.getTracer('b');
const req = JSON.parse(readFileSync(join(process.cwd(), 'packages/core/test/content/fixtures/openai-chat-request.json'), 'utf8'));
const res = JSON.parse(readFileSync(join(process.cwd(), 'packages/core/test/content/fixtures/openai-chat-response.json'), 'utf8'));
function run(label: string, n: number, fn: () => void) {
  for (let i = 0; i < 2000; i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  const us = Number(process.hrtime.bigint() - t0) / 1e3 / n;
  console.log(`${label}: ${us.toFixed(2)} µs/op`);
}
const N = 20000;
run('span start+end only (baseline)', N, () => tracer.startSpan('x').end());
run('LLM extract(in+out) + write, llm-trace', N, () => {
  const s = tracer.startSpan('x');
  contentWriter.write(s, 'LLM', CONTENT_ADAPTERS.LLM.input!([req])!, getConfig());
  contentWriter.write(s, 'LLM', CONTENT_ADAPTERS.LLM.output!(res)!, getConfig());
  s.end();
});
configure({ dialects: ['llm-trace', 'openinference'] });
run('LLM extract(in+out) + write, both dialects', N, () => {
  const s = tracer.startSpan('x');
  contentWriter.write(s, 'LLM', CONTENT_ADAPTERS.LLM.input!([req])!, getConfig());
  contentWriter.write(s, 'LLM', CONTENT_ADAPTERS.LLM.output!(res)!, getConfig());
  s.end();
});
configure({ dialects: ['llm-trace'], redaction: { defaults: false } });
run('LLM extract + write, llm-trace, no redaction rules', N, () => {
  const s = tracer.startSpan('x');
  contentWriter.write(s, 'LLM', CONTENT_ADAPTERS.LLM.input!([req])!, getConfig());
  contentWriter.write(s, 'LLM', CONTENT_ADAPTERS.LLM.output!(res)!, getConfig());
  s.end();
});
const big = 'x'.repeat(5_000_000);
configure({ redaction: { defaults: true } });
run('CHAIN write of a 5 MB string input (cap 32768)', 50, () => {
  const s = tracer.startSpan('x');
  contentWriter.write(s, 'CHAIN', { input: big }, getConfig());
  s.end();
});
