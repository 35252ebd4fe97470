/**
 * Content off and redaction, checked on the serialized export (every finished span's attributes
 * as JSON), not only on what the setters were given.
 */
import { configure, getConfig, resetConfig } from '../../src/config';
import { contentWriter, llmSpanHandle, TRUNCATION_MARKER, withCaptureContent } from '../../src/content';
import type { LlmSpanState } from '../../src/contracts';
import type { ContentFor, KindName } from '../../src/content';
import { createRedactor } from '../../src/redact/redactor';
import { setupTracing, type TestTracing } from '../content/tracing';

let t: TestTracing;
beforeEach(() => {
  resetConfig();
  t = setupTracing();
});
afterEach(async () => {
  await t.teardown();
  resetConfig();
  delete process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT;
});

const SECRET = 'TOP-SECRET-CONTENT';
/** One realistic content per kind, every content field carrying SECRET. */
const CONTENT: { [K in KindName]: ContentFor<K> } = {
  LLM: {
    model: 'gpt-4o',
    provider: 'openai',
    systemInstructions: `sys ${SECRET}`,
    inputMessages: [{ role: 'user', content: `ask ${SECRET}` }],
    outputMessages: [{ role: 'assistant', parts: [{ type: 'tool_call', id: 'c1', name: 'lookup', arguments: { q: SECRET } }], finish_reason: 'tool_call' }],
    toolDefinitions: [{ type: 'function', name: 'lookup', description: `desc ${SECRET}`, parameters: { secretField: SECRET } }],
    usage: { inputTokens: 1, outputTokens: 2 },
  },
  EMBEDDING: { model: 'text-embedding-3-small', inputs: [SECRET], dimensionCount: 3 },
  RETRIEVER: { query: SECRET, dataSource: 'kb', documents: [{ id: 'd1', score: 0.9, content: SECRET, metadata: { note: SECRET } }] },
  RERANKER: { query: SECRET, model: 'rr', inputDocuments: [{ id: 'a', content: SECRET }], outputDocuments: [{ id: 'a', score: 0.8, content: SECRET }] },
  TOOL: { name: 'lookup', callId: 'c1', arguments: { q: SECRET }, result: SECRET },
  AGENT: { name: 'planner', inputMessages: [{ role: 'user', content: SECRET }], outputMessages: [{ role: 'assistant', content: SECRET }], systemInstructions: SECRET },
  STEP: { round: 1, finishReason: 'stop' },
  ENTRY: { sessionId: 's', inputMessages: [{ role: 'user', content: SECRET }], outputMessages: [{ role: 'assistant', content: SECRET }] },
  CHAIN: { input: SECRET, output: { answer: SECRET } },
  TASK: { input: { q: SECRET }, output: SECRET },
};

function writeAll(): void {
  for (const kind of Object.keys(CONTENT) as KindName[]) {
    t.record(kind, (span) => contentWriter.write(span, kind, CONTENT[kind] as ContentFor<typeof kind>, getConfig()));
  }
}

describe('content off', () => {
  it.each([
    ['configure({ captureContent: false })', () => configure({ captureContent: false, dialects: ['llm-trace', 'openinference'] })],
    ['OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=false', () => {
      process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT = 'false';
      resetConfig();
      configure({ dialects: ['llm-trace', 'openinference'] });
    }],
    ['OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=NO_CONTENT', () => {
      process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT = 'NO_CONTENT';
      resetConfig();
      configure({ dialects: ['llm-trace', 'openinference'] });
    }],
  ])('%s: no content survives anywhere in the export, in either dialect', (_label, setup) => {
    setup();
    expect(getConfig().captureContent).toBe(false);
    writeAll();
    const exported = t.exported();
    expect(exported).not.toContain(SECRET);
    for (const s of t.spans()) {
      for (const key of ['gen_ai.input.messages', 'gen_ai.output.messages', 'gen_ai.system_instructions', 'gen_ai.tool.call.arguments', 'gen_ai.tool.call.result', 'gen_ai.retrieval.query.text', 'input.value', 'output.value', 'reranker.query']) {
        expect(s.attributes[key]).toBeUndefined();
      }
    }
  });

  it('keeps the structure: documents keep id and score, tool definitions keep type and name', () => {
    configure({ captureContent: false });
    writeAll();
    expect(t.span('RETRIEVER').attributes).toEqual({
      'gen_ai.data_source.id': 'kb',
      'gen_ai.retrieval.documents': JSON.stringify([{ id: 'd1', score: 0.9 }]),
    });
    expect(t.span('RERANKER').attributes).toEqual({
      'gen_ai.request.model': 'rr',
      'reranker.model_name': 'rr',
      'reranker.input_document': JSON.stringify([{ id: 'a' }]),
      'reranker.output_document': JSON.stringify([{ id: 'a', score: 0.8 }]),
    });
    expect(t.span('LLM').attributes).toEqual({
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.provider.name': 'openai',
      'gen_ai.tool.definitions': JSON.stringify([{ type: 'function', name: 'lookup' }]),
      'gen_ai.usage.input_tokens': 1,
      'gen_ai.usage.output_tokens': 2,
      'gen_ai.usage.total_tokens': 3,
    });
    expect(t.span('TOOL').attributes).toEqual({ 'gen_ai.tool.name': 'lookup', 'gen_ai.tool.call.id': 'c1' });
  });

  it('SPAN_ONLY and true keep content on', () => {
    for (const v of ['SPAN_ONLY', 'true']) {
      process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT = v;
      expect(resetConfig().captureContent).toBe(true);
    }
  });

  it('a per-span override turns content off for one span only', () => {
    t.record('quiet', (span) => contentWriter.write(span, 'TOOL', CONTENT.TOOL, withCaptureContent(getConfig(), false)));
    t.record('loud', (span) => contentWriter.write(span, 'TOOL', CONTENT.TOOL, withCaptureContent(getConfig(), undefined)));
    expect(JSON.stringify(t.span('quiet').attributes)).not.toContain(SECRET);
    expect(t.span('loud').attributes['gen_ai.tool.call.result']).toBe(JSON.stringify(SECRET));
  });
});

describe('redaction', () => {
  const API_KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';
  const BEARER = 'eyJhbGciOiJIUzI1NiJ9abc';
  const PASSWORD = 'hunter2-correct-horse';

  it('default rules remove API keys, bearer tokens and secret-named fields from every dialect', () => {
    configure({ dialects: ['llm-trace', 'openinference'] });
    t.record('tool', (span) =>
      contentWriter.write(span, 'TOOL', {
        name: 'http_get',
        arguments: { url: 'https://api.example.com', headers: { Authorization: `Bearer ${BEARER}` }, apiKey: API_KEY, password: PASSWORD, max_tokens: 5 },
        result: `ok, used key ${API_KEY}`,
      }, getConfig()),
    );
    t.record('llm', (span) =>
      contentWriter.write(span, 'LLM', {
        inputMessages: [{ role: 'user', content: `my key is ${API_KEY} and Authorization: Bearer ${BEARER}` }],
        outputMessages: [{ role: 'assistant', parts: [{ type: 'tool_call', name: 'login', arguments: { user: 'bob', password: PASSWORD } }], finish_reason: 'tool_call' }],
      }, getConfig()),
    );
    const exported = t.exported();
    for (const secret of [API_KEY, BEARER, PASSWORD]) expect(exported).not.toContain(secret);
    const args = JSON.parse(String(t.span('tool').attributes['gen_ai.tool.call.arguments']));
    expect(args).toEqual({ url: 'https://api.example.com', headers: { Authorization: '[REDACTED]' }, apiKey: '[REDACTED]', password: '[REDACTED]', max_tokens: 5 });
    expect(t.span('tool').attributes['gen_ai.tool.call.result']).toBe(JSON.stringify('ok, used key [REDACTED]'));
    expect(t.span('llm').attributes['llm.input_messages.0.message.content']).toBe('my key is [REDACTED] and Authorization: Bearer [REDACTED]');
    expect(t.span('llm').attributes['llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments']).toBe(JSON.stringify({ user: 'bob', password: '[REDACTED]' }));
  });

  it('by key path, by key name, by pattern and with a hook', () => {
    const seen: string[] = [];
    configure({
      redaction: {
        paths: ['customer.email', 'items.*.card'],
        keys: ['ssn'],
        patterns: [/\b\d{3}-\d{3}-\d{4}\b/],
        hook: (value, info) => {
          seen.push(info.attribute);
          return typeof value === 'string' ? value.replace('Alice', '<name>') : value;
        },
      },
    });
    t.record('chain', (span) =>
      contentWriter.write(span, 'CHAIN', {
        input: { customer: { email: 'a@b.c', name: 'Alice' }, items: [{ card: '4111', sku: 'x' }], ssn: '123-45-6789', note: 'call 555-123-4567' },
      }, getConfig()),
    );
    expect(JSON.parse(String(t.span('chain').attributes['input.value']))).toEqual({
      customer: { email: '[REDACTED]', name: '<name>' },
      items: [{ card: '[REDACTED]', sku: 'x' }],
      ssn: '[REDACTED]',
      note: 'call [REDACTED]',
    });
    expect(seen).toContain('input.value');
  });

  it('applies to writes through the span handle and to raw attributes', () => {
    t.record('handle', (span) => {
      const state: LlmSpanState = { span, kind: 'LLM', startedAt: performance.now(), firstTokenAt: undefined, streaming: false, writer: contentWriter };
      llmSpanHandle(state)
        .setInputMessages([{ role: 'user', content: `key ${API_KEY}` }])
        .setAttributes({ 'app.auth': `Bearer ${BEARER}`, 'app.count': 3 });
    });
    const exported = t.exported();
    expect(exported).not.toContain(API_KEY);
    expect(exported).not.toContain(BEARER);
    expect(t.span('handle').attributes['app.auth']).toBe('Bearer [REDACTED]');
    expect(t.span('handle').attributes['app.count']).toBe(3);
  });

  it('a throwing hook fails closed: the value is replaced, the app sees nothing', () => {
    configure({ redaction: { hook: () => { throw new Error('hook bug'); } } });
    t.record('hooked', (span) => contentWriter.write(span, 'CHAIN', { input: 'private text', output: { a: 'private' } }, getConfig()));
    expect(t.exported()).not.toContain('private');
    expect(t.span('hooked').attributes['input.value']).toBe('[REDACTED]');
  });

  it('defaults: false turns the built-in rules off', () => {
    configure({ redaction: { defaults: false } });
    t.record('x', (span) => contentWriter.write(span, 'TOOL', { arguments: { apiKey: 'plain-value' } }, getConfig()));
    expect(t.span('x').attributes['gen_ai.tool.call.arguments']).toBe(JSON.stringify({ apiKey: 'plain-value' }));
  });

  it('keeps token counts under token-named keys', () => {
    const r = createRedactor({ defaults: true }, 'k');
    expect(r.transform(12, 'max_token', ['max_token'])).toBe(12);
    expect(r.transform('abc', 'access_token', ['access_token'])).toBe('[REDACTED]');
    expect(r.transform('abc', 'max_tokens', ['max_tokens'])).toBe('abc');
  });
});

describe('maxAttributeLength', () => {
  it('caps every string we write', () => {
    configure({ maxAttributeLength: 64, dialects: ['llm-trace', 'openinference'] });
    const long = 'x'.repeat(10_000);
    t.record('big', (span) => {
      contentWriter.write(span, 'CHAIN', { input: long, output: { text: long } }, getConfig());
      contentWriter.write(span, 'LLM', { inputMessages: [{ role: 'user', content: long }], model: long }, getConfig());
    });
    for (const [key, v] of Object.entries(t.span('big').attributes)) {
      if (typeof v === 'string') expect({ key, length: v.length <= 64 }).toEqual({ key, length: true });
    }
    expect(String(t.span('big').attributes['input.value']).endsWith(TRUNCATION_MARKER)).toBe(true);
  });

  it('redaction of a huge string only scans what the cap can keep', () => {
    let longest = 0;
    configure({ maxAttributeLength: 1000, redaction: { hook: (v) => ((longest = Math.max(longest, typeof v === 'string' ? v.length : 0)), v) } });
    t.record('huge', (span) => contentWriter.write(span, 'TOOL', { arguments: { text: 'y'.repeat(2_000_000) }, result: 'z'.repeat(2_000_000) }, getConfig()));
    expect(longest).toBeGreaterThan(0);
    expect(longest).toBeLessThanOrEqual(1000 + 256);
  });
});
