// Compiled and run under legacy (with and without emitDecoratorMetadata) and TC39 decorators.
import { SpanStatusCode } from '@opentelemetry/api';
import { llmSpan } from '../../src';
import { tick, useTracing } from '../engine/harness';

const h = useTracing();

class Rag {
  constructor(private readonly prefix: string) {}

  @llmSpan({ kind: 'RETRIEVER', dataSource: 'kb' })
  async retrieve(query: string): Promise<string[]> {
    return [`${this.prefix}:${query}`];
  }

  @llmSpan('TOOL')
  lookup(id: number): number {
    return id + 1;
  }

  @llmSpan()
  answer(q: string): string {
    return this.lookup(q.length).toString();
  }

  @llmSpan({ kind: 'AGENT', name: 'fails' })
  broken(): never {
    throw new TypeError('bad input');
  }

  @llmSpan({ kind: 'LLM', model: 'gpt-4o' })
  async *stream(): AsyncGenerator<string> {
    yield 'a';
    yield 'b';
  }

  @llmSpan({ kind: 'TASK' })
  static make(prefix: string): Rag {
    return new Rag(prefix);
  }
}

describe('@llmSpan', () => {
  it('wraps instance methods, keeping this and the return value', async () => {
    const rag = new Rag('p');
    expect(await rag.retrieve('q')).toEqual(['p:q']);
    await tick();
    const s = h.span('retrieval kb');
    expect(s.attributes['gen_ai.span.kind']).toBe('RETRIEVER');
    expect(s.attributes['gen_ai.data_source.id']).toBe('kb');
  });

  it('uses the method name as the entity name, and nests calls', () => {
    const rag = new Rag('p');
    expect(rag.answer('abc')).toBe('4');
    const outer = h.span('chain answer');
    const inner = h.span('execute_tool lookup');
    expect(inner.attributes['gen_ai.tool.name']).toBe('lookup');
    expect(inner.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
  });

  it('wraps static methods', () => {
    expect(Rag.make('z')).toBeInstanceOf(Rag);
    expect(h.span('run_task make').attributes['gen_ai.span.kind']).toBe('TASK');
  });

  it('records errors and rethrows the same error', () => {
    const rag = new Rag('p');
    expect(() => rag.broken()).toThrow(TypeError);
    const s = h.span('invoke_agent fails');
    expect(s.status.code).toBe(SpanStatusCode.ERROR);
    expect(s.attributes['error.type']).toBe('TypeError');
  });

  it('keeps streams open until consumed', async () => {
    const rag = new Rag('p');
    const out: string[] = [];
    for await (const x of rag.stream()) out.push(x);
    await tick();
    expect(out).toEqual(['a', 'b']);
    expect(h.span('chat gpt-4o').attributes['gen_ai.span.kind']).toBe('LLM');
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('keeps the method name and length', () => {
    expect(Rag.prototype.lookup.name).toBe('lookup');
    expect(Rag.prototype.lookup.length).toBe(1);
  });

  it('rejects a bad argument with a clear error', () => {
    expect(() => llmSpan(42 as never)).toThrow(/span kind or an options object/);
  });
});
