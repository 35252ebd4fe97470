/**
 * `withLLM` reads the results and messages of the AI SDK (5 and 7) and LangChain, from shapes
 * recorded from the real libraries by integration/frameworks/scripts/dump-spans.mjs.
 */
import { resetConfig } from '../../src/config';
import { withLLM } from '../../src';
import { CONTENT_ADAPTERS } from '../../src/extend';
import { frameworkFixture } from './framework-shape';
import { setupTracing, type TestTracing } from './tracing';

let t: TestTracing;
beforeEach(() => {
  resetConfig();
  t = setupTracing();
});
afterEach(async () => {
  await t.teardown();
});

const parse = (v: unknown) => JSON.parse(String(v)) as unknown;

describe('AI SDK generateText result', () => {
  it('AI SDK 7: answer, finish reason, response id and model, usage of all steps', () => {
    expect(CONTENT_ADAPTERS.LLM.output!(frameworkFixture('ai7-generate-text-result.json'))).toEqual({
      responseId: 'chatcmpl-fake-2',
      responseModel: 'gpt-4o',
      outputMessages: [
        {
          role: 'assistant',
          parts: [
            { type: 'text', content: 'Here is what I found: Paris, 18.' },
          ],
          finish_reason: 'stop',
        },
      ],
      finishReasons: ['stop'],
      usage: { inputTokens: 13, outputTokens: 9, totalTokens: 22, cacheReadInputTokens: 0, reasoningOutputTokens: 0 },
    });
  });

  it('AI SDK 5: totalUsage over the two steps, not the last step only', () => {
    const c = CONTENT_ADAPTERS.LLM.output!(frameworkFixture('ai5-generate-text-result.json'));
    expect(c).toMatchObject({ responseId: 'chatcmpl-fake-2', responseModel: 'gpt-4o', finishReasons: ['stop'], usage: { inputTokens: 13, outputTokens: 9, totalTokens: 22 } });
  });

  it('the call options: model object, system, prompt and messages, parameters, tools', () => {
    const model = { specificationVersion: 'v2', provider: 'openai.chat', modelId: 'gpt-4o', doGenerate: () => undefined };
    const c = CONTENT_ADAPTERS.LLM.input!([
      {
        model,
        system: 'Be terse.',
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Paris' } }] },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'get_weather', output: { type: 'json', value: { tempC: 18 } } }] },
        ],
        temperature: 0.2,
        maxOutputTokens: 64,
        tools: { get_weather: { description: 'Weather by city', inputSchema: {} } },
      },
    ]);
    expect(c).toEqual({
      model: 'gpt-4o',
      provider: 'openai',
      systemInstructions: 'Be terse.',
      inputMessages: [
        { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
        { role: 'assistant', parts: [{ type: 'tool_call', id: 'c1', name: 'get_weather', arguments: { city: 'Paris' } }] },
        { role: 'tool', parts: [{ type: 'tool_call_response', id: 'c1', response: { tempC: 18 } }] },
      ],
      request: { temperature: 0.2, maxTokens: 64 },
      toolDefinitions: [{ type: 'function', name: 'get_weather', description: 'Weather by city' }],
    });
  });
});

/** A streamText result as AI SDK 7 returns it: stream accessors, promises for the final values. */
function streamTextResult(final: Record<string, unknown>, release: Promise<void>) {
  const later = <T>(v: T) => release.then(() => v);
  const result = {
    text: later(final.text),
    usage: later(final.usage),
    totalUsage: later(final.usage),
    finishReason: later(final.finishReason),
    response: later(final.response ?? { id: 'chatcmpl-fake-3', modelId: 'gpt-4o' }),
  };
  for (const key of ['textStream', 'fullStream', 'toTextStreamResponse']) {
    Object.defineProperty(result, key, {
      enumerable: false,
      get: () => {
        throw new Error(`${key} must not be touched by the tracer`);
      },
    });
  }
  return result;
}

describe.each([
  ['AI SDK 7', 'ai7-stream-text-final.json'],
  ['AI SDK 5', 'ai5-stream-text-final.json'],
])('%s streamText result', (_title, file) => {
  it('comes back as the same object at once; the span lasts until its promises settle', async () => {
    let open!: () => void;
    const release = new Promise<void>((r) => (open = r));
    const result = streamTextResult(frameworkFixture(file), release);
    const call = withLLM({ model: 'gpt-4o', provider: 'openai' }, () => result);
    expect(call()).toBe(result);
    await new Promise((r) => setTimeout(r, 20));
    expect(t.spans()).toHaveLength(0);
    open();
    await result.text;
    await new Promise((r) => setTimeout(r, 0));
    const [span] = t.spans();
    expect(span!.attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 2, 'gen_ai.usage.output_tokens': 4, 'gen_ai.response.finish_reasons': ['stop'], 'gen_ai.response.id': 'chatcmpl-fake-3' });
    expect(parse(span!.attributes['gen_ai.output.messages'])).toEqual([{ role: 'assistant', parts: [{ type: 'text', content: 'You asked: Say hello' }], finish_reason: 'stop' }]);
  });
});

it('a streamText result whose stream fails ends the span with the error, and the app still sees it', async () => {
  const boom = new Error('stream broke');
  const failing = Promise.reject(boom);
  failing.catch(() => undefined);
  const result = { text: failing, usage: failing, finishReason: failing, textStream: {}, fullStream: {} };
  const call = withLLM({ model: 'gpt-4o', provider: 'openai' }, () => result);
  expect(call()).toBe(result);
  await expect(result.text).rejects.toBe(boom);
  await new Promise((r) => setTimeout(r, 0));
  expect(t.spans()[0]!.status).toMatchObject({ code: 2, message: 'stream broke' });
});

describe('LangChain', () => {
  it('input: SystemMessage and HumanMessage instances become input messages (they were dropped)', async () => {
    const input = frameworkFixture<unknown[]>('langchain-input-messages.json');
    const invoke = withLLM({ model: 'gpt-4o', provider: 'openai' }, async (_messages: unknown[]) => frameworkFixture('langchain-ai-message-tool-calls.json'));
    await invoke(input);
    const a = t.spans()[0]!.attributes;
    expect(parse(a['gen_ai.input.messages'])).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'You are terse.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'What is the weather in Paris?' }] },
    ]);
    expect(a).toMatchObject({ 'gen_ai.usage.input_tokens': 9, 'gen_ai.usage.output_tokens': 2, 'gen_ai.usage.total_tokens': 11, 'gen_ai.response.model': 'gpt-4o', 'gen_ai.response.id': 'chatcmpl-fake-1', 'gen_ai.response.finish_reasons': ['tool_call'] });
    expect(parse(a['gen_ai.output.messages'])).toEqual([{ role: 'assistant', parts: [{ type: 'tool_call', id: 'call_1_get_weather', name: 'get_weather', arguments: { city: 'Paris' } }], finish_reason: 'tool_call' }]);
  });

  it.each([
    ['AIMessage', 'langchain-ai-message.json', 'chatcmpl-fake-2'],
    ['AIMessageChunk from concat()', 'langchain-ai-message-chunk.json', 'chatcmpl-fake-3'],
  ])('output: %s text, usage, model', (_title, file, id) => {
    expect(CONTENT_ADAPTERS.LLM.output!(frameworkFixture(file))).toMatchObject({
      responseId: id,
      responseModel: 'gpt-4o',
      outputMessages: [{ role: 'assistant', parts: [{ type: 'text', content: 'You asked: Say hello' }], finish_reason: 'stop' }],
      usage: { inputTokens: 2, outputTokens: 4, totalTokens: 6 },
    });
  });

  it('a ToolMessage answers its tool call', () => {
    const tool = { lc_namespace: ['langchain_core', 'messages'], type: 'tool', content: '{"tempC":18}', tool_call_id: 'call_1' };
    expect(CONTENT_ADAPTERS.LLM.input!([[tool]])).toEqual({ inputMessages: [{ role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: '{"tempC":18}' }] }] });
  });
});
