// TC39 standard decorators: our options land in context.metadata, and compose with another
// TC39 decorator in either order.
(Symbol as { metadata?: symbol }).metadata ??= Symbol.for('Symbol.metadata');

import { LLM_SPAN_METADATA_KEY, llmSpan } from '../../../src';
import { useTracing } from '../../engine/harness';

const h = useTracing();
const calls: string[] = [];

function logged<This, Args extends unknown[], R>(method: (this: This, ...args: Args) => R, context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => R>) {
  return function (this: This, ...args: Args): R {
    calls.push(String(context.name));
    return method.apply(this, args);
  };
}

class Service {
  @logged
  @llmSpan({ kind: 'TOOL', name: 'outer' })
  one(): number {
    return 1;
  }

  @llmSpan('AGENT')
  @logged
  two(): number {
    return 2;
  }
}

describe('TC39 decorators', () => {
  it('records options in context.metadata per method', () => {
    const meta = (Service as unknown as Record<symbol, Record<string, unknown>>)[Symbol.metadata!];
    expect(meta[LLM_SPAN_METADATA_KEY]).toEqual({ one: { kind: 'TOOL', name: 'outer' }, two: { kind: 'AGENT' } });
  });

  it('composes with other decorators in either order', () => {
    const s = new Service();
    expect(s.one()).toBe(1);
    expect(s.two()).toBe(2);
    expect(calls).toEqual(['one', 'two']);
    expect(h.span('execute_tool outer').attributes['gen_ai.tool.name']).toBe('outer');
    expect(h.span('invoke_agent two').attributes['gen_ai.agent.name']).toBe('two');
  });
});
