/**
 * Array lengths and key counts of a call's arguments are bounded before anything is allocated or
 * looped: a sparse array of length 1e9 as an LLM's (or embedding's, retriever's, tool's) first
 * argument costs what a dense array of `maxItems` entries costs (it took 29-35 s). Time is
 * compared with that baseline of the size the cap keeps, never measured absolutely.
 */
import { withEmbedding, withLLM, withRetriever, withTool } from '../../src';
import { setupTracing, type TestTracing } from '../content/tracing';

let tracing: TestTracing;
beforeEach(() => (tracing = setupTracing()));
afterEach(() => tracing.teardown());

function sparse(length: number): unknown[] {
  const a: unknown[] = [];
  a.length = length;
  a[3] = { role: 'user', content: 'hi' };
  return a;
}
const dense = (n: number) => Array.from({ length: n }, (_, i) => (i === 3 ? { role: 'user', content: 'hi' } : undefined));

function fastest(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const wrappers = {
  LLM: withLLM({ model: 'gpt-4o' }, (_x: unknown) => 'ok'),
  EMBEDDING: withEmbedding({ model: 'text-embedding-3-small' }, (_x: unknown) => [[0.1, 0.2]]),
  RETRIEVER: withRetriever({ dataSource: 'kb' }, (_x: unknown) => []),
  TOOL: withTool(function lookup(_x: unknown) {
    return 'ok';
  }),
};

it.each(Object.keys(wrappers) as (keyof typeof wrappers)[])('%s: a sparse array of length 1e9 costs about a dense one of maxItems entries', (kind) => {
  const fn = wrappers[kind];
  const big = sparse(1e9);
  const small = dense(100);
  fastest(() => fn(small));
  const baseline = fastest(() => fn(small));
  const hostile = fastest(() => fn(big));
  expect(hostile / Math.max(baseline, 0.05)).toBeLessThan(20);
}, 60_000);

it('a sparse message list is read to the cap and written with what it holds', () => {
  withLLM({ model: 'gpt-4o' }, (_m: unknown) => 'ok')(sparse(1e9));
  expect(tracing.spans()).toHaveLength(1);
});

it('a 200k-key object costs one key enumeration, as JSON.stringify by hand does, not a walk of every key', () => {
  const big: Record<string, number> = {};
  for (let i = 0; i < 200_000; i++) big[`k${i}`] = i;
  const tool = withTool(function lookup(_x: unknown) {
    return 'ok';
  });
  const enumerate = fastest(() => Object.keys(big));
  const ours = fastest(() => tool(big));
  // The engine enumerates an object's keys in one native step (there is no API for a prefix);
  // everything after it stops at the cap.
  expect(ours / enumerate).toBeLessThan(3);
  const written = String(tracing.spans()[0]!.attributes['gen_ai.tool.call.arguments']);
  expect(written).toContain('more keys');
}, 60_000);
