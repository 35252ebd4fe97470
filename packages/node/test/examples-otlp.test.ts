/**
 * End to end: the RAG and agent examples, run under `register()`, export OTLP/protobuf to a
 * local receiver that decodes with the official schema; the received spans must have the right
 * kinds, names, key attributes, resource and parent/child structure.
 */
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { startFakeLlmServer, type FakeLlmServer } from '@llm-trace/example-fake-llm-server';
import { run as runRag } from '../../../examples/rag/src/app';
import { run as runAgent } from '../../../examples/agent/src/app';
import { register } from '../src';
import { deadEndpoint, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver';

const KIND = 'gen_ai.span.kind';

function kindOf(span: ReceivedSpan): unknown {
  return span.attributes[KIND];
}

function only(spans: ReceivedSpan[], kind: string): ReceivedSpan {
  const found = spans.filter((s) => kindOf(s) === kind);
  expect(found.map((s) => s.name)).toHaveLength(1);
  return found[0]!;
}

function childrenOf(spans: ReceivedSpan[], parent: ReceivedSpan): ReceivedSpan[] {
  return spans.filter((s) => s.parentSpanId === parent.spanId);
}

describe('examples exported over OTLP/protobuf', () => {
  let fake: FakeLlmServer;
  let receiver: OtlpReceiver;
  beforeEach(async () => {
    fake = await startFakeLlmServer();
    receiver = await startOtlpReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    await fake.close();
    diag.disable();
  });

  it('RAG: ENTRY → CHAIN { EMBEDDING → RETRIEVER → RERANKER → LLM (streamed) } in a session', async () => {
    const tracing = register({ serviceName: 'rag-example', otlp: { url: receiver.url }, console: false });
    const result = await runRag({ baseURL: fake.url, apiKey: 'fake' });
    await tracing.shutdown();

    expect(result.answer).toBe(
      'According to the documentation: To send traces to Jaeger, Tempo or any OTLP collector, set OTEL_EXPORTER_OTLP_ENDPOINT to the collector address, for example http://localhost:4318.',
    );
    const spans = receiver.spans;
    for (const s of spans) {
      expect(s.resource).toMatchObject({ 'service.name': 'rag-example', 'acs.arms.service.feature': 'genai_app' });
      expect(s.attributes['gen_ai.operation.name']).toEqual(expect.any(String));
    }

    // Indexing is its own trace: TASK → EMBEDDING.
    const task = only(spans, 'TASK');
    expect(task.name).toBe('run_task index_corpus');
    expect(task.parentSpanId).toBeUndefined();
    const [indexEmbedding] = childrenOf(spans, task);
    expect(indexEmbedding).toMatchObject({ name: 'embeddings text-embedding-v3', kind: 3 });

    const entry = only(spans, 'ENTRY');
    expect(entry.name).toBe('enter_ai_application_system');
    expect(entry.parentSpanId).toBeUndefined();
    expect(entry.traceId).not.toBe(task.traceId);
    const chain = only(spans, 'CHAIN');
    expect(chain).toMatchObject({ name: 'chain rag_answer', parentSpanId: entry.spanId, kind: 1 });
    expect(chain.attributes['gen_ai.user.time_to_first_token']).toEqual(expect.any(Number));

    const steps = childrenOf(spans, chain);
    expect(steps.map((s) => [kindOf(s), s.name])).toEqual([
      ['EMBEDDING', 'embeddings text-embedding-v3'],
      ['RETRIEVER', 'retrieval llm-ops-notes'],
      ['RERANKER', 'rerank keyword-overlap'],
      ['LLM', 'chat qwen-plus'],
    ]);
    const [embedding, retriever, reranker, llm] = steps as [ReceivedSpan, ReceivedSpan, ReceivedSpan, ReceivedSpan];
    expect(embedding.attributes).toMatchObject({ 'gen_ai.operation.name': 'embeddings', 'gen_ai.request.model': 'text-embedding-v3' });
    expect(retriever.attributes).toMatchObject({ 'gen_ai.operation.name': 'retrieval', 'gen_ai.data_source.id': 'llm-ops-notes' });
    const retrieved = JSON.parse(String(retriever.attributes['gen_ai.retrieval.documents'])) as { id: string }[];
    expect(retrieved).toHaveLength(4);
    expect(retrieved[0]!.id).toBe('otlp-export');
    expect(reranker.attributes).toMatchObject({ 'gen_ai.operation.name': 'rerank', 'reranker.model_name': 'keyword-overlap' });
    expect(llm.kind).toBe(3);
    expect(llm.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'qwen-plus',
      'gen_ai.request.stream': true,
      'gen_ai.usage.input_tokens': expect.any(Number),
      'gen_ai.usage.output_tokens': 23,
    });
    expect(llm.attributes['gen_ai.response.time_to_first_token']).toEqual(expect.any(Number));

    for (const s of [entry, chain, ...steps]) {
      expect(s.attributes).toMatchObject({ 'gen_ai.session.id': 'rag-demo-session', 'gen_ai.user.id': 'demo-user' });
      expect(s.traceId).toBe(entry.traceId);
      expect(s.status.code).not.toBe(2);
    }
  });

  it('agent: ENTRY → AGENT → STEP rounds → LLM with tool calls → TOOL', async () => {
    const tracing = register({ serviceName: 'agent-example', otlp: { url: receiver.url }, console: false });
    const result = await runAgent({ baseURL: fake.url, apiKey: 'fake' });
    await tracing.shutdown();

    expect(result).toMatchObject({
      answer: 'Here is what I found: Hangzhou, light rain, 18; 165.',
      toolCalls: ['get_weather', 'calculator'],
      rounds: 3,
    });
    const spans = receiver.spans;
    const entry = only(spans, 'ENTRY');
    const agent = only(spans, 'AGENT');
    expect(agent).toMatchObject({ name: 'invoke_agent weather_and_maths_assistant', parentSpanId: entry.spanId });
    expect(agent.attributes).toMatchObject({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'weather_and_maths_assistant' });

    const steps = childrenOf(spans, agent);
    expect(steps.map((s) => [kindOf(s), s.name, s.attributes['gen_ai.react.round']])).toEqual([
      ['STEP', 'react step', 1],
      ['STEP', 'react step', 2],
      ['STEP', 'react step', 3],
    ]);
    const inStep = steps.map((step) => childrenOf(spans, step).map((s) => `${String(kindOf(s))} ${s.name}`));
    expect(inStep).toEqual([
      ['LLM chat qwen-plus', 'TOOL execute_tool get_weather'],
      ['LLM chat qwen-plus', 'TOOL execute_tool calculator'],
      ['LLM chat qwen-plus'],
    ]);
    const weather = spans.find((s) => s.name === 'execute_tool get_weather')!;
    expect(weather.attributes).toMatchObject({ 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'get_weather' });
    expect(JSON.parse(String(weather.attributes['gen_ai.tool.call.arguments']))).toEqual({ city: 'Hangzhou' });
    const firstLlm = childrenOf(spans, steps[0]!)[0]!;
    expect(JSON.parse(String(firstLlm.attributes['gen_ai.output.messages']))[0].parts[0]).toMatchObject({
      type: 'tool_call',
      name: 'get_weather',
    });
    for (const s of spans.filter((x) => x.traceId === entry.traceId)) {
      expect(s.attributes['gen_ai.session.id']).toBe('agent-demo-session');
      expect(s.resource['service.name']).toBe('agent-example');
    }
  });

  it('collector down: the example completes with the same result, one warning, and shutdown returns', async () => {
    const logs: string[] = [];
    const logger: DiagLogger = {
      error: (m) => void logs.push(`error ${m}`),
      warn: (m) => void logs.push(`warn ${m}`),
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    };
    diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
    const url = await deadEndpoint();

    const up = register({ otlp: { url: receiver.url }, console: false });
    const expected = await runAgent({ baseURL: fake.url, apiKey: 'fake' });
    await up.shutdown();

    const down = register({ otlp: { url, timeoutMillis: 1000 }, console: false });
    const actual = await runAgent({ baseURL: fake.url, apiKey: 'fake' });
    await down.shutdown();

    expect(actual).toEqual(expected);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(new RegExp(`^warn llm-trace: could not export \\d+ spans to ${url.replace(/[.]/g, '\\.')}`));
  });
});
