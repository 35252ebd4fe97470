/**
 * A span named from the model in its arguments: the name the last model gave is remembered, and
 * a repeat must be named exactly as the plain rule names it (the model redacted like any span
 * name, for this kind, operation and redaction config), however calls and configs interleave.
 */
import fc from 'fast-check';
import { configure, getConfig } from '../../src/config';
import { withEmbedding, withLLM } from '../../src';
import { redactText } from '../../src/redact/redactor';
import { SECRET_CASES } from '../adversarial/secrets';
import { useTracing } from './harness';

const h = useTracing();

const request = (model: string) => ({ model, messages: [{ role: 'user', content: 'hi' }] });
const chat = withLLM((req: { model: string }) => req.model.length);
const completion = withLLM({ operation: 'text_completion' }, (req: { model: string }) => req.model.length);
const embed = withEmbedding((req: { model: string; input: string }) => req.input.length);

/** The name the plain rule gives: the operation, then the model redacted as any span name. */
const plainName = (operation: string, model: string) => `${operation} ${redactText(model, getConfig().redaction, 1024)}`;

const lastName = () => {
  const spans = h.spans();
  return spans[spans.length - 1]!.name;
};

describe('span names from the model in the arguments', () => {
  it('names every call as the plain rule does, across models, kinds, operations and redaction configs', () => {
    const model = fc.oneof(fc.constantFrom('gpt-4o-mini', 'claude-sonnet-4-5', ...SECRET_CASES.slice(0, 6).map((s) => s.text)), fc.string({ minLength: 1, maxLength: 20 }), fc.constant('m'.repeat(200)));
    const step = fc.record({ model, via: fc.constantFrom('chat', 'completion', 'embed', 'configure'), rules: fc.constantFrom('default', 'pattern', 'off') });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        for (const s of steps) {
          if (s.via === 'configure') {
            configure({ redaction: s.rules === 'off' ? { defaults: false } : s.rules === 'pattern' ? { patterns: [/mini|claude/] } : {} });
            continue;
          }
          if (s.via === 'chat') chat(request(s.model));
          else if (s.via === 'completion') completion(request(s.model));
          else embed({ model: s.model, input: 'hi' });
          const operation = s.via === 'chat' ? 'chat' : s.via === 'completion' ? 'text_completion' : 'embeddings';
          expect(lastName()).toBe(plainName(operation, s.model));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('hands the model to a user hook on every call, repeats included', () => {
    const seen: unknown[] = [];
    configure({ redaction: { hook: (v, info) => (info.attribute === 'text' && seen.push(v), v) } });
    chat(request('gpt-4o-mini'));
    chat(request('gpt-4o-mini'));
    expect(seen).toEqual(['gpt-4o-mini', 'gpt-4o-mini']);
    expect(lastName()).toBe('chat gpt-4o-mini');
  });
});
