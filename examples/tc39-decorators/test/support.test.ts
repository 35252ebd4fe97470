import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import OpenAI from 'openai';
import { startFakeLlmServer, type FakeLlmServer } from '@llm-trace/example-fake-llm-server';
import { run } from '../src/app';
import { FaqRepository, SupportService } from '../src/support';

const kindOf = (s: ReadableSpan) => s.attributes['gen_ai.span.kind'];
const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;

describe('tc39-decorators example (standard decorators)', () => {
  let fake: FakeLlmServer;
  let exporter: InMemorySpanExporter;
  let provider: BasicTracerProvider;
  beforeAll(async () => {
    fake = await startFakeLlmServer();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    exporter = new InMemorySpanExporter();
    provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    trace.setGlobalTracerProvider(provider);
  });
  afterEach(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  it('answers with ENTRY → AGENT → { RETRIEVER, LLM }', async () => {
    const result = await run({ baseURL: fake.url, apiKey: 'fake' });
    expect(result.answer).toBe('According to the documentation: Settings, then Data, then Export creates a ZIP of all your projects.');
    const spans = exporter.getFinishedSpans();
    expect(spans.map(kindOf).sort()).toEqual(['AGENT', 'ENTRY', 'LLM', 'RETRIEVER']);
    const one = (k: string) => spans.find((s) => kindOf(s) === k)!;
    expect(parentOf(one('ENTRY'))).toBeUndefined();
    expect(parentOf(one('AGENT'))).toBe(one('ENTRY').spanContext().spanId);
    expect(parentOf(one('RETRIEVER'))).toBe(one('AGENT').spanContext().spanId);
    expect(parentOf(one('LLM'))).toBe(one('AGENT').spanContext().spanId);
    expect(one('AGENT').name).toBe('invoke_agent support_desk');
    expect(one('LLM').name).toBe('chat qwen-plus');
  });

  it('leaves context.metadata written by @route intact', async () => {
    const result = await run({ baseURL: fake.url, apiKey: 'fake' });
    expect(result.routes).toEqual([{ method: 'POST', path: '/support/ask', handler: 'handle' }]);
  });

  it('keeps this, the method name and the APIPromise', async () => {
    const client = new OpenAI({ baseURL: fake.url, apiKey: 'fake' });
    const service = new SupportService(client, new FaqRepository());
    expect(service.complete.name).toBe('complete');
    const { data, response } = await service
      .complete({ model: 'qwen-plus', messages: [{ role: 'user', content: 'ping' }] })
      .withResponse();
    expect(response.status).toBe(200);
    expect(data.choices[0]!.message.content).toBe('You asked: ping');
  });
});
