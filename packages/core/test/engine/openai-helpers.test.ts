/**
 * OpenAI's helper objects, through the real `openai` client against the local fake server: the
 * span stays open until the helper ends, however the app reads it, with usage and output.
 */
import OpenAI from 'openai';
import { SpanStatusCode } from '@opentelemetry/api';
import { withLLM, withTool } from '../../src';
import { startFakeLlmServer, type FakeLlmServer } from '../../../../examples/fake-llm-server/src';
import { tick, useTracing } from './harness';

jest.setTimeout(30_000);

let server: FakeLlmServer;
let client: OpenAI;
beforeAll(async () => {
  server = await startFakeLlmServer();
  client = new OpenAI({ baseURL: server.url, apiKey: 'fake', maxRetries: 0 });
});
afterAll(() => server.close());

const messages = [{ role: 'user' as const, content: 'Say something short' }];
const settle = async () => {
  for (let i = 0; i < 5; i++) await tick();
};

describe('OpenAI helpers keep their span until they end', () => {
  const h = useTracing();

  const expectAnswered = (name: string) => {
    const s = h.span(name);
    expect(s.attributes['llm_trace.stream.abandoned']).toBeUndefined();
    expect(s.attributes['gen_ai.usage.output_tokens']).toEqual(expect.any(Number));
    expect(String(s.attributes['gen_ai.output.messages'])).toContain('assistant');
    expect(typeof s.attributes['gen_ai.response.time_to_first_token']).toBe('number');
    return s;
  };

  it('chat.completions.stream() read through its events and finalChatCompletion()', async () => {
    const start = withLLM({ model: 'events' }, () => client.chat.completions.stream({ model: 'events', messages, stream_options: { include_usage: true } }));
    const stream = start();
    const deltas: string[] = [];
    stream.on('content', (delta) => deltas.push(delta));
    const final = await stream.finalChatCompletion();
    await settle();
    expect(deltas.join('')).toBe(final.choices[0]!.message.content);
    expectAnswered('chat events');
  });

  it('chat.completions.stream() awaited with done() only', async () => {
    const stream = withLLM({ model: 'done' }, () => client.chat.completions.stream({ model: 'done', messages, stream_options: { include_usage: true } }))();
    await stream.done();
    await settle();
    expectAnswered('chat done');
  });

  it('runTools(): the runner span covers its tool calls and model rounds, with the total usage', async () => {
    const getWeather = withTool({ name: 'get_weather' }, async (args: { city: string }) => ({ city: args.city, sky: 'light rain' }));
    const run = withLLM({ model: 'runner' }, () =>
      client.chat.completions.runTools({
        model: 'runner',
        messages: [{ role: 'user', content: 'What is the weather in Hangzhou?' }],
        tools: [
          {
            type: 'function',
            function: { name: 'get_weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } } }, function: getWeather, parse: JSON.parse },
          },
        ],
      }),
    );
    const runner = run();
    const content = await runner.finalContent();
    await settle();
    expect(content).toEqual(expect.any(String));
    const agent = h.span('chat runner');
    const tool = h.span('execute_tool get_weather');
    expect(tool.parentSpanContext?.spanId).toBe(agent.spanContext().spanId);
    const [agentEnd, toolEnd] = [agent.endTime, tool.endTime].map(([s, ns]) => s * 1e9 + ns);
    expect(agentEnd).toBeGreaterThanOrEqual(toolEnd!);
    const total = await runner.totalUsage();
    expect(agent.attributes['gen_ai.usage.input_tokens']).toBe(total.prompt_tokens);
    expect(agent.attributes['gen_ai.usage.output_tokens']).toBe(total.completion_tokens);
    expect(String(agent.attributes['gen_ai.output.messages'])).toContain(content);
  });

  it('a streamed create() reached through withResponse() keeps its span until the stream ends', async () => {
    const call = withLLM({ model: 'with-response' }, () => client.chat.completions.create({ model: 'with-response', messages, stream: true, stream_options: { include_usage: true } }));
    const { data, response } = await call().withResponse();
    expect(response.status).toBe(200);
    await settle();
    expect(h.spans()).toHaveLength(0);
    for await (const _ of data) void _;
    await settle();
    expectAnswered('chat with-response');
  });

  it('Stream.tee(): both branches read, the span ends once with the output', async () => {
    const stream = await withLLM({ model: 'tee' }, () => client.chat.completions.create({ model: 'tee', messages, stream: true, stream_options: { include_usage: true } }))();
    const [left, right] = stream.tee();
    const read = async (s: AsyncIterable<unknown>) => {
      let n = 0;
      for await (const _ of s) n++;
      return n;
    };
    const [a, b] = await Promise.all([read(left), read(right)]);
    expect(a).toBe(b);
    await settle();
    expectAnswered('chat tee');
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  describe('the Responses API', () => {
    const input = 'Say something short';
    const expectResponse = (name: string, streamed = true) => {
      const s = h.span(name);
      expect(s.attributes['llm_trace.stream.abandoned']).toBeUndefined();
      expect(typeof s.attributes['gen_ai.response.time_to_first_token']).toBe(streamed ? 'number' : 'undefined');
      expect(s.attributes['gen_ai.usage.input_tokens']).toBe(3);
      expect(s.attributes['gen_ai.usage.output_tokens']).toBe(5);
      expect(String(s.attributes['gen_ai.output.messages'])).toContain('You asked: Say something short');
      expect(s.attributes['gen_ai.response.id']).toEqual(expect.stringMatching(/^resp_fake_/));
      expect(h.counter.allEndedOnce()).toBe(true);
      expect(h.spans()).toHaveLength(1);
      return s;
    };

    it('responses.create({ stream: true }) read by iteration', async () => {
      const stream = await withLLM({ model: 'resp-create' }, () => client.responses.create({ model: 'resp-create', input, stream: true }))();
      let text = '';
      for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
      await settle();
      expect(text).toBe('You asked: Say something short');
      expectResponse('chat resp-create');
    });

    it('responses.stream() read by iteration', async () => {
      const stream = withLLM({ model: 'resp-iter' }, () => client.responses.stream({ model: 'resp-iter', input }))();
      const types: string[] = [];
      for await (const event of stream) types.push(event.type);
      await settle();
      expect(types.at(-1)).toBe('response.completed');
      expectResponse('chat resp-iter');
    });

    it("responses.stream() read through .on('event')", async () => {
      const stream = withLLM({ model: 'resp-events' }, () => client.responses.stream({ model: 'resp-events', input }))();
      const types: string[] = [];
      stream.on('event', (event) => types.push(event.type));
      await new Promise<void>((resolve) => stream.on('end', () => resolve()));
      await settle();
      expect(types).toContain('response.output_text.delta');
      expectResponse('chat resp-events');
    });

    it('responses.stream() read through finalResponse()', async () => {
      const stream = withLLM({ model: 'resp-final' }, () => client.responses.stream({ model: 'resp-final', input }))();
      const final = await stream.finalResponse();
      await settle();
      expect(final.output_text).toBe('You asked: Say something short');
      expectResponse('chat resp-final');
    });

    it('responses.create() without streaming', async () => {
      const response = await withLLM({ model: 'resp-plain' }, () => client.responses.create({ model: 'resp-plain', input }))();
      await settle();
      expect(response.output_text).toBe('You asked: Say something short');
      expectResponse('chat resp-plain', false);
    });
  });

  it('a helper stream that fails records the error (read through done())', async () => {
    const closed = new OpenAI({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 'fake', maxRetries: 0 });
    const stream = withLLM({ model: 'failing' }, () => closed.chat.completions.stream({ model: 'failing', messages }))();
    await expect(stream.done()).rejects.toThrow();
    await settle();
    expect(h.span('chat failing').status.code).toBe(SpanStatusCode.ERROR);
  });
});
