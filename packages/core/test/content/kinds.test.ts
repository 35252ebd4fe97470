/**
 * For each kind, a realistic span's complete attribute map written through the content writer
 * onto a real SDK span, in the default dialect and with both dialects.
 */
import type { Attributes } from '@opentelemetry/api';
import { configure, getConfig, resetConfig } from '../../src/config';
import { contentWriter } from '../../src/content';
import type { ContentFor, KindName } from '../../src/content';
import { setupTracing, type TestTracing } from './tracing';

let t: TestTracing;
beforeEach(() => {
  resetConfig();
  t = setupTracing();
});
afterEach(async () => {
  await t.teardown();
  resetConfig();
});

function written<K extends KindName>(kind: K, ...contents: ContentFor<K>[]): Attributes {
  return t.record(`${kind} span`, (span) => {
    for (const c of contents) contentWriter.write(span, kind, c, getConfig());
  }).attributes;
}
const json = (v: unknown): string => JSON.stringify(v);
const BOTH = ['llm-trace', 'openinference'] as const;

describe('LLM', () => {
  const input: ContentFor<'LLM'> = {
    model: 'gpt-4o',
    provider: 'openai',
    request: { temperature: 0.2, topP: 0.9, maxTokens: 512, stopSequences: ['END'], seed: 7 },
    stream: true,
    systemInstructions: 'You are terse.',
    inputMessages: [{ role: 'user', content: 'Weather in Paris?' }],
    toolDefinitions: [{ type: 'function', name: 'get_weather', description: 'Weather by city', parameters: { type: 'object' } }],
  };
  const output: ContentFor<'LLM'> = {
    outputMessages: [{ role: 'assistant', parts: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }], finish_reason: 'tool_call' }],
    usage: { inputTokens: 120, outputTokens: 30, cacheReadInputTokens: 100 },
    responseId: 'chatcmpl-1',
    responseModel: 'gpt-4o-2024-08-06',
    finishReasons: ['tool_call'],
    timeToFirstTokenNs: 250_000_000,
  };
  const base: Attributes = {
    'gen_ai.request.model': 'gpt-4o',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.temperature': 0.2,
    'gen_ai.request.top_p': 0.9,
    'gen_ai.request.max_tokens': 512,
    'gen_ai.request.stop_sequences': ['END'],
    'gen_ai.request.seed': 7,
    'gen_ai.request.stream': true,
    'gen_ai.input.messages': json([{ role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] }]),
    'gen_ai.system_instructions': json([{ type: 'text', content: 'You are terse.' }]),
    'gen_ai.tool.definitions': json([{ type: 'function', name: 'get_weather', description: 'Weather by city', parameters: { type: 'object' } }]),
    'gen_ai.output.messages': json([
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }], finish_reason: 'tool_call' },
    ]),
    'gen_ai.usage.input_tokens': 120,
    'gen_ai.usage.output_tokens': 30,
    'gen_ai.usage.total_tokens': 150,
    'gen_ai.usage.cache_read.input_tokens': 100,
    'gen_ai.response.id': 'chatcmpl-1',
    'gen_ai.response.model': 'gpt-4o-2024-08-06',
    'gen_ai.response.finish_reasons': ['tool_call'],
    'gen_ai.response.time_to_first_token': 250_000_000,
    'gen_ai.response.time_to_first_chunk': 0.25,
  };

  it('default dialect', () => {
    expect(written('LLM', input, output)).toEqual(base);
  });

  it('both dialects', () => {
    configure({ dialects: [...BOTH] });
    expect(written('LLM', input, output)).toEqual({
      ...base,
      'openinference.span.kind': 'LLM',
      'llm.invocation_parameters': json({ temperature: 0.2, top_p: 0.9, max_tokens: 512, stop: ['END'], seed: 7 }),
      'llm.model_name': 'gpt-4o-2024-08-06',
      'llm.provider': 'openai',
      'llm.system': 'openai',
      'llm.input_messages.0.message.role': 'system',
      'llm.input_messages.0.message.content': 'You are terse.',
      'llm.input_messages.1.message.role': 'user',
      'llm.input_messages.1.message.content': 'Weather in Paris?',
      'llm.tools.0.tool.json_schema': json({ type: 'function', function: { name: 'get_weather', description: 'Weather by city', parameters: { type: 'object' } } }),
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.tool_calls.0.tool_call.id': 'call_1',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'get_weather',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': json({ city: 'Paris' }),
      'llm.token_count.prompt': 120,
      'llm.token_count.completion': 30,
      'llm.token_count.total': 150,
      'llm.token_count.prompt_details.cache_read': 100,
      'llm.finish_reason': 'tool_call',
    });
  });

  it('one write that knows both models also names them apart for OpenInference', () => {
    configure({ dialects: [...BOTH] });
    expect(written('LLM', { model: 'gpt-4o', responseModel: 'gpt-4o-2024-08-06' })).toEqual({
      'openinference.span.kind': 'LLM',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'llm.model_name': 'gpt-4o-2024-08-06',
      'llm.request.model_name': 'gpt-4o',
      'llm.response.model_name': 'gpt-4o-2024-08-06',
    });
  });

  it('keeps a total the source gives, and writes reasoning parts as OpenInference contents', () => {
    configure({ dialects: [...BOTH] });
    const a = written('LLM', {
      outputMessages: [{ role: 'assistant', parts: [{ type: 'reasoning', content: 'think' }, { type: 'text', content: 'Hi' }], finish_reason: 'stop' }],
      usage: { inputTokens: 1, outputTokens: 2, totalTokens: 10 },
    });
    expect(a).toEqual({
      'openinference.span.kind': 'LLM',
      'gen_ai.output.messages': json([{ role: 'assistant', parts: [{ type: 'reasoning', content: 'think' }, { type: 'text', content: 'Hi' }], finish_reason: 'stop' }]),
      'gen_ai.usage.input_tokens': 1,
      'gen_ai.usage.output_tokens': 2,
      'gen_ai.usage.total_tokens': 10,
      'llm.token_count.prompt': 1,
      'llm.token_count.completion': 2,
      'llm.token_count.total': 10,
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.contents.0.message_content.type': 'reasoning',
      'llm.output_messages.0.message.contents.0.message_content.text': 'think',
      'llm.output_messages.0.message.contents.1.message_content.type': 'text',
      'llm.output_messages.0.message.contents.1.message_content.text': 'Hi',
    });
  });
});

describe('EMBEDDING', () => {
  const c: ContentFor<'EMBEDDING'> = {
    model: 'text-embedding-3-small',
    provider: 'openai',
    inputs: ['hello world'],
    encodingFormats: ['float'],
    dimensionCount: 1536,
    responseModel: 'text-embedding-3-small',
    usage: { inputTokens: 2 },
  };
  const base: Attributes = {
    'gen_ai.request.model': 'text-embedding-3-small',
    'gen_ai.provider.name': 'openai',
    'gen_ai.response.model': 'text-embedding-3-small',
    'gen_ai.embeddings.dimension.count': 1536,
    'gen_ai.request.encoding_formats': ['float'],
    'gen_ai.usage.input_tokens': 2,
    'gen_ai.usage.total_tokens': 2,
  };
  it('default dialect', () => {
    expect(written('EMBEDDING', c)).toEqual(base);
  });
  it('both dialects', () => {
    configure({ dialects: [...BOTH] });
    expect(written('EMBEDDING', c)).toEqual({
      ...base,
      'openinference.span.kind': 'EMBEDDING',
      'embedding.model_name': 'text-embedding-3-small',
      'embedding.embeddings.0.embedding.text': 'hello world',
      'llm.token_count.prompt': 2,
      'llm.token_count.total': 2,
    });
  });
});

describe('RETRIEVER', () => {
  const c: ContentFor<'RETRIEVER'> = {
    query: 'what is otel?',
    dataSource: 'kb-docs',
    topK: 2,
    documents: [
      { id: 'd1', score: 0.92, content: 'OpenTelemetry is a framework.', metadata: { source: 'otel.md' } },
      { id: 7, score: 0.5, content: 'Spans form traces.' },
    ],
  };
  const base: Attributes = {
    'gen_ai.data_source.id': 'kb-docs',
    'gen_ai.request.top_k': 2,
    'gen_ai.retrieval.query.text': 'what is otel?',
    'gen_ai.retrieval.documents': json([
      { id: 'd1', score: 0.92, content: 'OpenTelemetry is a framework.', metadata: { source: 'otel.md' } },
      { id: '7', score: 0.5, content: 'Spans form traces.' },
    ]),
  };
  it('default dialect', () => {
    expect(written('RETRIEVER', c)).toEqual(base);
  });
  it('both dialects', () => {
    configure({ dialects: [...BOTH] });
    expect(written('RETRIEVER', c)).toEqual({
      ...base,
      'openinference.span.kind': 'RETRIEVER',
      'input.value': 'what is otel?',
      'input.mime_type': 'text/plain',
      'retrieval.documents.0.document.id': 'd1',
      'retrieval.documents.0.document.score': 0.92,
      'retrieval.documents.0.document.content': 'OpenTelemetry is a framework.',
      'retrieval.documents.0.document.metadata': json({ source: 'otel.md' }),
      'retrieval.documents.1.document.id': '7',
      'retrieval.documents.1.document.score': 0.5,
      'retrieval.documents.1.document.content': 'Spans form traces.',
    });
  });
});

describe('RERANKER', () => {
  const c: ContentFor<'RERANKER'> = {
    query: 'best db',
    model: 'gte-rerank-v2',
    provider: 'dashscope',
    topK: 1,
    inputDocuments: [
      { id: 'a', content: 'Postgres' },
      { id: 'b', content: 'MySQL' },
    ],
    outputDocuments: [{ id: 'a', score: 0.97, content: 'Postgres' }],
  };
  const base: Attributes = {
    'gen_ai.request.model': 'gte-rerank-v2',
    'reranker.model_name': 'gte-rerank-v2',
    'gen_ai.provider.name': 'dashscope',
    'reranker.top_k': 1,
    'reranker.query': 'best db',
    'reranker.input_document': json([
      { id: 'a', content: 'Postgres' },
      { id: 'b', content: 'MySQL' },
    ]),
    'reranker.output_document': json([{ id: 'a', score: 0.97, content: 'Postgres' }]),
  };
  it('default dialect', () => {
    expect(written('RERANKER', c)).toEqual(base);
  });
  it('both dialects', () => {
    configure({ dialects: [...BOTH] });
    expect(written('RERANKER', c)).toEqual({
      ...base,
      'openinference.span.kind': 'RERANKER',
      'reranker.input_documents.0.document.id': 'a',
      'reranker.input_documents.0.document.content': 'Postgres',
      'reranker.input_documents.1.document.id': 'b',
      'reranker.input_documents.1.document.content': 'MySQL',
      'reranker.output_documents.0.document.id': 'a',
      'reranker.output_documents.0.document.score': 0.97,
      'reranker.output_documents.0.document.content': 'Postgres',
    });
  });
});

describe('TOOL', () => {
  const input: ContentFor<'TOOL'> = {
    name: 'get_weather',
    description: 'Weather by city',
    type: 'function',
    callId: 'call_1',
    arguments: { city: 'Paris' },
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  };
  const output: ContentFor<'TOOL'> = { result: { tempC: 18 } };
  const base: Attributes = {
    'gen_ai.tool.name': 'get_weather',
    'gen_ai.tool.description': 'Weather by city',
    'gen_ai.tool.type': 'function',
    'gen_ai.tool.call.id': 'call_1',
    'gen_ai.tool.call.arguments': json({ city: 'Paris' }),
    'gen_ai.tool.call.result': json({ tempC: 18 }),
  };
  it('default dialect', () => {
    expect(written('TOOL', input, output)).toEqual(base);
  });
  it('both dialects', () => {
    configure({ dialects: [...BOTH] });
    expect(written('TOOL', input, output)).toEqual({
      ...base,
      'openinference.span.kind': 'TOOL',
      'tool.name': 'get_weather',
      'tool.description': 'Weather by city',
      'tool.id': 'call_1',
      'tool.parameters': json({ type: 'object', properties: { city: { type: 'string' } } }),
      'input.value': json({ city: 'Paris' }),
      'input.mime_type': 'application/json',
      'output.value': json({ tempC: 18 }),
      'output.mime_type': 'application/json',
    });
  });
  it('keeps arguments that already are JSON text as they are, and writes a plain-text result as a JSON string', () => {
    expect(written('TOOL', { arguments: '{"q":"x"}', result: 'plain text' })).toEqual({
      'gen_ai.tool.call.arguments': '{"q":"x"}',
      'gen_ai.tool.call.result': JSON.stringify('plain text'),
    });
  });
});

describe('AGENT', () => {
  const c: ContentFor<'AGENT'> = {
    name: 'planner',
    id: 'agent-1',
    description: 'Plans trips',
    model: 'qwen-max',
    provider: 'dashscope',
    inputMessages: [{ role: 'user', content: 'Plan Paris' }],
    outputMessages: [{ role: 'assistant', content: 'Day 1: Louvre' }],
    usage: { inputTokens: 50, outputTokens: 20, cacheCreationInputTokens: 10 },
    timeToFirstTokenNs: 1_500_000,
  };
  const base: Attributes = {
    'gen_ai.agent.name': 'planner',
    'gen_ai.agent.id': 'agent-1',
    'gen_ai.agent.description': 'Plans trips',
    'gen_ai.request.model': 'qwen-max',
    'gen_ai.provider.name': 'dashscope',
    'gen_ai.input.messages': json([{ role: 'user', parts: [{ type: 'text', content: 'Plan Paris' }] }]),
    'gen_ai.output.messages': json([{ role: 'assistant', parts: [{ type: 'text', content: 'Day 1: Louvre' }], finish_reason: 'stop' }]),
    'gen_ai.usage.input_tokens': 50,
    'gen_ai.usage.output_tokens': 20,
    'gen_ai.usage.total_tokens': 70,
    'gen_ai.usage.cache_creation.input_tokens': 10,
    'gen_ai.response.time_to_first_token': 1_500_000,
  };
  it('default dialect', () => {
    expect(written('AGENT', c)).toEqual(base);
  });
  it('both dialects', () => {
    configure({ dialects: [...BOTH] });
    expect(written('AGENT', c)).toEqual({
      ...base,
      'openinference.span.kind': 'AGENT',
      'agent.name': 'planner',
      'input.value': json([{ role: 'user', parts: [{ type: 'text', content: 'Plan Paris' }] }]),
      'input.mime_type': 'application/json',
      'output.value': json([{ role: 'assistant', parts: [{ type: 'text', content: 'Day 1: Louvre' }], finish_reason: 'stop' }]),
      'output.mime_type': 'application/json',
      'llm.token_count.prompt': 50,
      'llm.token_count.completion': 20,
      'llm.token_count.total': 70,
      'llm.token_count.prompt_details.cache_write': 10,
    });
  });
});

describe('STEP', () => {
  it('default dialect', () => {
    expect(written('STEP', { round: 2 }, { finishReason: 'tool_calls' })).toEqual({ 'gen_ai.react.round': 2, 'gen_ai.react.finish_reason': 'tool_calls' });
  });
  it('both dialects', () => {
    configure({ dialects: [...BOTH] });
    expect(written('STEP', { round: 2, finishReason: 'stop' })).toEqual({
      'gen_ai.react.round': 2,
      'gen_ai.react.finish_reason': 'stop',
      'openinference.span.kind': 'CHAIN',
    });
  });
});

describe('ENTRY', () => {
  const c: ContentFor<'ENTRY'> = {
    sessionId: 'conv-9',
    userId: 'u-1',
    inputMessages: [{ role: 'user', content: 'hi' }],
    outputMessages: [{ role: 'assistant', content: 'hello' }],
    timeToFirstTokenNs: 3_000_000,
  };
  const base: Attributes = {
    'gen_ai.session.id': 'conv-9',
    'gen_ai.user.id': 'u-1',
    'gen_ai.input.messages': json([{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }]),
    'gen_ai.output.messages': json([{ role: 'assistant', parts: [{ type: 'text', content: 'hello' }], finish_reason: 'stop' }]),
    'gen_ai.response.time_to_first_token': 3_000_000,
  };
  it('default dialect', () => {
    expect(written('ENTRY', c)).toEqual(base);
  });
  it('both dialects', () => {
    configure({ dialects: [...BOTH] });
    expect(written('ENTRY', c)).toEqual({
      ...base,
      'openinference.span.kind': 'CHAIN',
      'session.id': 'conv-9',
      'user.id': 'u-1',
      'input.value': json([{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }]),
      'input.mime_type': 'application/json',
      'output.value': json([{ role: 'assistant', parts: [{ type: 'text', content: 'hello' }], finish_reason: 'stop' }]),
      'output.mime_type': 'application/json',
    });
  });
});

describe('CHAIN', () => {
  const c: ContentFor<'CHAIN'> = { input: { question: 'why?' }, output: 'because', timeToFirstTokenNs: 42 };
  const base: Attributes = {
    'input.value': json({ question: 'why?' }),
    'input.mime_type': 'application/json',
    'output.value': 'because',
    'output.mime_type': 'text/plain',
    'gen_ai.user.time_to_first_token': 42,
  };
  it('default dialect', () => {
    expect(written('CHAIN', c)).toEqual(base);
  });
  it('both dialects', () => {
    configure({ dialects: [...BOTH] });
    expect(written('CHAIN', c)).toEqual({ ...base, 'openinference.span.kind': 'CHAIN' });
  });
});

describe('TASK', () => {
  const c: ContentFor<'TASK'> = { input: 'summarise', output: { summary: 'ok' }, outputMimeType: 'application/json' };
  const base: Attributes = {
    'input.value': 'summarise',
    'input.mime_type': 'text/plain',
    'output.value': json({ summary: 'ok' }),
    'output.mime_type': 'application/json',
  };
  it('default dialect', () => {
    expect(written('TASK', c)).toEqual(base);
  });
  it('both dialects', () => {
    configure({ dialects: [...BOTH] });
    expect(written('TASK', c)).toEqual({ ...base, 'openinference.span.kind': 'CHAIN' });
  });
});
