/**
 * A stream chunk naming a huge choice, tool-call or content-block index costs what any chunk
 * costs: indices outside `[0, maxItems)` are ignored before anything is allocated or looped (a
 * chunk with `choices[].index: 1e8` made the end of the stream walk a sparse array for 3 s, and
 * 4294967294 for about two minutes). Time is compared with the same stream using index 0.
 */
import { withLLM } from '../../src';
import { setupTracing, type TestTracing } from '../content/tracing';

let tracing: TestTracing;
beforeEach(() => (tracing = setupTracing()));
afterEach(() => tracing.teardown());

const chat = (index: number, content: string) => ({ id: 'c1', object: 'chat.completion.chunk', model: 'gpt-4o', choices: [{ index, delta: { content }, finish_reason: null }] });
const toolChunk = (index: number) => ({ id: 'c1', object: 'chat.completion.chunk', model: 'gpt-4o', choices: [{ index: 0, delta: { tool_calls: [{ index, id: 'call_1', function: { name: 'f', arguments: '{}' } }] }, finish_reason: null }] });
const anthropic = (index: number) => [
  { type: 'message_start', message: { id: 'msg_1', model: 'claude-x', usage: { input_tokens: 1 } } },
  { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index, delta: { type: 'text_delta', text: 'hi' } },
  { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 1 } },
];

async function streamOf(chunks: readonly unknown[]): Promise<number> {
  const fn = withLLM({ model: 'gpt-4o' }, async function* answer() {
    yield* chunks;
  });
  const t0 = performance.now();
  for await (const _ of fn()) void _;
  return performance.now() - t0;
}

/** Fastest of a few runs: the least disturbed sample on a shared machine. */
async function fastest(chunks: () => readonly unknown[]): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 5; i++) best = Math.min(best, await streamOf(chunks()));
  return best;
}

it.each([
  ['choice index 1e8', (i: number) => [chat(0, 'a'), chat(i, 'b')]],
  ['tool-call index 1e8', (i: number) => [chat(0, 'a'), toolChunk(i)]],
  ['content-block index 1e8', (i: number) => anthropic(i)],
])('%s costs about what index 0 costs', async (_label, make) => {
  await fastest(() => make(0));
  const baseline = await fastest(() => make(0));
  const hostile = await fastest(() => make(1e8));
  expect(hostile / Math.max(baseline, 0.05)).toBeLessThan(20);
});

it('a chunk with index 4294967294 is ignored and the rest of the stream is written', async () => {
  await streamOf([chat(0, 'kept'), chat(4294967294, 'dropped')]);
  const messages = JSON.parse(String(tracing.span('chat gpt-4o').attributes['gen_ai.output.messages'])) as { parts: { content: string }[] }[];
  expect(messages).toEqual([{ role: 'assistant', parts: [{ type: 'text', content: 'kept' }], finish_reason: 'stop' }]);
}, 30_000);
