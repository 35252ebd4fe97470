/** The typed handle behind `currentLlmSpan()`: every write goes through the content writer. */
import { trace, type Span } from '@opentelemetry/api';
import { getConfig, resetConfig } from '../../src/config';
import { contentWriter, llmSpanHandle, NOOP_LLM_SPAN } from '../../src/content';
import type { KindName } from '../../src/content';
import type { LlmSpanState } from '../../src/contracts';
import { setupTracing, type TestTracing } from './tracing';

let t: TestTracing;
beforeEach(() => {
  resetConfig();
  t = setupTracing();
});
afterEach(async () => {
  await t.teardown();
});

const state = (span: Span, kind: KindName, startedAt = performance.now()): LlmSpanState => ({ span, kind, startedAt, firstTokenAt: undefined, streaming: false, writer: contentWriter });

it('LLM: usage, model, messages, response and first token', () => {
  const s = t.record('chat', (span) => {
    const st = state(span, 'LLM', performance.now() - 5);
    const h = llmSpanHandle(st);
    expect(h.kind).toBe('LLM');
    h.setModel('qwen-plus', 'dashscope')
      .setInputMessages([{ role: 'user', content: 'hi' }])
      .setOutputMessages([{ role: 'assistant', content: 'hello' }])
      .setUsage({ inputTokens: 4, outputTokens: 6 })
      .setResponse({ id: 'r1', model: 'qwen-plus-0919', finishReasons: ['stop'] })
      .recordFirstToken()
      .recordFirstToken();
    expect(st.firstTokenAt).toBeDefined();
  });
  const ttft = s.attributes['gen_ai.response.time_to_first_token'];
  expect(typeof ttft).toBe('number');
  expect(Number.isInteger(ttft)).toBe(true);
  expect(ttft as number).toBeGreaterThan(0);
  expect(s.attributes['gen_ai.response.time_to_first_chunk']).toBeCloseTo((ttft as number) / 1e9, 6);
  const { ['gen_ai.response.time_to_first_token']: _a, ['gen_ai.response.time_to_first_chunk']: _b, ...rest } = s.attributes;
  expect(rest).toEqual({
    'gen_ai.request.model': 'qwen-plus',
    'gen_ai.provider.name': 'dashscope',
    'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }]),
    'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: 'hello' }], finish_reason: 'stop' }]),
    'gen_ai.usage.input_tokens': 4,
    'gen_ai.usage.output_tokens': 6,
    'gen_ai.usage.total_tokens': 10,
    'gen_ai.response.id': 'r1',
    'gen_ai.response.model': 'qwen-plus-0919',
    'gen_ai.response.finish_reasons': ['stop'],
  });
});

it('RETRIEVER and RERANKER documents, TOOL call and result', () => {
  t.record('retrieval kb', (span) => llmSpanHandle(state(span, 'RETRIEVER')).setQuery('q').setDocuments([{ id: 'd', score: 0.5 }]));
  t.record('rerank m', (span) => llmSpanHandle(state(span, 'RERANKER')).setDocuments([{ id: 'd', score: 0.9 }]));
  t.record('execute_tool f', (span) => llmSpanHandle(state(span, 'TOOL')).setToolCall({ name: 'f', callId: 'c', arguments: { a: 1 } }).setToolResult('ok'));
  expect(t.span('retrieval kb').attributes).toEqual({ 'gen_ai.retrieval.query.text': 'q', 'gen_ai.retrieval.documents': JSON.stringify([{ id: 'd', score: 0.5 }]) });
  expect(t.span('rerank m').attributes).toEqual({ 'reranker.output_document': JSON.stringify([{ id: 'd', score: 0.9 }]) });
  expect(t.span('execute_tool f').attributes).toEqual({
    'gen_ai.tool.name': 'f',
    'gen_ai.tool.call.id': 'c',
    'gen_ai.tool.call.arguments': JSON.stringify({ a: 1 }),
    'gen_ai.tool.call.result': JSON.stringify('ok'),
  });
});

it('is a no-op outside a span or on a span that is not recording', () => {
  expect(llmSpanHandle(undefined)).toBe(NOOP_LLM_SPAN);
  const nonRecording = trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 0 });
  const h = llmSpanHandle(state(nonRecording, 'LLM'));
  expect(h.isRecording).toBe(false);
  expect(() => h.setUsage({ inputTokens: 1 }).setModel('m').recordFirstToken().setAttributes({ a: 1 })).not.toThrow();
  expect(getConfig().captureContent).toBe(true);
});

it('never lets a faulty writer reach the caller', () => {
  t.record('faulty', (span) => {
    const st: LlmSpanState = { ...state(span, 'LLM'), writer: { write: () => { throw new Error('x'); }, writeAttributes: () => { throw new Error('y'); } } };
    expect(() => llmSpanHandle(st).setUsage({ inputTokens: 1 }).setAttributes({ a: 1 })).not.toThrow();
  });
});
