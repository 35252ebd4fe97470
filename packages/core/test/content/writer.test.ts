/** The content writer reuses the attributes of frozen content only for the same kind and config. */
import { configure, getConfig, resetConfig } from '../../src/config';
import { contentWriter } from '../../src/content';
import type { ContentFor } from '../../src/content';
import { setupTracing, type TestTracing } from './tracing';

let t: TestTracing;
beforeEach(() => {
  resetConfig();
  t = setupTracing();
});
afterEach(async () => {
  resetConfig();
  await t.teardown();
});

describe('contentWriter and frozen content', () => {
  const flag: ContentFor<'LLM'> = Object.freeze({ stream: true });

  it('writes the same attributes for the same frozen content, kind and config', () => {
    const a = t.record('a', (span) => contentWriter.write(span, 'LLM', flag, getConfig()));
    const b = t.record('b', (span) => contentWriter.write(span, 'LLM', flag, getConfig()));
    expect(a.attributes).toEqual({ 'gen_ai.request.stream': true });
    expect(b.attributes).toEqual(a.attributes);
  });

  it('maps again under a new config (another dialect) and for another kind', () => {
    t.record('before', (span) => contentWriter.write(span, 'LLM', flag, getConfig()));
    configure({ dialects: ['llm-trace', 'openinference'] });
    const oi = t.record('oi', (span) => contentWriter.write(span, 'LLM', flag, getConfig()));
    expect(oi.attributes).toEqual({ 'gen_ai.request.stream': true, 'openinference.span.kind': 'LLM' });
    const shared = Object.freeze({ output: 'x' });
    const chain = t.record('chain', (span) => contentWriter.write(span, 'CHAIN', shared, getConfig()));
    const llm = t.record('llm', (span) => contentWriter.write(span, 'LLM', shared as ContentFor<'LLM'>, getConfig()));
    expect(chain.attributes['openinference.span.kind']).toBe('CHAIN');
    expect(llm.attributes['openinference.span.kind']).toBe('LLM');
  });

  it('never reuses attributes of content that is not frozen (it may have changed)', () => {
    const content: { output?: string } = { output: 'one' };
    const first = t.record('first', (span) => contentWriter.write(span, 'CHAIN', content, getConfig()));
    content.output = 'two';
    const second = t.record('second', (span) => contentWriter.write(span, 'CHAIN', content, getConfig()));
    expect(first.attributes['output.value']).toBe('one');
    expect(second.attributes['output.value']).toBe('two');
  });
});

describe('structural values and redaction', () => {
  const secret = 'sk-proj-abcdefghijklmnop1234';
  const attrs = () => {
    const { contentAttributes } = jest.requireActual('../../src/content') as typeof import('../../src/content');
    return contentAttributes('LLM', { operation: 'chat', provider: 'openai', model: secret, responseId: secret, finishReasons: ['stop', `${secret} and more words here`] }, getConfig());
  };

  it('model names and ids are still redacted; an enumeration value longer than an enumeration is too', () => {
    const a = attrs();
    expect(a['gen_ai.request.model']).toBe('[REDACTED]');
    expect(a['gen_ai.response.id']).toBe('[REDACTED]');
    expect(a['gen_ai.operation.name']).toBe('chat');
    expect(a['gen_ai.response.finish_reasons']).toEqual(['stop', '[REDACTED] and more words here']);
  });

  it('a user hook still sees enumeration values', () => {
    const seen: unknown[] = [];
    configure({ redaction: { hook: (v) => (seen.push(v), v) } });
    attrs();
    expect(seen).toEqual(expect.arrayContaining(['chat', 'openai', 'stop']));
  });
});
