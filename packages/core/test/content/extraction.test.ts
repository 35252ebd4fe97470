/** Provider extraction from recorded-shape fixtures (written from each provider's public API docs). */
import { CONTENT_ADAPTERS, mergeContent } from '../../src/content';
import type { ContentFor, KindName } from '../../src/content';
import { fixture } from './tracing';

function streamed<K extends KindName>(kind: K, chunks: unknown[]): ContentFor<K> | undefined {
  const agg = CONTENT_ADAPTERS[kind].stream!();
  for (const c of chunks) agg.add(c);
  return agg.finish();
}

describe('OpenAI Chat Completions', () => {
  it('request: model, provider, parameters, messages with parts, tool calls and tool responses, tools', () => {
    expect(CONTENT_ADAPTERS.LLM.input!([fixture('openai-chat-request.json')])).toEqual({
      model: 'gpt-4o-2024-08-06',
      provider: 'openai',
      request: { temperature: 0.7, topP: 1, maxTokens: 256, frequencyPenalty: 0, presencePenalty: 0, stopSequences: ['\n\n'], seed: 42, choiceCount: 1 },
      inputMessages: [
        { role: 'system', parts: [{ type: 'text', content: 'You are a helpful assistant.' }] },
        { role: 'user', parts: [{ type: 'text', content: "What's the weather like in Paris today?" }, { type: 'uri', modality: 'image', uri: 'https://example.com/paris.jpg' }] },
        { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_abc123', name: 'get_weather', arguments: { location: 'Paris, France' } }] },
        { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_abc123', response: '{"temperature":18,"unit":"celsius"}' }] },
      ],
      toolDefinitions: [
        { type: 'function', name: 'get_weather', description: 'Get the current weather in a given location', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } },
      ],
    });
  });

  it('response: id, model, output message, finish reasons, usage with cached and reasoning tokens', () => {
    expect(CONTENT_ADAPTERS.LLM.output!(fixture('openai-chat-response.json'))).toEqual({
      responseId: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
      responseModel: 'gpt-4o-2024-08-06',
      outputMessages: [{ role: 'assistant', parts: [{ type: 'text', content: 'It is 18°C and sunny in Paris today.' }], finish_reason: 'stop' }],
      finishReasons: ['stop'],
      usage: { inputTokens: 1117, outputTokens: 46, totalTokens: 1163, cacheReadInputTokens: 1024, reasoningOutputTokens: 0 },
    });
  });

  it('stream with stream_options.include_usage: text aggregated, usage from the final chunk', () => {
    expect(streamed('LLM', fixture('openai-chat-stream.json'))).toEqual({
      responseId: 'chatcmpl-123',
      responseModel: 'gpt-4o-mini',
      outputMessages: [{ role: 'assistant', parts: [{ type: 'text', content: 'Hello there!' }], finish_reason: 'stop' }],
      finishReasons: ['stop'],
      usage: { inputTokens: 9, outputTokens: 3, totalTokens: 12, cacheReadInputTokens: 0, reasoningOutputTokens: 0 },
    });
  });

  it('stream of tool-call deltas: arguments joined and parsed', () => {
    expect(streamed('LLM', fixture('openai-chat-stream-tool-calls.json'))).toEqual({
      responseId: 'chatcmpl-9xT',
      responseModel: 'gpt-4o-2024-08-06',
      outputMessages: [{ role: 'assistant', parts: [{ type: 'tool_call', id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA', name: 'get_weather', arguments: { location: 'Boston, MA' } }], finish_reason: 'tool_call' }],
      finishReasons: ['tool_call'],
    });
  });
});

describe('OpenAI Responses API', () => {
  it('request: instructions become system instructions, input items become messages', () => {
    expect(CONTENT_ADAPTERS.LLM.input!([fixture('openai-responses-request.json')])).toEqual({
      model: 'gpt-4.1',
      provider: 'openai',
      request: { temperature: 1, maxTokens: 500 },
      inputMessages: [{ role: 'user', parts: [{ type: 'text', content: 'Are semicolons optional in JavaScript?' }] }],
      systemInstructions: 'Talk like a pirate.',
      toolDefinitions: [{ type: 'function', name: 'lookup_docs', description: 'Search MDN', parameters: { type: 'object', properties: { q: { type: 'string' } } } }],
    });
  });

  it('response', () => {
    expect(CONTENT_ADAPTERS.LLM.output!(fixture('openai-responses-response.json'))).toEqual({
      responseId: 'resp_67ccd3a9da748190baa7f1570fe91ac604becb25c45c1d41',
      responseModel: 'gpt-4.1-2025-04-14',
      outputMessages: [{ role: 'assistant', parts: [{ type: 'text', content: 'Arr, matey! Semicolons be mostly optional in JavaScript.' }], finish_reason: 'stop' }],
      finishReasons: ['stop'],
      usage: { inputTokens: 36, outputTokens: 87, totalTokens: 123, cacheReadInputTokens: 0, reasoningOutputTokens: 0 },
    });
  });

  it('stream events: the completed response wins', () => {
    expect(streamed('LLM', fixture('openai-responses-stream.json'))).toEqual({
      responseId: 'resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654',
      responseModel: 'gpt-4.1-2025-04-14',
      outputMessages: [{ role: 'assistant', parts: [{ type: 'text', content: 'Hi there!' }], finish_reason: 'stop' }],
      finishReasons: ['stop'],
      usage: { inputTokens: 37, outputTokens: 11, totalTokens: 48, cacheReadInputTokens: 0, reasoningOutputTokens: 0 },
    });
  });
});

describe('Anthropic Messages', () => {
  it('request: system blocks, tool_use and tool_result blocks, input_schema tools', () => {
    expect(CONTENT_ADAPTERS.LLM.input!([fixture('anthropic-request.json')])).toEqual({
      model: 'claude-sonnet-4-5-20250929',
      provider: 'anthropic',
      request: { temperature: 0.5, topK: 40, maxTokens: 1024, stopSequences: ['</answer>'] },
      inputMessages: [
        { role: 'user', parts: [{ type: 'text', content: "What's the weather in San Francisco?" }] },
        { role: 'assistant', parts: [{ type: 'tool_call', id: 'toolu_01A09q90qw90lq917835lq9', name: 'get_weather', arguments: { location: 'San Francisco, CA' } }] },
        { role: 'user', parts: [{ type: 'tool_call_response', id: 'toolu_01A09q90qw90lq917835lq9', response: '15 degrees' }] },
      ],
      systemInstructions: [{ type: 'text', content: 'You are a weather bot.' }],
      toolDefinitions: [{ type: 'function', name: 'get_weather', description: 'Get the current weather in a given location', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } }],
    });
  });

  it('response: thinking → reasoning, input tokens include cache reads and writes', () => {
    expect(CONTENT_ADAPTERS.LLM.output!(fixture('anthropic-response.json'))).toEqual({
      responseId: 'msg_013Zva2CMHLNnXjNJJKqJ2EF',
      responseModel: 'claude-sonnet-4-5-20250929',
      outputMessages: [{ role: 'assistant', parts: [{ type: 'reasoning', content: 'The tool says 15 degrees.' }, { type: 'text', content: 'It is currently 15 degrees in San Francisco.' }], finish_reason: 'stop' }],
      finishReasons: ['stop'],
      usage: { inputTokens: 472 + 100 + 2048, outputTokens: 31, cacheReadInputTokens: 2048, cacheCreationInputTokens: 100 },
    });
  });

  it('stream events: text and tool_use input JSON aggregated, usage from message_delta', () => {
    expect(streamed('LLM', fixture('anthropic-stream.json'))).toEqual({
      responseId: 'msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY',
      responseModel: 'claude-sonnet-4-5-20250929',
      outputMessages: [{
        role: 'assistant',
        parts: [
          { type: 'text', content: 'Okay, let me check the weather.' },
          { type: 'tool_call', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather', arguments: { location: 'San Francisco, CA' } },
        ],
        finish_reason: 'tool_call',
      }],
      finishReasons: ['tool_call'],
      usage: { inputTokens: 472, outputTokens: 89 },
    });
  });
});

describe('DashScope / Qwen (OpenAI-compatible)', () => {
  it('request: provider from the model', () => {
    expect(CONTENT_ADAPTERS.LLM.input!([{ model: 'qwen-plus', messages: [{ role: 'user', content: '你是谁？' }], stream: true, stream_options: { include_usage: true } }])).toEqual({
      model: 'qwen-plus',
      provider: 'dashscope',
      stream: true,
      inputMessages: [{ role: 'user', parts: [{ type: 'text', content: '你是谁？' }] }],
    });
  });
  it('response with reasoning_content', () => {
    expect(CONTENT_ADAPTERS.LLM.output!(fixture('dashscope-chat-response.json'))).toEqual({
      responseId: 'chatcmpl-6ada9ed2-7f33-9de2-8bb0-78bd4035025a',
      responseModel: 'qwen-plus',
      outputMessages: [{ role: 'assistant', parts: [{ type: 'reasoning', content: '用户问我是谁。' }, { type: 'text', content: '我是通义千问，由阿里云开发的大语言模型。' }], finish_reason: 'stop' }],
      finishReasons: ['stop'],
      usage: { inputTokens: 22, outputTokens: 17, totalTokens: 39, cacheReadInputTokens: 0 },
    });
  });
  it('stream with include_usage', () => {
    expect(streamed('LLM', fixture('dashscope-chat-stream.json'))).toEqual({
      responseId: 'chatcmpl-e30f5ae7-3063-93c4-90fe-beb5f900bd57',
      responseModel: 'qwen-plus',
      outputMessages: [{ role: 'assistant', parts: [{ type: 'text', content: '我是通义千问' }], finish_reason: 'stop' }],
      finishReasons: ['stop'],
      usage: { inputTokens: 22, outputTokens: 17, totalTokens: 39, cacheReadInputTokens: 0 },
    });
  });
});

describe('other kinds', () => {
  it('RETRIEVER: arrays of {id, content|pageContent|text, score, metadata} become documents', () => {
    expect(CONTENT_ADAPTERS.RETRIEVER.input!(['what is otel?', 3])).toEqual({ query: 'what is otel?', topK: 3 });
    expect(CONTENT_ADAPTERS.RETRIEVER.output!(fixture('retriever-results.json'))).toEqual({
      documents: [
        { id: 'doc-17', score: 0.92, content: 'OpenTelemetry is an observability framework.', metadata: { source: 'otel.md', page: 1 } },
        { id: 'doc-4', score: 0.81, content: 'Spans form a trace.', metadata: { source: 'spans.md' } },
        { id: 99, score: 0.5, content: 'Baggage carries key-value pairs.' },
      ],
    });
    expect(CONTENT_ADAPTERS.RETRIEVER.output!([[{ pageContent: 'lc doc', metadata: { id: 'x1' } }, 0.7]])).toEqual({
      documents: [{ id: 'x1', score: 0.7, content: 'lc doc', metadata: { id: 'x1' } }],
    });
  });

  it('EMBEDDING: number[][] and the OpenAI embeddings response give the dimension count', () => {
    expect(CONTENT_ADAPTERS.EMBEDDING.output!([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])).toEqual({ dimensionCount: 3 });
    expect(CONTENT_ADAPTERS.EMBEDDING.output!(fixture('openai-embeddings-response.json'))).toEqual({
      dimensionCount: 4,
      responseModel: 'text-embedding-3-small',
      usage: { inputTokens: 8, totalTokens: 8 },
    });
    expect(CONTENT_ADAPTERS.EMBEDDING.input!([{ model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'float' }])).toEqual({
      model: 'text-embedding-3-small',
      provider: 'openai',
      inputs: ['a', 'b'],
      encodingFormats: ['float'],
    });
  });

  it('RERANKER: query and documents in, DashScope results out', () => {
    expect(CONTENT_ADAPTERS.RERANKER.input!(['best db', ['Postgres', 'MySQL'], 1])).toEqual({
      query: 'best db',
      topK: 1,
      inputDocuments: [{ id: '0', content: 'Postgres' }, { id: '1', content: 'MySQL' }],
    });
    expect(CONTENT_ADAPTERS.RERANKER.output!(fixture('dashscope-rerank-response.json'))).toEqual({
      outputDocuments: [
        { id: 0, score: 0.9334521178273196, content: '文本排序模型广泛用于搜索引擎和推荐系统中' },
        { id: 2, score: 0.3235, content: '量子计算是计算科学的一个前沿领域' },
      ],
    });
  });

  it('TOOL: arguments and result; an OpenAI tool call object gives name, call id and parsed arguments', () => {
    expect(CONTENT_ADAPTERS.TOOL.input!(['paris', 2])).toEqual({ arguments: ['paris', 2] });
    expect(CONTENT_ADAPTERS.TOOL.input!([{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }])).toEqual({
      callId: 'call_1',
      name: 'get_weather',
      arguments: { city: 'Paris' },
    });
    expect(CONTENT_ADAPTERS.TOOL.output!({ tempC: 18 })).toEqual({ result: { tempC: 18 } });
  });

  it('AGENT, ENTRY, CHAIN, TASK, STEP', () => {
    expect(CONTENT_ADAPTERS.AGENT.input!(['plan a trip'])).toEqual({ inputMessages: [{ role: 'user', content: 'plan a trip' }] });
    expect(CONTENT_ADAPTERS.ENTRY.output!('done')).toEqual({ outputMessages: [{ role: 'assistant', content: 'done', finish_reason: 'stop' }] });
    expect(CONTENT_ADAPTERS.CHAIN.input!(['a', 1])).toEqual({ input: ['a', 1] });
    expect(streamed('CHAIN', ['Hel', 'lo'])).toEqual({ output: 'Hello' });
    expect(CONTENT_ADAPTERS.TASK.output!({ ok: true })).toEqual({ output: { ok: true } });
    expect(CONTENT_ADAPTERS.STEP.input!([{ round: 3 }])).toEqual({ round: 3 });
  });

  it('shapes it does not recognise give no content, and never throw', () => {
    const weird = [null, undefined, 42, Symbol('s'), { choices: 'no' }, { type: 'message', content: null }, [[[]]]];
    for (const kind of Object.keys(CONTENT_ADAPTERS) as KindName[]) {
      for (const w of weird) {
        expect(() => CONTENT_ADAPTERS[kind].input?.([w])).not.toThrow();
        expect(() => CONTENT_ADAPTERS[kind].output?.(w)).not.toThrow();
      }
    }
    expect(CONTENT_ADAPTERS.LLM.output!({ unrelated: true })).toBeUndefined();
  });
});

describe('mergeContent', () => {
  it('user content wins field by field; nested usage and request merge; undefined never erases', () => {
    const adapter: ContentFor<'LLM'> = { model: 'gpt-4o', usage: { inputTokens: 3, outputTokens: 4 }, request: { temperature: 1 } };
    const user: ContentFor<'LLM'> = { model: 'my-model', usage: { outputTokens: 9 }, provider: undefined };
    expect(mergeContent('LLM', adapter, user)).toEqual({ model: 'my-model', usage: { inputTokens: 3, outputTokens: 9 }, request: { temperature: 1 } });
    expect(mergeContent('LLM', undefined, user)).toBe(user);
    expect(mergeContent('LLM', adapter, undefined)).toBe(adapter);
  });
});

describe('capture off', () => {
  // The writer drops messages when capture is off, so the adapter must not spend time building
  // them; everything structural (model, provider, parameters, tools, usage, ids, finish reasons)
  // is the same as with capture on.
  const cases: [string, string][] = [
    ['openai-chat-request.json', 'openai-chat-response.json'],
    ['anthropic-request.json', 'anthropic-response.json'],
  ];
  it.each(cases)('%s / %s: no messages built, the structure unchanged', (request, response) => {
    const adapter = CONTENT_ADAPTERS.LLM;
    const strip = (c: ContentFor<'LLM'> | undefined) => {
      const { inputMessages: _i, outputMessages: _o, systemInstructions: _s, ...rest } = c ?? {};
      return rest;
    };
    const inOff = adapter.input!([fixture(request)], false);
    const outOff = adapter.output!(fixture(response), false);
    expect(inOff?.inputMessages).toBeUndefined();
    expect(inOff?.systemInstructions).toBeUndefined();
    expect(outOff?.outputMessages).toBeUndefined();
    expect(strip(inOff)).toEqual(strip(adapter.input!([fixture(request)], true)));
    expect(strip(outOff)).toEqual(strip(adapter.output!(fixture(response), true)));
    expect(outOff?.finishReasons?.length).toBeGreaterThan(0);
  });
});
