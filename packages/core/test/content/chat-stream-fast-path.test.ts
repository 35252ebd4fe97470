/**
 * The chat stream accumulator folds the common chunk (one choice, index 0, a text delta) with
 * fewer checks than its general loop. These tests hold it to the general loop's result: every
 * stream is also fed with a `null` appended to each chunk's `choices`, which the loop skips but
 * which keeps the chunk off the short path, and both must write byte-identical attributes.
 */
import { configure, getConfig, resetConfig, TRUNCATION_MARKER } from '../../src';
import { CONTENT_ADAPTERS } from '../../src/content/adapters';
import { ChatStreamAccumulator } from '../../src/content/extract/openai-chat';
import { contentAttributes } from '../../src/content/writer';
import type { LlmContent } from '../../src/content/types';
import dashscope from './fixtures/dashscope-chat-stream.json';
import openaiText from './fixtures/openai-chat-stream.json';
import openaiTools from './fixtures/openai-chat-stream-tool-calls.json';

afterEach(() => resetConfig());

type Chunk = Record<string, unknown>;

function fold(chunks: readonly unknown[]): LlmContent | undefined {
  const agg = CONTENT_ADAPTERS.LLM.stream!();
  for (const c of chunks) agg.add(c);
  return agg.finish();
}

/** The same chunk, its choices followed by a `null` the general loop skips. */
function offShortPath(chunk: unknown): unknown {
  const o = chunk as Chunk;
  return Array.isArray(o?.choices) ? { ...o, choices: [...(o.choices as unknown[]), null] } : chunk;
}

function expectSameAsGeneral(chunks: readonly unknown[]): LlmContent | undefined {
  const fast = fold(chunks);
  const general = fold(chunks.map(offShortPath));
  expect(fast).toEqual(general);
  expect(contentAttributes('LLM', fast ?? {}, getConfig())).toEqual(contentAttributes('LLM', general ?? {}, getConfig()));
  return fast;
}

const chunk = (choice: unknown, extra: Chunk = {}): Chunk => ({ id: 'c1', object: 'chat.completion.chunk', model: 'gpt-4o', choices: [choice], ...extra });
const text = (content: unknown, finish: unknown = null): Chunk => chunk({ index: 0, delta: { content }, finish_reason: finish });
const start = chunk({ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null });

it.each([
  ['OpenAI text', openaiText],
  ['OpenAI tool calls', openaiTools],
  ['DashScope (null fields on every delta)', dashscope],
])('the recorded %s stream is folded as the general loop folds it', (_label, chunks) => {
  expectSameAsGeneral(chunks as unknown[]);
});

it('a text stream: role, joined text and finish reason', () => {
  const out = expectSameAsGeneral([start, text('Hel'), text('lo'), text(' there', 'stop')]);
  expect(out?.outputMessages).toEqual([{ role: 'assistant', parts: [{ type: 'text', content: 'Hello there' }], finish_reason: 'stop' }]);
  expect(out?.responseId).toBe('c1');
});

it('deltas with a role, reasoning or tool calls after the first chunk', () => {
  expectSameAsGeneral([
    start,
    text('a'),
    chunk({ index: 0, delta: { role: 'tool-ish', content: 'b' } }),
    chunk({ index: 0, delta: { reasoning_content: 'think' } }),
    chunk({ index: 0, delta: { reasoning_content: null, role: null, tool_calls: null, content: 'c' } }),
    chunk({ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: '{"x":' } }] } }),
    chunk({ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '1}' } }] }, finish_reason: 'tool_calls' }),
  ]);
});

it('odd deltas and finish reasons are skipped or kept as the general loop does', () => {
  const odd: unknown[] = [
    text(42),
    text(null),
    chunk({ index: 0, delta: null }),
    chunk({ index: 0, delta: ['x'] }),
    chunk({ index: 0 }),
    chunk({ index: 0, delta: 'text' }),
    chunk({ index: 0, delta: { content: 'k' }, finish_reason: 7 }),
    chunk({ index: 0, delta: { content: 'l' }, finish_reason: 'length' }),
  ];
  expectSameAsGeneral([start, ...odd]);
});

it('a choice the short path does not take still goes the general way', () => {
  const arrayChoice = Object.assign(['x'], { index: 0, delta: { content: 'array' } });
  const out = expectSameAsGeneral([
    start,
    text('a'),
    chunk(arrayChoice),
    chunk(null),
    chunk({ index: '0', delta: { content: 'string index' } }),
    chunk({ delta: { content: 'no index' } }),
    chunk({ index: 1, delta: { content: 'second' } }),
    chunk({ index: 1e8, delta: { content: 'too far' } }),
    chunk({ index: -1, delta: { content: 'negative' } }),
    { id: 'c1', choices: [{ index: 0, delta: { content: 'x' } }, { index: 1, delta: { content: 'y' } }] },
  ]);
  const messages = out?.outputMessages as unknown as { parts: { content: string }[] }[];
  expect(messages.map((m) => m.parts.map((p) => p.content).join(''))).toEqual(['astring indexno indexx', 'secondy']);
});

it('the short path stops growing at maxAttributeLength and ends with the marker', () => {
  configure({ maxAttributeLength: 25 });
  const out = expectSameAsGeneral([start, ...Array.from({ length: 20 }, () => text('0123456789'))]);
  const part = (out?.outputMessages as unknown as { parts: { content: string }[] }[])[0]!.parts[0]!;
  expect(part.content).toBe('0123456789'.repeat(2) + '01234' + TRUNCATION_MARKER);
});

it('a usage chunk and the id and model of the first chunk are kept on the short path too', () => {
  const out = expectSameAsGeneral([start, text('a', 'stop'), chunk({ index: 0, delta: {} }, { id: 'other', model: 'other', usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } })]);
  expect(out?.responseModel).toBe('gpt-4o');
  expect(out?.usage?.totalTokens).toBe(5);
});

it('with maxItems 0 no choice is kept, and the short path is never taken', () => {
  const acc = new ChatStreamAccumulator(0, 100);
  for (const c of [start, text('a'), text('b')]) acc.add(c);
  expect(acc.finish().outputMessages).toEqual([]);
});

it('a string chunk after the first provider chunk changes nothing', () => {
  expect(fold([start, 'plain', text('a'), 'more'])).toEqual(fold([start, text('a')]));
});
