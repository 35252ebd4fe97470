/**
 * Bad options fail loudly where they are given (a `TypeError` naming the option); bad handle
 * calls never throw into the app and write nothing; the per-span content choice holds for every
 * handle write; span names built from options are redacted.
 */
import { configure } from '../../src/config';
import { currentLlmSpan } from '../../src/content/current-span';
import { traceLlmSpan, withChain, withLLM, withLlmSpan, withTool } from '../../src/engine/wrap';
import { useTracing } from '../engine/harness';
import { exportedJson } from './support';

const SECRET = 'TOP-SECRET-CONTENT-7';

describe('configure() options are type-checked', () => {
  it.each([
    [{ captureContent: 'false' }, /"captureContent" must be a boolean, got the string "false"/],
    [{ redaction: { patterns: ['str'] } }, /"redaction\.patterns" must be an array of RegExps/],
    [{ redaction: { keys: [42] } }, /"redaction\.keys"/],
    [{ redaction: { hook: 'x' } }, /"redaction\.hook" must be a function/],
    [{ redaction: { replacement: 1 } }, /"redaction\.replacement" must be a string/],
    [{ redaction: { defaults: 'no' } }, /"redaction\.defaults" must be a boolean/],
    [{ redaction: { pattern: [/x/] } }, /unknown option "redaction\.pattern"/],
    [{ redaction: null }, /"redaction" must be an object/],
    [{ maxAttributeLength: 0 }, /"maxAttributeLength" must be a positive integer/],
    [{ maxAttributeLength: 1.5 }, /"maxAttributeLength"/],
    [{ maxAttributeLength: '100' }, /"maxAttributeLength"/],
    [{ dialects: 'openinference' }, /"dialects"/],
  ])('%j is a TypeError naming the option', (options, message) => {
    expect(() => configure(options as never)).toThrow(TypeError);
    expect(() => configure(options as never)).toThrow(message);
  });
});

describe('wrapper and decorator options are type-checked', () => {
  const h = useTracing();

  it.each([
    [{ model: 42 }, /"model" must be a string/],
    [{ captureContent: 'false' }, /"captureContent" must be a boolean/],
    [{ provider: {} }, /"provider" must be a string/],
    [{ attributes: 'a=b' }, /"attributes" must be an object/],
    [{ otelSpanKind: 'CLIENT' }, /"otelSpanKind"/],
    [{ kind: 7 }, /"kind" must be a string/],
  ])('%j is a TypeError naming the option', (options, message) => {
    expect(() => withLlmSpan(options as never, () => 1)).toThrow(message);
    // The per-kind wrappers set `kind` themselves; every other option is checked the same way.
    if (!('kind' in options)) expect(() => withLLM(options as never, () => 1)).toThrow(message);
  });

  it('an unknown kind is a diag warning, and the span is a CHAIN', () => {
    const f = withLlmSpan({ kind: 'BOGUS' as never }, () => 1);
    expect(f()).toBe(1);
    expect(h.diagWarnings.flat().join(' ')).toMatch(/unknown span kind "BOGUS"/);
    expect(h.spans()[0]!.attributes['gen_ai.span.kind']).toBe('CHAIN');
  });

  it('span names built from options are redacted', () => {
    withTool({ name: 'lookup sk-proj-Abcdefghijklmnop123456' }, () => 1)();
    withLLM({ model: 'postgres://u:Pw0rd12345@db' }, () => 1)();
    const json = exportedJson(h.spans());
    expect(json).not.toContain('Abcdefghijklmnop123456');
    expect(json).not.toContain('Pw0rd12345');
  });

  it('a span named from the model in its arguments stays redacted on every call, follows configure(), and a hook sees each name', () => {
    const chat = withLLM(function chat(req: { model: string; messages: unknown[] }) {
      return { model: req.model, choices: [] };
    });
    const secret = 'sk-proj-Abcdefghijklmnop123456';
    chat({ model: secret, messages: [] });
    chat({ model: secret, messages: [] });
    chat({ model: 'gpt-4o-mini', messages: [] });
    chat({ model: secret, messages: [] });
    const names = () => h.spans().map((s) => s.name);
    expect(names()).toEqual(['chat [REDACTED]', 'chat [REDACTED]', 'chat gpt-4o-mini', 'chat [REDACTED]']);
    configure({ redaction: { defaults: false } });
    chat({ model: secret, messages: [] });
    expect(names()[4]).toBe(`chat ${secret}`);
    const seen: unknown[] = [];
    configure({ redaction: { hook: (v) => (seen.push(v), v === 'gpt-4o-mini' ? 'hooked' : v) } });
    chat({ model: 'gpt-4o-mini', messages: [] });
    chat({ model: 'gpt-4o-mini', messages: [] });
    expect(names().slice(5)).toEqual(['chat hooked', 'chat hooked']);
    expect(seen.filter((v) => v === 'gpt-4o-mini').length).toBeGreaterThanOrEqual(4);
  });
});

describe('handle calls never throw into the app, and write nothing wrong', () => {
  const h = useTracing();

  it.each([
    ['setResponse(null)', () => currentLlmSpan().setResponse(null as never)],
    ['setToolCall(null)', () => currentLlmSpan().setToolCall(null as never)],
    ["setUsage({ inputTokens: 'a lot' })", () => currentLlmSpan().setUsage({ inputTokens: 'a lot' as never, outputTokens: 3 })],
    ['setUsage(undefined)', () => currentLlmSpan().setUsage(undefined as never)],
    ['setModel(42)', () => currentLlmSpan().setModel(42 as never)],
    ['setInputMessages("hi")', () => currentLlmSpan().setInputMessages('hi' as never)],
    ['setAttributes(null)', () => currentLlmSpan().setAttributes(null as never)],
    ['setContent({ usage: { outputTokens: -1 } })', () => currentLlmSpan().setContent({ usage: { outputTokens: -1 } } as never)],
  ])('%s: a diag warning, nothing written', (_label, call) => {
    const f = withLLM({ model: 'm' }, () => {
      call();
      return 'ok';
    });
    expect(f()).toBe('ok');
    expect(h.diagWarnings.flat().join(' ')).toMatch(/currentLlmSpan\(\)\.\w+\(\): .*nothing written/);
    const attrs = h.spans()[0]!.attributes;
    for (const key of ['gen_ai.usage.input_tokens', 'gen_ai.usage.output_tokens', 'gen_ai.usage.total_tokens', 'gen_ai.response.id', 'gen_ai.tool.name', 'gen_ai.input.messages']) expect(attrs[key]).toBeUndefined();
    expect(attrs['gen_ai.request.model']).toBe('m');
  });
});

describe("the per-span content choice holds for every handle write", () => {
  const h = useTracing();

  it('currentLlmSpan() and traceLlmSpan handles under captureContent: false write no content (5 paths)', async () => {
    const tool = withTool({ name: 'lookup', captureContent: false }, () => {
      currentLlmSpan().setToolCall({ name: 'lookup', arguments: { q: SECRET } });
      currentLlmSpan().setToolResult(SECRET);
      return 1;
    });
    const llm = withLLM({ model: 'm', captureContent: false }, async () => {
      currentLlmSpan().setInputMessages([{ role: 'user', content: SECRET }]).setOutputMessages([{ role: 'assistant', content: SECRET }]);
      return 2;
    });
    tool();
    await llm();
    traceLlmSpan({ kind: 'CHAIN', name: 'quiet', captureContent: false }, (span) => {
      span.setInput(SECRET).setOutput({ answer: SECRET });
    });
    expect(h.spans()).toHaveLength(3);
    expect(exportedJson(h.spans())).not.toContain(SECRET);
    expect(h.spans().find((s) => s.name === 'execute_tool lookup')!.attributes['gen_ai.tool.name']).toBe('lookup');
  });

  it('per-span captureContent: true captures under a global off', () => {
    configure({ captureContent: false });
    withChain({ name: 'loud', captureContent: true }, () => currentLlmSpan().setInput('kept input'))();
    expect(h.spans()[0]!.attributes['input.value']).toBe('kept input');
  });

  it('a configure() switch applies to spans started after it', () => {
    const chain = withChain({ name: 'c' }, (flip: boolean) => {
      if (flip) configure({ captureContent: false });
      currentLlmSpan().setInput(`in ${SECRET}`);
    });
    chain(true);
    chain(false);
    const [first, second] = h.spans();
    // The first span started with capture on and keeps its choice; the second started after the switch.
    expect(first!.attributes['input.value']).toBe(`in ${SECRET}`);
    expect(second!.attributes['input.value']).toBeUndefined();
  });
});
