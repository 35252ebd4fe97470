/**
 * Provider content is built once, in the shape the writer serializes: the writer takes extracted
 * messages as they are (no second normalisation) and every attribute value stays what the shape
 * calls for. Payloads follow the real `openai` and `@anthropic-ai/sdk` response objects.
 */
import { getConfig, resetConfig } from '../../src/config';
import { CONTENT_ADAPTERS, contentAttributes } from '../../src/content';
import type { ContentFor, MessageInput, OutputMessageInput } from '../../src/content';
import { toChatMessages, toOutputMessages } from '../../src/content/normalize';

beforeEach(() => resetConfig());
afterAll(() => resetConfig());

function llmAttributes(request: unknown, response: unknown): Record<string, unknown> {
  const input = CONTENT_ADAPTERS.LLM.input!([request], true) as ContentFor<'LLM'>;
  const output = CONTENT_ADAPTERS.LLM.output!(response) as ContentFor<'LLM'>;
  return { ...contentAttributes('LLM', input, getConfig()), ...contentAttributes('LLM', output, getConfig()) };
}

describe('OpenAI chat completion → attributes', () => {
  const request = {
    model: 'gpt-4o-mini',
    n: 2,
    messages: [
      { role: 'developer', content: 'Be brief.' },
      { role: 'user', name: 'ann', content: [{ type: 'text', text: 'Weather?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: '18C' }] },
    ],
  };
  const response = {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1735113344,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [
      { index: 0, message: { role: 'assistant', content: 'Sunny.', refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' },
      { index: 1, message: { role: 'assistant', content: null, refusal: 'I cannot help.', tool_calls: [{ id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"' } }] }, logprobs: null, finish_reason: 'tool_calls' },
    ],
    usage: { prompt_tokens: 30, completion_tokens: 9, total_tokens: 39, prompt_tokens_details: { cached_tokens: 16, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 4 } },
    system_fingerprint: 'fp_1',
  };

  it('tool calls, content-part arrays, a tool result, multiple choices and usage details', () => {
    const a = llmAttributes(request, response);
    expect(JSON.parse(a['gen_ai.input.messages'] as string)).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'Be brief.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'Weather?' }, { type: 'blob', modality: 'image', mime_type: 'image/png', content: 'AAAA' }], name: 'ann' },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_1', name: 'weather', arguments: { city: 'Paris' } }] },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: [{ type: 'text', content: '18C' }] }] },
    ]);
    // Key order is part of the value: role, parts, name, finish_reason.
    expect(a['gen_ai.output.messages']).toBe(
      '[{"role":"assistant","parts":[{"type":"text","content":"Sunny."}],"finish_reason":"stop"},' +
        '{"role":"assistant","parts":[{"type":"tool_call","id":"call_2","name":"weather","arguments":"{\\"city\\":\\"Rome\\""}],"finish_reason":"tool_call"}]',
    );
    expect(a).toMatchObject({
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.choice.count': 2,
      'gen_ai.response.id': 'chatcmpl-1',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.response.finish_reasons': ['stop', 'tool_call'],
      'gen_ai.usage.input_tokens': 30,
      'gen_ai.usage.output_tokens': 9,
      'gen_ai.usage.total_tokens': 39,
      'gen_ai.usage.cache_read.input_tokens': 16,
      'gen_ai.usage.reasoning.output_tokens': 4,
    });
  });

  it('missing fields: no id, usage, finish reason or message; a refusal content part', () => {
    const a = llmAttributes(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
      { object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: [{ type: 'refusal', refusal: 'No.' }] } }, { index: 1 }] },
    );
    expect(a['gen_ai.output.messages']).toBe('[{"role":"assistant","parts":[{"type":"text","content":"No."}],"finish_reason":"stop"}]');
    expect(a['gen_ai.response.finish_reasons']).toEqual(['stop', 'stop']);
    for (const key of ['gen_ai.response.id', 'gen_ai.response.model', 'gen_ai.usage.input_tokens', 'gen_ai.usage.total_tokens', 'gen_ai.request.temperature']) expect(a).not.toHaveProperty(key);
  });

  it('content carries no request or usage object when the payload has none', () => {
    const input = CONTENT_ADAPTERS.LLM.input!([{ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }], true) as ContentFor<'LLM'>;
    const output = CONTENT_ADAPTERS.LLM.output!({ object: 'chat.completion', choices: [] }) as ContentFor<'LLM'>;
    expect(input.request).toBeUndefined();
    expect(output.usage).toBeUndefined();
  });
});

describe('Anthropic message → attributes', () => {
  it('text, thinking and tool_use blocks, cache tokens, a system prompt', () => {
    const a = llmAttributes(
      { model: 'claude-sonnet-4-5', max_tokens: 512, system: [{ type: 'text', text: 'Be brief.' }], messages: [{ role: 'user', content: 'Weather?' }] },
      {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5-20250929',
        content: [
          { type: 'thinking', thinking: 'Use the tool.', signature: 'sig' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
        ],
        stop_reason: 'tool_use',
        stop_sequence: null,
        usage: { input_tokens: 10, cache_read_input_tokens: 100, cache_creation_input_tokens: 5, output_tokens: 7 },
      },
    );
    expect(a['gen_ai.system_instructions']).toBe('[{"type":"text","content":"Be brief."}]');
    expect(a['gen_ai.output.messages']).toBe(
      '[{"role":"assistant","parts":[{"type":"reasoning","content":"Use the tool."},{"type":"text","content":"Checking."},' +
        '{"type":"tool_call","id":"toolu_1","name":"weather","arguments":{"city":"Paris"}}],"finish_reason":"tool_call"}]',
    );
    expect(a).toMatchObject({
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.max_tokens': 512,
      'gen_ai.response.finish_reasons': ['tool_call'],
      'gen_ai.usage.input_tokens': 115,
      'gen_ai.usage.output_tokens': 7,
      'gen_ai.usage.cache_read.input_tokens': 100,
      'gen_ai.usage.cache_creation.input_tokens': 5,
    });
  });

  it('missing stop reason and usage', () => {
    const a = llmAttributes({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] }, { type: 'message', content: [{ type: 'text', text: 'Hello.' }] });
    expect(a['gen_ai.output.messages']).toBe('[{"role":"assistant","parts":[{"type":"text","content":"Hello."}],"finish_reason":"stop"}]');
    expect(a).not.toHaveProperty('gen_ai.usage.input_tokens');
    expect(a).not.toHaveProperty('gen_ai.request.max_tokens');
  });
});

describe('message lists the writer serializes', () => {
  it('extracted messages are taken as they are, not copied', () => {
    const input = CONTENT_ADAPTERS.LLM.input!([{ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }], true)!;
    const output = CONTENT_ADAPTERS.LLM.output!({ object: 'chat.completion', choices: [{ message: { role: 'assistant', content: 'yo' }, finish_reason: 'stop' }] })!;
    expect(toChatMessages(input.inputMessages!)).toBe(input.inputMessages);
    expect(toOutputMessages(output.outputMessages!)).toBe(output.outputMessages);
  });

  it('shorthand messages, a missing finish reason and class instances are still converted', () => {
    const shorthand: MessageInput[] = [{ role: 'user', content: 'hi' }];
    expect(toChatMessages(shorthand)).toEqual([{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }]);
    const noFinish: OutputMessageInput[] = [{ role: 'assistant', parts: [] }];
    expect(toOutputMessages(noFinish)).toEqual([{ role: 'assistant', parts: [], finish_reason: 'stop' }]);
    class Message {
      role = 'assistant';
      parts = [];
      finish_reason = 'stop';
      toJSON(): unknown {
        return 'custom';
      }
    }
    const instances = [new Message()];
    const converted = toOutputMessages(instances);
    expect(converted).not.toBe(instances);
    expect(Object.getPrototypeOf(converted[0])).toBe(Object.prototype);
  });
});
