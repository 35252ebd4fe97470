/**
 * The writer's shortcuts write exactly what the plain path writes: remembered name-like values
 * (a repeat of the last model name is looked up, not redacted again), the one-pass list check,
 * and span names filled from split patterns.
 */
import fc from 'fast-check';
import { SPAN_KIND_NAMING, type LlmSpanKind } from '@llm-trace/semconv';
import { configure, getConfig, resetConfig } from '../../src/config';
import { contentAttributes, rawAttributes } from '../../src/content';
import { redactText } from '../../src/redact/redactor';
import { truncate } from '../../src/content/attribute-sink';
import { toChatMessages, toOutputMessages, totalTokens } from '../../src/content/normalize';
import { spanNameFor } from '../../src/engine/span-spec';
import { SECRET_CASES } from '../adversarial/secrets';

beforeEach(() => resetConfig());
afterEach(() => resetConfig());

/** What the plain path writes for one structural string: every rule, then the length cap. */
const plain = (s: string): string => truncate(redactText(s, getConfig().redaction, getConfig().maxAttributeLength + 256), getConfig().maxAttributeLength);

describe('remembered name-like values', () => {
  const model = (m: string) => contentAttributes('LLM', { model: m, responseModel: m }, getConfig());

  it('redacts a secret model name on every write, the repeats included', () => {
    for (const { text } of SECRET_CASES.slice(0, 8)) {
      const first = model(text);
      const again = model(text);
      expect(first['gen_ai.request.model']).toBe(plain(text));
      expect(again).toEqual(first);
      expect(first['gen_ai.request.model']).not.toBe(text);
    }
  });

  it('writes what the plain path writes for any sequence of values, repeats and changes alike', () => {
    const secret = SECRET_CASES[0]!.text;
    const value = fc.oneof(fc.constantFrom('gpt-4o-mini', 'claude-sonnet-4-5', secret, `${secret} x`, 'sk-', ''), fc.string({ maxLength: 140 }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 12 }), (values) => {
        for (const v of values) {
          const a = model(v);
          expect(a['gen_ai.request.model']).toBe(plain(v));
          expect(a['gen_ai.response.model']).toBe(plain(v));
        }
      }),
    );
  });

  it('takes a new config into account (its rules and its cap)', () => {
    const secret = SECRET_CASES[0]!.text;
    expect(model(secret)['gen_ai.request.model']).not.toBe(secret);
    configure({ redaction: { defaults: false } });
    expect(model(secret)['gen_ai.request.model']).toBe(secret);
    configure({ maxAttributeLength: 20 });
    expect(model('a'.repeat(40))['gen_ai.request.model']).toBe(truncate('a'.repeat(40), 20));
    configure({ redaction: { patterns: [/mini/] } });
    expect(model('gpt-4o-mini')['gen_ai.request.model']).toBe('gpt-4o-[REDACTED]');
    expect(model('gpt-4o-mini')['gen_ai.request.model']).toBe('gpt-4o-[REDACTED]');
  });

  it('hands every value to a user hook, repeats included', () => {
    const seen: unknown[] = [];
    configure({ redaction: { hook: (v) => (seen.push(v), v) } });
    model('gpt-4o-mini');
    model('gpt-4o-mini');
    expect(seen.filter((v) => v === 'gpt-4o-mini')).toHaveLength(4);
  });
});

/** The list rule as it reads: nulls left out; all strings, all finite numbers or all booleans; else JSON. */
function expectedList(v: readonly unknown[]): 'json' | readonly unknown[] {
  const xs = v.slice(0, getConfig().maxItems).filter((x) => x !== undefined && x !== null);
  if (xs.every((x) => typeof x === 'string')) return xs.map((x) => plain(x as string));
  if (xs.every((x) => typeof x === 'number' && Number.isFinite(x)) || xs.every((x) => typeof x === 'boolean')) return xs;
  return 'json';
}

describe('list values', () => {
  const entry = fc.oneof(fc.string({ maxLength: 20 }), fc.constant(SECRET_CASES[1]!.text), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.object({ maxDepth: 1 }));
  const list = fc.oneof(fc.array(entry, { maxLength: 8 }), fc.array(fc.oneof(fc.integer(), fc.constant(null)), { maxLength: 8 }), fc.array(fc.oneof(fc.boolean(), fc.constant(undefined)), { maxLength: 8 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 8 }));

  it('writes arrays of one type as arrays and anything else as JSON, like the plain rule', () => {
    fc.assert(
      fc.property(list, (v) => {
        const out = rawAttributes({ k: v as never }, getConfig()).k;
        const want = expectedList(v);
        if (want === 'json') expect(typeof out).toBe('string');
        else expect(out).toEqual(want);
      }),
    );
  });

  it('never shares an array with the caller', () => {
    const v = [1, 2, 3];
    const out = rawAttributes({ k: v }, getConfig()).k as number[];
    expect(out).toEqual(v);
    expect(out).not.toBe(v);
  });

  it('reads a sparse or huge list only up to the item cap', () => {
    configure({ maxItems: 3 });
    const sparse: string[] = [];
    sparse[1e9] = 'x';
    expect(rawAttributes({ k: sparse }, getConfig()).k).toEqual([]);
    expect(rawAttributes({ k: ['a', 'b', 'c', 'd'] }, getConfig()).k).toEqual(['a', 'b', 'c']);
  });
});

describe('span names', () => {
  /** The pattern filled by a regex replace, as the naming rule reads. */
  function expectedName(kind: LlmSpanKind, operation: string, d: { name?: string; model?: string; dataSource?: string }): string | undefined {
    const values: Record<string, string | undefined> = {
      operation,
      name: d.name,
      'gen_ai.request.model': d.model,
      'reranker.model_name': d.model,
      'gen_ai.data_source.id': d.dataSource,
      'gen_ai.tool.name': d.name,
      'gen_ai.agent.name': d.name,
    };
    let missing = false;
    const out = SPAN_KIND_NAMING[kind].spanNamePattern.replace(/\{([^}]+)\}/g, (_m, p: string) => {
      const v = values[p];
      if (v === undefined || v === '') missing = true;
      return v ?? '';
    });
    return missing ? undefined : out;
  }

  it('fills every kind pattern as a regex replace would', () => {
    const kinds = Object.keys(SPAN_KIND_NAMING) as LlmSpanKind[];
    const detail = fc.option(fc.oneof(fc.constant(''), fc.string({ maxLength: 12 })), { nil: undefined });
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.string({ maxLength: 10 }), detail, detail, detail, (kind, operation, name, model, dataSource) => {
        const d = { name, model, dataSource };
        expect(spanNameFor(kind, operation, d)).toBe(expectedName(kind, operation, d));
      }),
    );
  });
});

describe('request parameters', () => {
  const request = { temperature: 0.2, topP: 0.9, topK: 40, maxTokens: 256, frequencyPenalty: 0.1, presencePenalty: 0.3, stopSequences: ['END'], seed: 7, outputType: 'json', choiceCount: 2 };

  it('writes every parameter under its key, in the table order', () => {
    const a = contentAttributes('LLM', { request }, getConfig());
    expect(Object.entries(a)).toEqual([
      ['gen_ai.request.temperature', 0.2],
      ['gen_ai.request.top_p', 0.9],
      ['gen_ai.request.top_k', 40],
      ['gen_ai.request.max_tokens', 256],
      ['gen_ai.request.frequency_penalty', 0.1],
      ['gen_ai.request.presence_penalty', 0.3],
      ['gen_ai.request.stop_sequences', ['END']],
      ['gen_ai.request.seed', 7],
      ['gen_ai.output.type', 'json'],
      ['gen_ai.request.choice.count', 2],
    ]);
  });

  it('writes the OpenInference invocation parameters only in that dialect, and only when some are set', () => {
    expect(contentAttributes('LLM', { request }, getConfig())['llm.invocation_parameters']).toBeUndefined();
    configure({ dialects: ['llm-trace', 'openinference'] });
    const a = contentAttributes('LLM', { request }, getConfig());
    expect(JSON.parse(a['llm.invocation_parameters'] as string)).toEqual({ temperature: 0.2, top_p: 0.9, top_k: 40, max_tokens: 256, frequency_penalty: 0.1, presence_penalty: 0.3, stop: ['END'], seed: 7, response_format: 'json', n: 2 });
    expect(contentAttributes('LLM', { request: { choiceCount: 1 } }, getConfig())['llm.invocation_parameters']).toBeUndefined();
  });
});

describe('model call values stored under constant keys', () => {
  // The values every model call carries are stored by the LLM writer itself (under constant
  // keys, plans found through a slot), not through the sink's `value`. The plain rule is what
  // `rawAttributes` does with each key: the writer must write the same entries, in the same order.
  const secrets = fc.constantFrom(...SECRET_CASES.map((s) => s.text));
  const anything = fc.oneof(
    { arbitrary: secrets, weight: 3 },
    { arbitrary: fc.constantFrom('gpt-4o-mini', 'openai', 'stop', '', 'chatcmpl-abc123'), weight: 2 },
    fc.string({ maxLength: 40 }),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(fc.oneof(secrets, fc.constantFrom('stop'), fc.string({ maxLength: 8 }), fc.constant(null), fc.integer()), { maxLength: 4 }),
    fc.object({ maxDepth: 1 }),
  );
  const content = fc.record(
    {
      model: anything,
      provider: anything,
      request: fc.record({ temperature: anything, maxTokens: anything }, { requiredKeys: [] }),
      usage: fc.record({ inputTokens: anything, outputTokens: anything, totalTokens: anything }, { requiredKeys: [] }),
      responseId: anything,
      responseModel: anything,
      finishReasons: fc.array(fc.oneof(secrets, fc.constantFrom('stop', 'length'), fc.string({ maxLength: 12 }), fc.constant(null), fc.integer()), { maxLength: 5 }),
    },
    { requiredKeys: [] },
  );

  function plainEntries(c: Record<string, any>): [string, unknown][] {
    const u = c.usage;
    const ordered: Record<string, unknown> = {
      'gen_ai.request.model': c.model,
      'gen_ai.provider.name': c.provider,
      'gen_ai.request.temperature': c.request?.temperature,
      'gen_ai.request.max_tokens': c.request?.maxTokens,
      'gen_ai.usage.input_tokens': u?.inputTokens,
      'gen_ai.usage.output_tokens': u?.outputTokens,
      'gen_ai.usage.total_tokens': u ? totalTokens(u) : undefined,
      'gen_ai.response.id': c.responseId,
      'gen_ai.response.model': c.responseModel,
      'gen_ai.response.finish_reasons': c.finishReasons,
    };
    return Object.entries(rawAttributes(ordered as never, getConfig()));
  }

  const check = () =>
    fc.assert(
      fc.property(content, (c) => {
        expect(Object.entries(contentAttributes('LLM', c as never, getConfig()))).toEqual(plainEntries(c));
      }),
      { numRuns: 300 },
    );

  it('writes what the plain rule writes, entry for entry and in order, with the default rules', check);

  it('does so with capture off, user patterns, a short cap and no rules', () => {
    configure({ captureContent: false });
    check();
    configure({ redaction: { patterns: [/mini|stop/] } });
    check();
    configure({ maxAttributeLength: 6 });
    check();
    configure({ redaction: { defaults: false } });
    check();
  });

  it('finds each key plan again after the config changes, back and forth', () => {
    const c = { model: 'gpt-4o-mini', provider: 'openai', responseId: 'id-mini', responseModel: 'gpt-4o-mini', finishReasons: ['stop'] };
    const before = contentAttributes('LLM', c, getConfig());
    const first = getConfig();
    configure({ redaction: { patterns: [/mini|stop|openai/] } });
    const redacted = contentAttributes('LLM', c, getConfig());
    expect(redacted).toEqual({
      'gen_ai.request.model': 'gpt-4o-[REDACTED]',
      'gen_ai.provider.name': '[REDACTED]',
      'gen_ai.response.id': 'id-[REDACTED]',
      'gen_ai.response.model': 'gpt-4o-[REDACTED]',
      'gen_ai.response.finish_reasons': ['[REDACTED]'],
    });
    expect(contentAttributes('LLM', c, first)).toEqual(before);
    expect(contentAttributes('LLM', c, getConfig())).toEqual(redacted);
  });

  it('hands every value to a user hook, on every write', () => {
    const seen: unknown[] = [];
    configure({ redaction: { hook: (v) => (seen.push(v), v) } });
    const c = { model: 'm', provider: 'p', responseId: 'i', responseModel: 'r', finishReasons: ['stop'] };
    contentAttributes('LLM', c, getConfig());
    contentAttributes('LLM', c, getConfig());
    expect(seen.filter((v) => typeof v === 'string')).toEqual(['m', 'p', 'i', 'r', 'stop', 'm', 'p', 'i', 'r', 'stop']);
  });

  it('takes a list past the item cap only up to the cap, and a sparse or mixed list the plain way', () => {
    configure({ maxItems: 2 });
    expect(contentAttributes('LLM', { finishReasons: ['stop', 'length', 'stop'] }, getConfig())['gen_ai.response.finish_reasons']).toEqual(['stop', 'length']);
    const sparse: string[] = [];
    sparse[1e9] = 'stop';
    expect(contentAttributes('LLM', { finishReasons: sparse }, getConfig())['gen_ai.response.finish_reasons']).toEqual([]);
    expect(contentAttributes('LLM', { finishReasons: ['stop', 3] as never }, getConfig())['gen_ai.response.finish_reasons']).toBe('["stop",3]');
  });
});

describe('message lists stored under constant keys', () => {
  const text = fc.oneof(fc.constantFrom(...SECRET_CASES.map((s) => s.text)), fc.string({ maxLength: 30 }));
  const message = fc.record({ role: fc.constantFrom('user', 'system', 'assistant'), content: text });
  const output = fc.record({ role: fc.constant('assistant'), parts: fc.array(fc.record({ type: fc.constant('text'), content: text }), { maxLength: 2 }), finish_reason: fc.constantFrom('stop', 'length') });

  it('writes the JSON the plain rule writes for each list', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 3 }), fc.option(text, { nil: undefined }), fc.array(output, { maxLength: 2 }), (inputMessages, systemInstructions, outputMessages) => {
        const a = contentAttributes('LLM', { inputMessages, systemInstructions, outputMessages }, getConfig());
        const plainJson = rawAttributes(
          {
            'gen_ai.input.messages': toChatMessages(inputMessages) as never,
            ...(systemInstructions === undefined ? {} : { 'gen_ai.system_instructions': [{ type: 'text', content: systemInstructions }] as never }),
            'gen_ai.output.messages': toOutputMessages(outputMessages) as never,
          },
          getConfig(),
        );
        // An empty list is written as an empty array attribute by the plain list rule, as JSON by the writer.
        for (const [k, v] of Object.entries(plainJson)) expect(a[k]).toEqual(Array.isArray(v) && v.length === 0 ? '[]' : v);
        expect(Object.keys(a)).toEqual(Object.keys(plainJson));
      }),
    );
  });
});

describe('token counts of other types', () => {
  afterEach(() => resetConfig());

  it('are written as they are and left out of the total, which never throws or turns into text', () => {
    const hostile = { toString: [] };
    const a = contentAttributes('LLM', { usage: { inputTokens: hostile, outputTokens: 3 } } as never, getConfig());
    expect(a['gen_ai.usage.total_tokens']).toBe(3);
    expect(a['gen_ai.usage.output_tokens']).toBe(3);
    const b = contentAttributes('LLM', { usage: { inputTokens: '5', outputTokens: 3 } } as never, getConfig());
    expect(b['gen_ai.usage.total_tokens']).toBe(3);
    expect(totalTokens({ inputTokens: '5' } as never)).toBeUndefined();
  });
});
