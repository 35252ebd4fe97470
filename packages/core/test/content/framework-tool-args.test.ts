/**
 * A tool function called by a framework records the arguments the tool declares and the
 * framework's call id, from argument lists recorded from the real AI SDK 5 and 7, LangChain and
 * OpenAI Agents (integration/frameworks/scripts/capture-tool-args.mjs).
 */
import { resetConfig } from '../../src/config';
import { configure, withTool } from '../../src';
import { frameworkToolCall } from '../../src/extend';
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

const weather = async (input: { city: string }, ..._rest: unknown[]) => ({ city: input.city, tempC: 18 });

const cases: [string, string, string | undefined][] = [
  ['AI SDK 7 execute(input, { toolCallId, messages, abortSignal })', 'ai-sdk-7-tool-args.json', 'call_1_get_weather'],
  ['AI SDK 5 execute(input, { toolCallId, messages, abortSignal })', 'ai-sdk-5-tool-args.json', 'call_3_get_weather'],
  ['LangChain tool() func(input, config) called with a ToolCall', 'langchain-tool-args.json', 'call_5_get_weather'],
  ['LangChain tool() func(input, config) called with its input', 'langchain-direct-tool-args.json', undefined],
  ['OpenAI Agents execute(input, runContext, details)', 'openai-agents-tool-args.json', 'call_6_get_weather'],
];

describe.each(cases)('%s', (_title, file, callId) => {
  it('records the declared input and the call id, never the framework context', async () => {
    const args = frameworkFixture<unknown[]>(file);
    const tool = withTool({ name: 'get_weather' }, weather);
    await tool(...(args as [{ city: string }]));
    const attrs = t.spans()[0]!.attributes;
    expect(JSON.parse(String(attrs['gen_ai.tool.call.arguments']))).toEqual({ city: 'Paris' });
    expect(attrs['gen_ai.tool.call.id']).toBe(callId);
    const exported = JSON.stringify(attrs);
    for (const leak of ['messages', 'ada@example.com', 'recursionLimit', 'toolCallId', 'usage']) expect(exported).not.toContain(leak);
  });

  it('keeps the call id with content capture off', async () => {
    configure({ captureContent: false });
    const tool = withTool({ name: 'get_weather' }, weather);
    await tool(...(frameworkFixture<unknown[]>(file) as [{ city: string }]));
    const attrs = t.spans()[0]!.attributes;
    expect(attrs['gen_ai.tool.call.arguments']).toBeUndefined();
    expect(attrs['gen_ai.tool.call.id']).toBe(callId);
  });
});

it("recognises a FunctionTool's invoke(runContext, input, details) order, parsing the JSON input", () => {
  const [input, runContext, details] = frameworkFixture<unknown[]>('openai-agents-tool-args.json');
  void input;
  expect(frameworkToolCall([runContext, '{"city":"Paris"}', details])).toEqual({ input: { city: 'Paris' }, callId: 'call_6_get_weather', name: 'get_weather' });
});

describe("a user's own second argument is kept", () => {
  const userCalls: [string, unknown[]][] = [
    ['an options object with a messages list but no toolCallId', ['q', { messages: [], limit: 3 }]],
    ['an object with a toolCallId but no messages', ['q', { toolCallId: 'mine' }]],
    ['a config with tags and metadata but no recursionLimit', ['q', { tags: [], metadata: {} }]],
    ['a toolCall that is not of LangChain type tool_call', ['q', { toolCall: { id: 'x', name: 'y' } }]],
    ['an object with a context field but no usage counter', ['q', { context: {}, usage: {} }]],
    ['three plain arguments', ['a', 'b', 'c']],
    ['four arguments', ['a', { toolCallId: 'x', messages: [] }, 'c', 'd']],
  ];
  it.each(userCalls)('%s', async (_title, args) => {
    expect(frameworkToolCall(args)).toBeUndefined();
    const tool = withTool({ name: 'mine' }, (..._a: unknown[]) => 'ok');
    tool(...args);
    expect(JSON.parse(String(t.spans()[0]!.attributes['gen_ai.tool.call.arguments']))).toEqual(args);
  });
});

it('mapInput overrides the detection', async () => {
  const args = frameworkFixture<unknown[]>('ai-sdk-7-tool-args.json');
  const tool = withTool({ name: 'get_weather', mapInput: ([input, options]: [{ city: string }, ...unknown[]]) => ({ arguments: { input, options: typeof options } }) }, weather);
  await tool(...(args as [{ city: string }]));
  expect(JSON.parse(String(t.spans()[0]!.attributes['gen_ai.tool.call.arguments']))).toEqual({ input: { city: 'Paris' }, options: 'object' });
});

describe('arguments and results are always JSON', () => {
  it.each([
    ['a string argument and a string result', ['A-1001'], 'Paris', '"A-1001"', '"Paris"'],
    ['a number-like string', ['42'], '42', '"42"', '"42"'],
    ['a string holding a JSON object stays as it is', ['{"id":"A-1001"}'], '{"ok":true}', '{"id":"A-1001"}', '{"ok":true}'],
    ['a string with quotes and newlines', ['say "hi"\n'], 'a\\b', JSON.stringify('say "hi"\n'), JSON.stringify('a\\b')],
  ])('%s', (_title, args, result, wantArgs, wantResult) => {
    const tool = withTool(function lookupOrder(..._a: unknown[]) {
      return result;
    });
    tool(...args);
    const attrs = t.spans()[0]!.attributes;
    expect(attrs['gen_ai.tool.call.arguments']).toBe(wantArgs);
    expect(attrs['gen_ai.tool.call.result']).toBe(wantResult);
  });

  it('a huge string is cut before it is quoted and still parses', () => {
    configure({ maxAttributeLength: 100 });
    const tool = withTool(function echo(s: string) {
      return s;
    });
    tool('"\\'.repeat(1_000_000));
    const attrs = t.spans()[0]!.attributes;
    for (const key of ['gen_ai.tool.call.arguments', 'gen_ai.tool.call.result']) {
      const v = String(attrs[key]);
      expect(v.length).toBeLessThanOrEqual(100);
      expect(typeof JSON.parse(v)).toBe('string');
    }
  });
});
