import fc from 'fast-check';
import { SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { withChain, withLLM, withTool } from '../../src';
import { CONTENT_ADAPTERS } from '../../src/content';
import { tick, useTracing } from './harness';

class ThrowingProcessor implements SpanProcessor {
  onStart(): void {
    throw new Error('processor onStart');
  }
  onEnd(_s: ReadableSpan): void {
    throw new Error('processor onEnd');
  }
  forceFlush() {
    return Promise.resolve();
  }
  shutdown() {
    return Promise.resolve();
  }
}

describe('fault isolation', () => {
  const h = useTracing();

  it('a throwing adapter: the call runs once, result unchanged, diag told', () => {
    const spy = jest.spyOn(CONTENT_ADAPTERS.TOOL, 'input').mockImplementation(() => {
      throw new Error('adapter broke');
    });
    try {
      let calls = 0;
      const f = withTool(function t(x: number) { calls++; return x * 2; });
      expect(f(21)).toBe(42);
      expect(calls).toBe(1);
      expect(h.spans()).toHaveLength(1);
      expect(h.diagErrors.some((e) => String(e[0]).includes('input capture'))).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('a stream aggregator that throws on every chunk and at the end: the app reads every chunk, the span ends once, diag told', async () => {
    const spy = jest.spyOn(CONTENT_ADAPTERS.LLM, 'stream').mockImplementation(() => ({
      add: () => {
        throw new Error('add broke');
      },
      finish: () => {
        throw new Error('finish broke');
      },
    }));
    try {
      const f = withLLM({ model: 'm' }, async function* chat() {
        yield 'a';
        yield 'b';
      });
      const seen: string[] = [];
      for await (const x of f()) seen.push(x);
      expect(seen).toEqual(['a', 'b']);
      expect(h.spans()).toHaveLength(1);
      expect(h.counter.allEndedOnce()).toBe(true);
      const span = h.spans()[0]!;
      expect(span.status.code).not.toBe(SpanStatusCode.ERROR);
      expect(typeof span.attributes['gen_ai.response.time_to_first_token']).toBe('number');
      expect(h.diagErrors.filter((e) => String(e[0]).includes('stream aggregation failed'))).toHaveLength(2);
      expect(h.diagErrors.some((e) => String(e[0]).includes('stream finish failed'))).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('throwing mapInput / mapOutput and hostile arguments never reach the app', async () => {
    const hostile = Object.defineProperty({}, 'x', { enumerable: true, get() { throw new Error('getter'); } });
    const cyclic: Record<string, unknown> = { n: 1n };
    cyclic.me = cyclic;
    const f = withChain(
      { name: 'h', mapInput: () => { throw new Error('mi'); }, mapOutput: () => { throw new Error('mo'); } },
      async (a: unknown, b: unknown) => [a, b],
    );
    const out = await f(hostile, cyclic);
    expect(out[0]).toBe(hostile);
    await tick();
    expect(h.span('chain h').status.code).not.toBe(SpanStatusCode.ERROR);
    expect(h.diagErrors.length).toBeGreaterThan(0);
  });

  it('a tracer whose startSpan throws: the call runs untraced, once', () => {
    const fake = { startSpan() { throw new Error('tracer broke'); } } as unknown as Tracer;
    const provider = { getTracer: () => fake };
    trace.disable();
    trace.setGlobalTracerProvider(provider as never);
    let calls = 0;
    expect(withLLM(() => { calls++; return 'r'; })()).toBe('r');
    expect(calls).toBe(1);
    expect(h.diagErrors.some((e) => String(e[0]).includes('could not start a span'))).toBe(true);
  });

  it('sampled out: no capture, but children still run in the trace context', async () => {
    trace.disable();
    const { BasicTracerProvider, AlwaysOffSampler } = await import('@opentelemetry/sdk-trace-base');
    trace.setGlobalTracerProvider(new BasicTracerProvider({ sampler: new AlwaysOffSampler(), spanProcessors: [h.counter] }));
    let reads = 0;
    const arg = { get v() { reads++; return 1; } };
    let innerTrace: string | undefined;
    const f = withChain(function s(_a: typeof arg) { innerTrace = trace.getActiveSpan()?.spanContext().traceId; return 3; });
    expect(f(arg)).toBe(3);
    expect(reads).toBe(0);
    expect(innerTrace).toMatch(/^[0-9a-f]{32}$/);
    expect(h.counter.started.size).toBe(0);
  });
});

describe('a throwing span processor', () => {
  const h = useTracing({ extraProcessors: [new ThrowingProcessor()] });
  it('the app function still runs exactly once and its result is unchanged', async () => {
    let calls = 0;
    const f = withTool(async function t() { calls++; return 'ok'; });
    expect(await f()).toBe('ok');
    expect(calls).toBe(1);
    const g = withTool(function boom() { calls++; throw new TypeError('app'); });
    expect(() => g()).toThrow(TypeError);
    expect(calls).toBe(2);
    void h;
  });
});

describe('property: wrapped behaves exactly as unwrapped', () => {
  const h = useTracing();
  const values = fc.oneof(fc.anything(), fc.bigInt(), fc.constant(undefined), fc.constant(null), fc.func(fc.integer()));

  it('sync functions: same return value or same thrown value', () => {
    fc.assert(
      fc.property(fc.array(values, { maxLength: 4 }), values, fc.boolean(), (args, out, throws) => {
        const fn = (..._a: unknown[]) => {
          if (throws) throw out;
          return out;
        };
        const wrapped = withChain(fn);
        let a: { ok: boolean; v: unknown };
        let b: { ok: boolean; v: unknown };
        try { a = { ok: true, v: fn(...args) }; } catch (e) { a = { ok: false, v: e }; }
        try { b = { ok: true, v: wrapped(...args) }; } catch (e) { b = { ok: false, v: e }; }
        expect(b.ok).toBe(a.ok);
        expect(Object.is(b.v, a.v)).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('functions returning a native promise: a new native promise, same settlement', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(values, { maxLength: 4 }), values, fc.boolean(), async (args, out, rejects) => {
        let p!: Promise<unknown>;
        const fn = (..._a: unknown[]) => (p = rejects ? Promise.reject(out) : Promise.resolve(out));
        const returned = withTool(fn)(...args);
        // A plain native promise may come back as another one that settles identically.
        expect(Object.getPrototypeOf(returned)).toBe(Object.getPrototypeOf(p));
        const settled = await returned.then((v) => ({ ok: true, v }), (e) => ({ ok: false, v: e }));
        expect(settled.ok).toBe(!rejects);
        expect(Object.is(settled.v, out)).toBe(true);
      }),
      { numRuns: 200 },
    );
    await tick();
    expect(h.counter.allEndedOnce()).toBe(true);
    expect(h.counter.started.size).toBe(200);
  });
});
