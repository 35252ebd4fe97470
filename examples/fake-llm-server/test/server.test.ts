import OpenAI from 'openai';
import { startFakeLlmServer, type FakeLlmServer } from '../src';

describe('fake LLM server through the real openai client', () => {
  let server: FakeLlmServer;
  let client: OpenAI;
  beforeAll(async () => {
    server = await startFakeLlmServer();
    client = new OpenAI({ baseURL: server.url, apiKey: 'fake', maxRetries: 0 });
  });
  afterAll(() => server.close());

  it('binds 127.0.0.1', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('answers a chat completion with usage, deterministically', async () => {
    const params = {
      model: 'qwen-plus',
      messages: [
        { role: 'system' as const, content: 'Context:\n[1] Spans end exactly once.\n[2] Other.' },
        { role: 'user' as const, content: 'When do spans end?' },
      ],
    };
    const a = await client.chat.completions.create(params);
    const b = await client.chat.completions.create(params);
    expect(a.choices[0]!.message.content).toBe('According to the documentation: Spans end exactly once.');
    expect(b.choices[0]!.message.content).toBe(a.choices[0]!.message.content);
    expect(a.model).toBe('qwen-plus');
    expect(a.usage).toEqual({ prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 });
  });

  it('streams SSE chunks with a final usage chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'qwen-plus',
      messages: [{ role: 'user', content: 'say hello' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('You asked: say hello');
    expect(chunks).toBeGreaterThan(3);
    expect(usage).toEqual({ prompt_tokens: 2, completion_tokens: 4, total_tokens: 6 });
  });

  it('answers the Responses API, plain and streamed with the real event sequence', async () => {
    const plain = await client.responses.create({ model: 'qwen-plus', input: 'say hello' });
    expect(plain.output_text).toBe('You asked: say hello');
    expect(plain.usage).toMatchObject({ input_tokens: 2, output_tokens: 4, total_tokens: 6 });
    const stream = await client.responses.create({ model: 'qwen-plus', input: [{ role: 'user', content: 'say hello' }], stream: true });
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    expect(text).toBe('You asked: say hello');
    expect(types.slice(0, 4)).toEqual(['response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added']);
    expect(types.slice(-4)).toEqual(['response.output_text.done', 'response.content_part.done', 'response.output_item.done', 'response.completed']);
    const final = await client.responses.stream({ model: 'qwen-plus', input: 'say hello' }).finalResponse();
    expect(final.output_text).toBe('You asked: say hello');
    expect(final.usage?.output_tokens).toBe(4);
  });

  it('calls a tool through the Responses API, then answers from its output', async () => {
    const tools = [{ type: 'function' as const, name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false }];
    const first = await client.responses.create({ model: 'qwen-plus', input: 'What is the weather in Paris?', tools });
    const call = first.output.find((o) => o.type === 'function_call');
    expect(call).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}' });
    const second = await client.responses.create({
      model: 'qwen-plus',
      tools,
      input: [
        { role: 'user', content: 'What is the weather in Paris?' },
        call as OpenAI.Responses.ResponseFunctionToolCall,
        { type: 'function_call_output', call_id: (call as OpenAI.Responses.ResponseFunctionToolCall).call_id, output: '{"sky":"sunny"}' },
      ],
    });
    expect(second.output_text).toBe('Here is what I found: sunny.');
  });

  it('calls one needed tool per round, then answers from the results', async () => {
    const tools: OpenAI.ChatCompletionTool[] = ['get_weather', 'calculator'].map((name) => ({
      type: 'function',
      function: { name, parameters: { type: 'object' } },
    }));
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'What is the weather in Hangzhou and what is 23 * 7 + 4?' },
    ];
    const first = await client.chat.completions.create({ model: 'm', messages, tools });
    const call1 = first.choices[0]!.message.tool_calls![0]!;
    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    expect(call1.type === 'function' && call1.function).toEqual({ name: 'get_weather', arguments: '{"city":"Hangzhou"}' });
    messages.push(first.choices[0]!.message, { role: 'tool', tool_call_id: call1.id, content: 'sunny, 21°C' });

    const stream = await client.chat.completions.create({ model: 'm', messages, tools, stream: true });
    let args = '';
    let name = '';
    for await (const chunk of stream) {
      const call = chunk.choices[0]?.delta.tool_calls?.[0];
      name += call?.function?.name ?? '';
      args += call?.function?.arguments ?? '';
    }
    expect(name).toBe('calculator');
    expect(args).toBe('{"expression":"23 * 7 + 4"}');
    messages.push(
      { role: 'assistant', tool_calls: [{ id: 'c2', type: 'function', function: { name, arguments: args } }] },
      { role: 'tool', tool_call_id: 'c2', content: '165' },
    );
    const last = await client.chat.completions.create({ model: 'm', messages, tools });
    expect(last.choices[0]!.message.content).toBe('Here is what I found: sunny, 21°C; 165.');
  });

  it('returns embeddings as floats and as base64 (the client default)', async () => {
    const floats = await client.embeddings.create({ model: 'e', input: ['alpha beta', 'alpha beta'], encoding_format: 'float' });
    const decoded = await client.embeddings.create({ model: 'e', input: 'alpha beta' });
    expect(floats.data).toHaveLength(2);
    expect(floats.data[0]!.embedding).toHaveLength(64);
    expect(decoded.data[0]!.embedding.map((v) => v.toFixed(5))).toEqual(floats.data[0]!.embedding.map((v) => v.toFixed(5)));
    expect(floats.usage).toEqual({ prompt_tokens: 4, total_tokens: 4 });
  });

  it('rejects unknown routes with a 404 the client surfaces', async () => {
    await expect(client.post('/nope', { body: {} })).rejects.toMatchObject({ status: 404 });
  });
});
