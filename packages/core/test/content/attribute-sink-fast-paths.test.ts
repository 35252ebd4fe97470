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
