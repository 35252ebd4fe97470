/**
 * Other libraries' GenAI spans get our kind: replayed from spans recorded from the real AI SDK 5
 * (5.0.277) and 7 (7.0.173 with @ai-sdk/otel) by integration/frameworks/scripts/dump-spans.mjs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_CONTEXT, trace, type Span } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { validateSpans } from '@llm-trace/testing';
import { GenAiKindSpanProcessor, inferGenAiKind } from '../src';

interface Recorded {
  name: string;
  scope: string;
  /** Index of the parent span in the recorded list (start order). */
  parent?: number;
  attributes: Record<string, string | number | boolean | string[]>;
  expectedKind: string;
}
const recorded = (file: string): Recorded[] => JSON.parse(readFileSync(join(__dirname, 'fixtures/frameworks', file), 'utf8')) as Recorded[];

function replay(spans: Recorded[], late: boolean) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new GenAiKindSpanProcessor(), new SimpleSpanProcessor(exporter)] });
  const started: Span[] = [];
  for (const r of spans) {
    const parent = r.parent === undefined ? undefined : started[r.parent];
    const ctx = parent === undefined ? ROOT_CONTEXT : trace.setSpan(ROOT_CONTEXT, parent);
    const span = provider.getTracer(r.scope).startSpan(r.name, late ? {} : { attributes: r.attributes }, ctx);
    if (late) span.setAttributes(r.attributes);
    started.push(span);
  }
  for (const span of [...started].reverse()) span.end();
  // In start order, as recorded.
  const byId = new Map(exporter.getFinishedSpans().map((s) => [s.spanContext().spanId, s]));
  return started.map((s) => byId.get(s.spanContext().spanId)!);
}

describe.each([
  ['AI SDK 5', 'ai5-spans.json'],
  ['AI SDK 7', 'ai7-spans.json'],
])('%s spans', (_title, file) => {
  it.each([
    ['attributes set at start', false],
    ['attributes set after start', true],
  ])('get the kind (%s), and llm-trace-check finds no errors', (_t, late) => {
    const spans = replay(recorded(file), late);
    expect(spans.map((s) => s.attributes['gen_ai.span.kind'])).toEqual(recorded(file).map((r) => r.expectedKind));
    expect(validateSpans(spans).filter((f) => f.level === 'error')).toEqual([]);
  });
});

it('AI SDK 5: the former gen_ai.system becomes gen_ai.provider.name, a tool gets its name and call id', () => {
  const spans = replay(recorded('ai5-spans.json'), false);
  expect(spans.find((s) => s.name === 'ai.generateText.doGenerate')!.attributes).toMatchObject({ 'gen_ai.provider.name': 'openai', 'gen_ai.operation.name': 'chat' });
  expect(spans.find((s) => s.name === 'ai.toolCall')!.attributes).toMatchObject({ 'gen_ai.tool.name': 'get_weather', 'gen_ai.tool.call.id': 'call_1_get_weather', 'gen_ai.operation.name': 'execute_tool' });
});

describe('inferGenAiKind', () => {
  it.each([
    [{ 'gen_ai.operation.name': 'chat' }, 'x', 'LLM'],
    [{ 'gen_ai.operation.name': 'text_completion' }, 'x', 'LLM'],
    [{ 'gen_ai.operation.name': 'generate_content' }, 'x', 'LLM'],
    [{ 'gen_ai.operation.name': 'embeddings' }, 'x', 'EMBEDDING'],
    [{ 'gen_ai.operation.name': 'execute_tool' }, 'x', 'TOOL'],
    [{ 'gen_ai.operation.name': 'invoke_agent' }, 'x', 'AGENT'],
    [{ 'gen_ai.operation.name': 'create_agent' }, 'x', 'AGENT'],
    [{ 'gen_ai.operation.name': 'agent_step' }, 'x', 'STEP'],
    [{ 'gen_ai.operation.name': 'retrieval' }, 'x', 'RETRIEVER'],
    [{ 'openinference.span.kind': 'LLM' }, 'OpenAI Chat Completions', 'LLM'],
    [{ 'openinference.span.kind': 'CHAIN' }, 'RunnableSequence', 'CHAIN'],
    [{ 'openinference.span.kind': 'TOOL' }, 'get_weather', 'TOOL'],
    [{ 'ai.operationId': 'ai.embedMany' }, 'ai.embedMany', 'EMBEDDING'],
    [{}, 'ai.toolCall', 'TOOL'],
  ])('%j %s → %s', (attributes, name, kind) => {
    expect(inferGenAiKind(attributes, name)).toBe(kind);
  });

  it.each([
    [{ 'gen_ai.span.kind': 'TOOL', 'gen_ai.operation.name': 'chat' }, 'ours'],
    [{ 'http.method': 'GET' }, 'GET /ask'],
    [{ 'gen_ai.operation.name': 'something_new' }, 'x'],
    [{}, 'ai.somethingElse'],
    [{ 'openinference.span.kind': 'UNKNOWN' }, 'x'],
  ])('leaves %j %s alone', (attributes, name) => {
    expect(inferGenAiKind(attributes, name)).toBeUndefined();
  });
});

it('a span that already has a kind keeps it, and a non-GenAI span gets nothing', () => {
  const spans = replay(
    [
      { name: 'execute_tool x', scope: '@llm-trace/core', attributes: { 'gen_ai.span.kind': 'TOOL', 'gen_ai.operation.name': 'execute_tool' }, expectedKind: 'TOOL' },
      { name: 'GET /ask', scope: 'http', attributes: { 'http.request.method': 'GET' }, expectedKind: '' },
    ],
    false,
  );
  expect(spans[0]!.attributes['gen_ai.span.kind']).toBe('TOOL');
  expect(spans[1]!.attributes).toEqual({ 'http.request.method': 'GET' });
});

describe('an auto-instrumentation LLM span inside our LLM span', () => {
  function nested(options?: ConstructorParameters<typeof GenAiKindSpanProcessor>[0]) {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new GenAiKindSpanProcessor(options), new SimpleSpanProcessor(exporter)] });
    const ours = provider.getTracer('@llm-trace/core').startSpan('chat', { attributes: { 'gen_ai.span.kind': 'LLM', 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai' } });
    // As OpenInference's openai instrumentation 4.2.7 writes it.
    const inner = provider
      .getTracer('@arizeai/openinference-instrumentation-openai')
      .startSpan('OpenAI Chat Completions', { attributes: { 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o', 'llm.token_count.prompt': 2, 'llm.token_count.completion': 4, 'llm.token_count.total': 6, 'llm.input_messages.0.message.content': 'Say hello' } }, trace.setSpan(ROOT_CONTEXT, ours));
    inner.end();
    ours.end();
    return exporter.getFinishedSpans();
  }

  it('is merged by default: one LLM span, ours, with the usage and model it knew, none of its content', () => {
    const spans = nested();
    expect(spans.map((s) => s.name)).toEqual(['chat']);
    expect(spans[0]!.attributes).toEqual({
      'gen_ai.span.kind': 'LLM',
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o',
      'gen_ai.usage.input_tokens': 2,
      'gen_ai.usage.output_tokens': 4,
      'gen_ai.usage.total_tokens': 6,
    });
  });

  it("is kept with duplicateLlmSpans: 'keep'", () => {
    expect(nested({ duplicateLlmSpans: 'keep' }).map((s) => [s.name, s.attributes['gen_ai.span.kind']])).toEqual([
      ['OpenAI Chat Completions', 'LLM'],
      ['chat', 'LLM'],
    ]);
  });

  it('a bad option is a TypeError naming it', () => {
    expect(() => new GenAiKindSpanProcessor({ duplicateLlmSpans: 'drop' as 'keep' })).toThrow('option "duplicateLlmSpans" must be "merge" or "keep", got "drop"');
  });
});

it("OpenInference LangChain LLM spans get the model, provider (from ls_provider) and usage our LLM kind requires", () => {
  // As @arizeai/openinference-instrumentation-langchain 4.1.1 writes a ChatOpenAI span.
  const [span] = replay(
    [
      {
        name: 'ChatOpenAI',
        scope: '@arizeai/openinference-instrumentation-langchain',
        attributes: { 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o', 'llm.token_count.prompt': 2, 'llm.token_count.completion': 4, 'llm.token_count.total': 6, metadata: '{"ls_provider":"openai","ls_model_name":"gpt-4o"}' },
        expectedKind: 'LLM',
      },
    ],
    true,
  );
  expect(span!.attributes).toMatchObject({ 'gen_ai.span.kind': 'LLM', 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 2, 'gen_ai.usage.output_tokens': 4 });
  expect(validateSpans([span!]).filter((f) => f.level === 'error')).toEqual([]);
});
