/** `currentLlmSpan()` and provider extraction through the real engine wrappers. */
import { resetConfig } from '../../src/config';
import { currentLlmSpan, withLLM, withRetriever, withTool } from '../../src';
import { fixture, setupTracing, type TestTracing } from './tracing';

let t: TestTracing;
beforeEach(() => {
  resetConfig();
  t = setupTracing();
});
afterEach(async () => {
  await t.teardown();
});

it('writes through the active span, and is a no-op outside one', async () => {
  expect(currentLlmSpan().isRecording).toBe(false);
  expect(() => currentLlmSpan().setUsage({ inputTokens: 1 })).not.toThrow();
  const chat = withLLM({ model: 'my-model', provider: 'dashscope' }, async (prompt: string) => {
    currentLlmSpan().setUsage({ inputTokens: 7, outputTokens: 5 }).setResponse({ id: 'r-1', finishReasons: ['stop'] });
    return `echo ${prompt}`;
  });
  await expect(chat('hi')).resolves.toBe('echo hi');
  const [span] = t.spans();
  expect(span!.attributes).toMatchObject({
    'gen_ai.span.kind': 'LLM',
    'gen_ai.request.model': 'my-model',
    'gen_ai.usage.input_tokens': 7,
    'gen_ai.usage.output_tokens': 5,
    'gen_ai.usage.total_tokens': 12,
    'gen_ai.response.id': 'r-1',
    'gen_ai.response.finish_reasons': ['stop'],
    'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }]),
    'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: 'echo hi' }], finish_reason: 'stop' }]),
  });
});

it('withLLM around an OpenAI-shaped call fills request, response and usage by itself', async () => {
  const create = withLLM(async (_req: unknown) => fixture('openai-chat-response.json'));
  await create(fixture('openai-chat-request.json'));
  const a = t.spans()[0]!.attributes;
  expect(a).toMatchObject({
    'gen_ai.request.model': 'gpt-4o-2024-08-06',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.temperature': 0.7,
    'gen_ai.request.max_tokens': 256,
    'gen_ai.response.id': 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
    'gen_ai.usage.input_tokens': 1117,
    'gen_ai.usage.output_tokens': 46,
    'gen_ai.usage.total_tokens': 1163,
    'gen_ai.usage.cache_read.input_tokens': 1024,
    'gen_ai.response.finish_reasons': ['stop'],
  });
  expect(JSON.parse(String(a['gen_ai.input.messages']))).toHaveLength(4);
});

it('withLLM around an Anthropic stream aggregates the events', async () => {
  const events = fixture<unknown[]>('anthropic-stream.json');
  const stream = withLLM(async function* (_req: unknown) {
    for (const e of events) yield e;
  });
  for await (const _ of stream(fixture('anthropic-request.json'))) void _;
  const a = t.spans()[0]!.attributes;
  expect(a).toMatchObject({
    'gen_ai.provider.name': 'anthropic',
    'gen_ai.response.id': 'msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY',
    'gen_ai.usage.input_tokens': 472,
    'gen_ai.usage.output_tokens': 89,
    'gen_ai.response.finish_reasons': ['tool_call'],
  });
  expect(JSON.parse(String(a['gen_ai.output.messages']))[0].parts[1]).toEqual({ type: 'tool_call', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather', arguments: { location: 'San Francisco, CA' } });
});

it('RETRIEVER results and TOOL calls through the wrappers', async () => {
  const retrieve = withRetriever({ dataSource: 'kb' }, async (_q: string) => fixture<unknown[]>('retriever-results.json'));
  await retrieve('what is otel?');
  const search = withTool({ description: 'Search' }, async function search(q: string) {
    currentLlmSpan().setToolCall({ callId: 'call_9' });
    return { hits: q.length };
  });
  await search('otel');
  const r = t.spans().find((s) => s.attributes['gen_ai.span.kind'] === 'RETRIEVER')!.attributes;
  expect(JSON.parse(String(r['gen_ai.retrieval.documents'])).map((d: { id: string }) => d.id)).toEqual(['doc-17', 'doc-4', '99']);
  expect(r['gen_ai.retrieval.query.text']).toBe('what is otel?');
  const tool = t.spans().find((s) => s.attributes['gen_ai.span.kind'] === 'TOOL')!.attributes;
  expect(tool).toMatchObject({ 'gen_ai.tool.name': 'search', 'gen_ai.tool.call.id': 'call_9', 'gen_ai.tool.call.arguments': JSON.stringify('otel'), 'gen_ai.tool.call.result': JSON.stringify({ hits: 4 }) });
});
