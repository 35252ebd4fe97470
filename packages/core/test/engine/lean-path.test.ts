// What the per-call fast work may skip, and that skipping it loses nothing: the start time read
// from the SDK span, content not built with capture off, the dialect's span kind written at start.
import { context, createContextKey, trace, type Span, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_STREAM_ABANDONED, configure, getActiveSpanState, withChain, withLLM, withTask, withTool } from '../../src';
import { CONTENT_ADAPTERS } from '../../src/extend';
import { resetConfig } from '../../src/config';
import { useTracing } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function* slowFirstChunk(): AsyncGenerator<string> {
  await sleep(30);
  yield 'a';
  yield 'b';
}

function ttftMs(attrs: Record<string, unknown>): number {
  return (attrs['gen_ai.response.time_to_first_token'] as number) / 1e6;
}

describe('time to first chunk is measured from the span start', () => {
  const h = useTracing();

  it('with SDK spans (start time read from the span itself)', async () => {
    const stream = withLLM({ model: 'm' }, slowFirstChunk);
    for await (const _ of stream()) void _;
    const s = h.span('chat m');
    const durationMs = s.duration[0] * 1e3 + s.duration[1] / 1e6;
    expect(ttftMs(s.attributes)).toBeGreaterThanOrEqual(29);
    expect(ttftMs(s.attributes)).toBeLessThanOrEqual(durationMs + 1);
  });
});

/** A span that forwards to an SDK span but is not one (as another SDK's span would be). */
function foreignProvider(inner: TracerProvider): TracerProvider {
  const wrapSpan = (span: Span): Span => {
    const forward: Record<string, unknown> = {};
    for (const key of ['spanContext', 'setAttribute', 'setAttributes', 'addEvent', 'addLink', 'addLinks', 'setStatus', 'updateName', 'end', 'isRecording', 'recordException'] as const) {
      forward[key] = (...a: unknown[]) => {
        const r = (span[key] as (...b: unknown[]) => unknown).apply(span, a);
        return r === span ? forward : r;
      };
    }
    return forward as unknown as Span;
  };
  return {
    getTracer(name, version) {
      const t = inner.getTracer(name, version);
      return {
        startSpan: (n, o, c) => wrapSpan(t.startSpan(n, o, c)),
        startActiveSpan: t.startActiveSpan.bind(t),
      } as Tracer;
    },
  };
}

describe('time to first chunk with spans that are not SDK spans', () => {
  const exporter = new InMemorySpanExporter();
  beforeEach(() => {
    resetConfig();
    exporter.reset();
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(foreignProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })));
  });
  afterEach(() => {
    trace.disable();
    context.disable();
  });

  it('falls back to its own clock reading at start', async () => {
    const stream = withLLM({ model: 'm' }, slowFirstChunk);
    for await (const _ of stream()) void _;
    const [s] = exporter.getFinishedSpans();
    expect(s.name).toBe('chat m');
    const durationMs = s.duration[0] * 1e3 + s.duration[1] / 1e6;
    expect(ttftMs(s.attributes)).toBeGreaterThanOrEqual(29);
    expect(ttftMs(s.attributes)).toBeLessThanOrEqual(durationMs + 1);
  });
});

describe('capture off: content is not built, structure is still written', () => {
  const h = useTracing();

  it('the TOOL adapter builds no argument content when capture is off', () => {
    expect(CONTENT_ADAPTERS.TOOL.input?.([1, 2], false)).toBeUndefined();
    expect(CONTENT_ADAPTERS.TOOL.input?.([1, 2], true)).toEqual({ arguments: [1, 2] });
    expect(CONTENT_ADAPTERS.TOOL.input?.([1, 2])).toEqual({ arguments: [1, 2] });
  });

  it('a tool call passed as the argument keeps its id and name with capture off', () => {
    configure({ captureContent: false });
    const run = withTool(function run(call: unknown) {
      return call !== undefined;
    });
    run({ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } });
    const s = h.span('execute_tool run');
    expect(s.attributes['gen_ai.tool.call.id']).toBe('call_1');
    expect(s.attributes['gen_ai.tool.call.arguments']).toBeUndefined();
  });

  it('OpenInference span kind is on spans with no other write (anonymous CHAIN and TOOL, capture off)', () => {
    configure({ captureContent: false, dialects: ['llm-trace', 'openinference'] });
    withChain((x: number) => x + 1)(1);
    withTool((x: number) => x * 2)(2);
    const kinds = h.spans().map((s) => [s.attributes['gen_ai.span.kind'], s.attributes['openinference.span.kind']]);
    expect(kinds).toEqual([
      ['CHAIN', 'CHAIN'],
      ['TOOL', 'TOOL'],
    ]);
  });
});

describe('the context a wrapped call runs in (no copy of the parent per call)', () => {
  const h = useTracing();
  const outerKey = createContextKey('test outer');
  const innerKey = createContextKey('test inner');

  it('answers the active span and state, passes other keys to the parent, and copies on write', () => {
    const seen: Record<string, unknown> = {};
    const fn = withChain(function pipeline() {
      const ctx = context.active();
      seen.outer = ctx.getValue(outerKey);
      seen.stateKind = getActiveSpanState()?.kind;
      const written = ctx.setValue(innerKey, 'v');
      seen.writtenInner = written.getValue(innerKey);
      seen.writtenOuter = written.getValue(outerKey);
      seen.parentUnchanged = ctx.getValue(innerKey);
      context.with(written, () => {
        seen.spanInWritten = trace.getActiveSpan()?.spanContext().spanId;
        seen.stateInWritten = getActiveSpanState()?.kind;
      });
      const removed = written.deleteValue(outerKey);
      seen.removedOuter = removed.getValue(outerKey);
      seen.removedSpan = trace.getSpan(removed)?.spanContext().spanId;
      return trace.getActiveSpan()?.spanContext().spanId;
    });
    const spanId = context.with(context.active().setValue(outerKey, 'o'), fn);
    expect(h.span('chain pipeline').spanContext().spanId).toBe(spanId);
    expect(seen).toEqual({
      outer: 'o',
      stateKind: 'CHAIN',
      writtenInner: 'v',
      writtenOuter: 'o',
      parentUnchanged: undefined,
      spanInWritten: spanId,
      stateInWritten: 'CHAIN',
      removedOuter: undefined,
      removedSpan: spanId,
    });
  });

  it('a plain OTel span started inside ours has no llm-trace state; ours nest by parent id', () => {
    const states: unknown[] = [];
    const inner = withTool(function inner() {
      states.push(getActiveSpanState()?.kind);
      trace.getTracer('plain').startActiveSpan('plain child', (s) => {
        states.push(getActiveSpanState());
        s.end();
      });
      states.push(getActiveSpanState()?.kind);
    });
    withChain(function outer() {
      inner();
      states.push(getActiveSpanState()?.kind);
    })();
    expect(states).toEqual(['TOOL', undefined, 'TOOL', 'CHAIN']);
    const outer = h.span('chain outer');
    const tool = h.span('execute_tool inner');
    const plain = h.span('plain child');
    expect(tool.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    expect(plain.parentSpanContext?.spanId).toBe(tool.spanContext().spanId);
    expect(getActiveSpanState()).toBeUndefined();
  });
});

describe('streams observed through their prototype', () => {
  const h = useTracing();

  it('nested stream wrappers: every span ends when the stream is read to the end', async () => {
    const inner = withLLM({ model: 'm' }, async function* gen() {
      yield 'a';
      yield 'b';
    });
    const outer = withChain(function pipeline() {
      return inner();
    });
    const out: string[] = [];
    for await (const x of outer()) out.push(x);
    expect(out).toEqual(['a', 'b']);
    expect(h.spans().map((s) => [s.name, s.attributes[ATTR_STREAM_ABANDONED]])).toEqual([
      ['chat m', undefined],
      ['chain pipeline', undefined],
    ]);
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('nested stream wrappers: break ends both as cancelled', async () => {
    const inner = withLLM({ model: 'm' }, function* gen() {
      yield 1;
      yield 2;
    });
    const outer = withChain(function pipeline() {
      return inner();
    });
    for (const x of outer()) if (x === 1) break;
    expect(h.spans().map((s) => [s.name, s.attributes['llm_trace.stream.cancelled']])).toEqual([
      ['chat m', true],
      ['chain pipeline', true],
    ]);
  });

  it('a wrapped generator keeps identity, instanceof and its own keys; generators of the same function left unwrapped are untouched', () => {
    function* gen(): Generator<number> {
      yield 1;
    }
    const wrapped = withTask(gen);
    const g = wrapped();
    expect(g instanceof gen).toBe(true);
    expect(g[Symbol.iterator]()).toBe(g);
    expect(Object.keys(g)).toEqual([]);
    // Not even a hidden symbol: the link to the span lives in a private field.
    expect(Reflect.ownKeys(g)).toEqual(Reflect.ownKeys(gen()));
    const plain = gen();
    expect([...plain]).toEqual([1]);
    expect(h.spans()).toHaveLength(0);
    expect([...g]).toEqual([1]);
    expect(h.spans()).toHaveLength(1);
  });

  it("an async generator's own next: each step comes back as a native promise of the same step, a failure as the same rejection", async () => {
    const boom = new Error('boom');
    const gen = withLLM({ model: 'm' }, async function* () {
      yield 'a';
      throw boom;
    });
    const it = gen();
    const first = it.next();
    expect(Object.getPrototypeOf(first)).toBe(Promise.prototype);
    expect(await first).toEqual({ value: 'a', done: false });
    await expect(it.next()).rejects.toBe(boom);
    expect(await it.next()).toEqual({ value: undefined, done: true });
    const s = h.span('chat m');
    expect(s.status.code).toBe(2);
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('an async generator whose next the app replaced on its prototype: a thenable step is still observed', async () => {
    async function* source(): AsyncGenerator<string> {
      yield 'a';
    }
    const proto = Object.getPrototypeOf(source.prototype) as { next: (...a: unknown[]) => unknown };
    const gen = withLLM({ model: 'm' }, function () {
      const g = source();
      const next = proto.next;
      // A prototype of its own whose next hands out thenables (as a polyfill's might).
      const own = Object.create(Object.getPrototypeOf(g));
      own.next = function (this: unknown) {
        const p = next.call(this) as Promise<unknown>;
        return { then: (ok: (v: unknown) => unknown, err: (e: unknown) => unknown) => p.then(ok, err) };
      };
      Object.setPrototypeOf(g, own);
      return g;
    });
    const it = gen();
    expect(await it.next()).toEqual({ value: 'a', done: false });
    expect(h.spans()).toHaveLength(0);
    expect(await it.next()).toEqual({ value: undefined, done: true });
    expect(h.span('chat m').attributes[ATTR_STREAM_ABANDONED]).toBeUndefined();
    expect(h.counter.allEndedOnce()).toBe(true);
  });
});

describe('content the options fix is copied out only when the arguments name it too', () => {
  const h = useTracing();

  it('plain arguments are written as they are, next to the name the options give', () => {
    configure({ captureContent: true });
    try {
      const lookup = withTool({ name: 'lookup', description: 'finds a city' }, (a: { city: string }) => ({ city: a.city }));
      lookup({ city: 'Paris' });
      const s = h.span('execute_tool lookup');
      expect(s.attributes['gen_ai.tool.name']).toBe('lookup');
      expect(s.attributes['gen_ai.tool.description']).toBe('finds a city');
      expect(s.attributes['gen_ai.tool.call.arguments']).toBe('{"city":"Paris"}');
      expect(s.attributes['gen_ai.tool.call.result']).toBe('{"city":"Paris"}');
    } finally {
      resetConfig();
    }
  });

  it('a tool call naming another tool keeps the name the options give, and its arguments and id', () => {
    configure({ captureContent: true });
    try {
      const lookup = withTool({ name: 'lookup' }, (_call: unknown) => 'ok');
      lookup({ id: 'call_1', type: 'function', function: { name: 'other', arguments: '{"city":"Paris"}' } });
      const s = h.span('execute_tool lookup');
      expect(s.attributes['gen_ai.tool.name']).toBe('lookup');
      expect(s.attributes['gen_ai.tool.call.id']).toBe('call_1');
      expect(s.attributes['gen_ai.tool.call.arguments']).toBe('{"city":"Paris"}');
    } finally {
      resetConfig();
    }
  });

  it('a chain writes its input and output with their mime types', async () => {
    configure({ captureContent: true });
    try {
      const pipeline = withChain(async function pipeline(x: { n: number }) {
        return { answer: x.n * 2 + 1 };
      });
      await pipeline({ n: 3 });
      const a = h.span('chain pipeline').attributes;
      expect([a['input.value'], a['input.mime_type'], a['output.value'], a['output.mime_type']]).toEqual(['{"n":3}', 'application/json', '{"answer":7}', 'application/json']);
    } finally {
      resetConfig();
    }
  });
});
