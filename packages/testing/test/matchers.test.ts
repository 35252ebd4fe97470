import '../src/jest';
import { createTestTracing } from '../src/index';
import type { TestTracing } from '../src/index';
import { recordSpan } from './helpers';

let tracing: TestTracing;
beforeEach(() => {
  tracing = createTestTracing();
});
afterEach(async () => {
  await tracing.shutdown();
});

/** The message a matcher fails with. */
function failure(run: () => void): string {
  try {
    run();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the matcher to fail');
}

describe('toBeConformantLlmSpan', () => {
  it('passes on a conformant span and fails under .not', () => {
    const span = recordSpan(tracing, { kind: 'TOOL', attributes: { 'gen_ai.tool.name': 'search' } });
    expect(span).toBeConformantLlmSpan();
    expect(failure(() => expect(span).not.toBeConformantLlmSpan())).toContain('expected span "execute_tool search" not to be a conformant LLM span');
  });

  it('fails listing each finding with key and rule', () => {
    const span = recordSpan(tracing, { kind: 'LLM', attributes: { 'gen_ai.provider.name': undefined, 'gen_ai.usage.input_tokens': 'many' } });
    const message = failure(() => expect(span).toBeConformantLlmSpan());
    expect(message).toContain('expected span "chat gpt-4o-mini" to be a conformant LLM span; 2 error(s):');
    expect(message).toContain('gen_ai.usage.input_tokens [attribute-type] must be int, got string "many"');
    expect(message).toContain('gen_ai.provider.name [required-attribute] is required on LLM spans');
    expect(span).not.toBeConformantLlmSpan();
  });

  it('passes with warnings only', () => {
    const span = recordSpan(tracing, { kind: 'LLM', name: 'callModel' });
    expect(span).toBeConformantLlmSpan();
  });
});

describe('toHaveLlmSpan', () => {
  beforeEach(() => {
    recordSpan(tracing, { kind: 'TOOL', attributes: { 'gen_ai.tool.name': 'search', 'gen_ai.tool.call.arguments': '{"q":"otel"}' } });
    recordSpan(tracing, { kind: 'LLM', attributes: { 'gen_ai.usage.input_tokens': 12 } });
  });

  it('finds a span by kind, name and attributes, on a TestTracing or an array', () => {
    expect(tracing).toHaveLlmSpan({ kind: 'TOOL' });
    expect(tracing).toHaveLlmSpan({ kind: 'TOOL', name: 'execute_tool search', attributes: { 'gen_ai.tool.name': 'search' } });
    expect(tracing.getSpans()).toHaveLlmSpan({ kind: 'LLM', name: /^chat /, attributes: { 'gen_ai.usage.input_tokens': expect.any(Number) } });
    expect(tracing).not.toHaveLlmSpan({ kind: 'AGENT' });
  });

  it('fails naming the recorded spans when none has the kind', () => {
    expect(failure(() => expect(tracing).toHaveLlmSpan({ kind: 'AGENT' }))).toBe(
      'expected a AGENT span, but no span has gen_ai.span.kind AGENT; recorded spans:\n  execute_tool search [TOOL]\n  chat gpt-4o-mini [LLM]',
    );
  });

  it('fails showing what differs on each span of the kind', () => {
    const message = failure(() => expect(tracing).toHaveLlmSpan({ kind: 'TOOL', name: 'execute_tool fetch', attributes: { 'gen_ai.tool.name': 'fetch', 'gen_ai.tool.description': 'x' } }));
    expect(message).toContain('the TOOL spans differ:');
    expect(message).toContain('name "execute_tool search" ≠ "execute_tool fetch"; gen_ai.tool.name = "search" (want "fetch"); gen_ai.tool.description missing (want "x")');
  });

  it('fails under .not naming the span that matched', () => {
    expect(failure(() => expect(tracing).not.toHaveLlmSpan({ kind: 'LLM' }))).toMatch(/^expected no LLM span, but found "chat gpt-4o-mini" \([0-9a-f]{16}\)$/);
  });

  it('names the option when kind is wrong, and the input when it is not spans', () => {
    expect(() => expect(tracing).toHaveLlmSpan({ kind: 'llm' as 'LLM' })).toThrow('toHaveLlmSpan: expected.kind must be one of the LLM span kinds, got "llm"');
    expect(() => expect(42).toHaveLlmSpan({ kind: 'LLM' })).toThrow('toHaveLlmSpan: the received value must be a TestTracing');
  });
});
