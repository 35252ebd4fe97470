import 'reflect-metadata';
import { SpanStatusCode, context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import OpenAI from 'openai';
import { startFakeLlmServer, type FakeLlmServer } from '@llm-trace/example-fake-llm-server';
import { run } from '../src/app';
import { Container } from '../src/container';
import { SupportService } from '../src/support';

const kindOf = (s: ReadableSpan) => s.attributes['gen_ai.span.kind'];
const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;

describe('nestjs-style example (legacy decorators + reflect-metadata)', () => {
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

  it('answers through injected services, with ENTRY → AGENT → { RETRIEVER, LLM }', async () => {
    const result = await run({ baseURL: fake.url, apiKey: 'fake' });
    expect(result.answer).toBe(
      'According to the documentation: Open Settings, choose Security, then Reset password; a link arrives by email within a minute.',
    );
    const spans = exporter.getFinishedSpans();
    const byKind = (k: string) => spans.filter((s) => kindOf(s) === k);
    expect(spans.map(kindOf).sort()).toEqual(['AGENT', 'ENTRY', 'LLM', 'RETRIEVER']);
    const [entry] = byKind('ENTRY');
    const [agent] = byKind('AGENT');
    const [retriever] = byKind('RETRIEVER');
    const [llm] = byKind('LLM');
    expect(parentOf(entry!)).toBeUndefined();
    expect(parentOf(agent!)).toBe(entry!.spanContext().spanId);
    expect(parentOf(retriever!)).toBe(agent!.spanContext().spanId);
    expect(parentOf(llm!)).toBe(agent!.spanContext().spanId);
    expect(agent!.name).toBe('invoke_agent support_desk');
    expect(retriever!.name).toBe('retrieval support-faq');
    expect(llm!.name).toBe('chat qwen-plus');
    expect(JSON.parse(String(retriever!.attributes['gen_ai.retrieval.documents']))[0]).toMatchObject({ id: 'reset-password' });
    expect(llm!.attributes['gen_ai.usage.output_tokens']).toBe(19);
  });

  it('leaves the metadata other decorators read intact', async () => {
    const result = await run({ baseURL: fake.url, apiKey: 'fake' });
    expect(result.injected).toEqual(['OpenAI', 'FaqRepository']);
    expect(result.validated).toEqual(['String']);
  });

  it('traces a call @ValidateArgs rejects as an error, and rethrows it unchanged (still synchronously)', async () => {
    const client = new OpenAI({ baseURL: fake.url, apiKey: 'fake' });
    const service = new Container().provide(OpenAI, client).resolve(SupportService);
    // The validator throws synchronously, before the async method runs; the wrapper keeps it that way.
    expect(() => service.answer(42 as unknown as string)).toThrow(new TypeError('answer(): argument 1 must be a string, got number'));
    const [agent] = exporter.getFinishedSpans();
    expect(agent!.status).toMatchObject({ code: SpanStatusCode.ERROR });
    expect(agent!.attributes['error.type']).toBe('TypeError');
  });

  it('keeps the APIPromise: .withResponse() works through the decorated method', async () => {
    const client = new OpenAI({ baseURL: fake.url, apiKey: 'fake' });
    const service = new Container().provide(OpenAI, client).resolve(SupportService);
    const { data, response } = await service
      .complete({ model: 'qwen-plus', messages: [{ role: 'user', content: 'ping' }] })
      .withResponse();
    expect(response.status).toBe(200);
    expect(data.choices[0]!.message.content).toBe('You asked: ping');
  });
});
