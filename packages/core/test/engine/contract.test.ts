/**
 * The behaviour contract on the paths a wrapped call can take: generators run in their span, a
 * replaced global Promise, results returned by many calls, promises that never settle, span
 * faults, shallow stacks, and every way of reading a stream.
 */
import { PassThrough, Readable, Writable, pipeline } from 'node:stream';
import { promisify } from 'node:util';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { configure, currentLlmSpan, withChain, withLLM, withSession, withTool } from '../../src';
import { watchedCount } from '../../src/engine/idle';
import { tick, useTracing } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('generators run inside their span', () => {
  const h = useTracing();

  it('a tool called in a wrapped async generator is its child; currentLlmSpan() inside it is that span', async () => {
    const lookup = withTool({ name: 'lookup' }, async (q: string) => `${q}!`);
    const gen = withLLM({ model: 'g' }, async function* (q: string) {
      currentLlmSpan().setUsage({ inputTokens: 3, outputTokens: 4 });
      yield await lookup(q);
      yield 'done';
    });
    const outer = withChain({ name: 'caller' }, async () => gen('x'));
    const it = await outer();
    const got: string[] = [];
    for await (const v of it) got.push(v);
    expect(got).toEqual(['x!', 'done']);
    const llm = h.span('chat g');
    const tool = h.span('execute_tool lookup');
    expect(tool.parentSpanContext?.spanId).toBe(llm.spanContext().spanId);
    expect(llm.attributes['gen_ai.usage.input_tokens']).toBe(3);
    expect(h.span('chain caller').attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('a sync generator: each resume runs in the span', () => {
    const seen: (string | undefined)[] = [];
    const gen = withChain({ name: 'sync' }, function* () {
      seen.push(trace.getActiveSpan() ? 'span' : undefined);
      yield 1;
      seen.push(trace.getActiveSpan() ? 'span' : undefined);
    });
    const it = gen();
    expect([...it]).toEqual([1]);
    expect(seen).toEqual(['span', 'span']);
    expect(h.span('chain sync').status.code).toBe(SpanStatusCode.UNSET);
  });

  it('a stream made inside withSession and read after it returned keeps the session', async () => {
    const gen = withLLM({ model: 's' }, async function* () {
      yield await withTool({ name: 'inner' }, async () => 1)();
    });
    const it = withSession({ sessionId: 'sess-1' }, () => gen());
    for await (const _ of it) void _;
    expect(h.span('execute_tool inner').attributes['gen_ai.session.id']).toBe('sess-1');
    expect(h.span('chat s').attributes['gen_ai.session.id']).toBe('sess-1');
  });
});

describe('a replaced global Promise (zone.js, Bluebird, core-js)', () => {
  const h = useTracing();
  const NativePromise = Promise;
  afterEach(() => {
    globalThis.Promise = NativePromise;
  });

  it('a native async function still ends its span when it settles, with its output', async () => {
    // A minimal zone-like replacement installed after we loaded, with a `then` of its own as
    // zone.js's promise has.
    class ZoneLikePromise<T> extends NativePromise<T> {
      override then<A = T, B = never>(onOk?: ((v: T) => A | PromiseLike<A>) | null, onErr?: ((e: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
        return super.then(onOk, onErr);
      }
    }
    globalThis.Promise = ZoneLikePromise as PromiseConstructor;
    const f = withTool({ name: 'native' }, async (x: number) => x * 2);
    // A plain `await`: the runtime takes a native promise's value without calling its `then`.
    expect(await f(21)).toBe(42);
    await tick();
    expect(h.span('execute_tool native').attributes['llm_trace.stream.abandoned']).toBeUndefined();
    expect(h.span('execute_tool native').attributes['gen_ai.tool.call.result']).toBe('42');
  });

  it('a promise of the replacement class comes back as itself and ends its span once awaited', async () => {
    class ZoneLikePromise<T> extends NativePromise<T> {}
    globalThis.Promise = ZoneLikePromise as PromiseConstructor;
    const p = ZoneLikePromise.resolve(5);
    const out = withTool({ name: 'zoned' }, () => p)();
    expect(out).toBe(p);
    expect(await out).toBe(5);
    await tick();
    expect(h.span('execute_tool zoned').attributes['gen_ai.tool.call.result']).toBe('5');
  });
});

describe('a result returned by many calls is observed once', () => {
  const h = useTracing();

  jest.setTimeout(60_000);

  it('the same thenable from 20 000 calls: no deeper stack, every span ends with the output', async () => {
    // A thenable with its own `then`, like a query builder or OpenAI's APIPromise.
    class Query<T> extends Promise<T> {
      override then<A = T, B = never>(onOk?: ((v: T) => A | PromiseLike<A>) | null, onErr?: ((e: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
        return super.then(onOk, onErr);
      }
    }
    const shared = Query.resolve('rows');
    const f = withTool({ name: 'memo' }, () => shared);
    let last: unknown;
    for (let i = 0; i < 20_000; i++) last = f();
    expect(last).toBe(shared);
    expect(await shared).toBe('rows');
    await tick();
    // A later call, after it settled, settles at once.
    expect(f()).toBe(shared);
    await tick();
    const spans = h.spans();
    expect(spans).toHaveLength(20_001);
    expect(spans.every((s) => s.attributes['gen_ai.tool.call.result'] === '"rows"')).toBe(true);
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('the same async iterable from 20 000 calls: every span follows the one reading and ends with it', async () => {
    const source = {
      async *[Symbol.asyncIterator]() {
        yield 'a';
        yield 'b';
      },
    };
    const f = withLLM({ model: 'memo' }, () => source);
    for (let i = 0; i < 20_000; i++) f();
    const got: string[] = [];
    for await (const v of f()) got.push(v);
    expect(got).toEqual(['a', 'b']);
    await tick();
    expect(h.spans()).toHaveLength(20_001);
    expect(h.counter.allEndedOnce()).toBe(true);
    expect(h.spans().every((s) => s.attributes['llm_trace.stream.abandoned'] === undefined)).toBe(true);
  });
});

describe('a promise that never settles', () => {
  const h = useTracing();

  it('ends its span after the idle time, marked abandoned, and is let go', async () => {
    configure({ streamIdleTimeoutMs: 50 });
    const forever = withTool({ name: 'forever' }, () => new Promise<never>(() => {}));
    const kept = Array.from({ length: 1000 }, () => forever());
    expect(watchedCount()).toBeGreaterThanOrEqual(1000);
    await sleep(150);
    expect(h.spans().filter((s) => s.name === 'execute_tool forever')).toHaveLength(1000);
    expect(h.spans().every((s) => s.attributes['llm_trace.stream.abandoned'] === true)).toBe(true);
    expect(watchedCount()).toBe(0);
    expect(kept).toHaveLength(1000);
    expect(h.counter.allEndedOnce()).toBe(true);
  });
});

describe('a fault in the span itself never reaches the app', () => {
  const h = useTracing();

  it('a span whose isRecording() throws: the function runs, diag is told', () => {
    const tracer = trace.getTracer('x');
    const real = tracer.startSpan('probe');
    real.end();
    const proto = Object.getPrototypeOf(real) as { isRecording(): boolean };
    const original = proto.isRecording;
    proto.isRecording = () => {
      throw new Error('broken span');
    };
    try {
      expect(withTool({ name: 'runs' }, (x: number) => x + 1)(1)).toBe(2);
    } finally {
      proto.isRecording = original;
    }
    expect(h.diagErrors.map(([m]) => m)).toContain('llm-trace: could not start a span; the call runs untraced');
  });
});

describe('sync recursion through a wrapped function', () => {
  useTracing();

  it('adds a small fixed number of frames: the depth reached is more than a twelfth of unwrapped', () => {
    let plainDepth = 0;
    const countPlain = (n: number): number => {
      plainDepth = n;
      return countPlain(n + 1) + 1;
    };
    try {
      countPlain(0);
    } catch {
      // full
    }
    let wrappedDepth = 0;
    const rec = withTool({ name: 'deep' }, (n: number): number => {
      wrappedDepth = n;
      return rec(n + 1) + 1;
    });
    try {
      rec(0);
    } catch {
      // full
    }
    expect(plainDepth).toBeGreaterThan(1000);
    expect(wrappedDepth / plainDepth).toBeGreaterThan(1 / 12);
  });
});

describe('every way of reading a stream is seen', () => {
  const h = useTracing();
  const chunks = () =>
    withLLM({ model: 'rs' }, () => new ReadableStream<string>({
      start(c) {
        c.enqueue('a');
        c.enqueue('b');
        c.close();
      },
    }));
  const readable = (name: string) => withLLM({ model: name }, () => Readable.from(['x', 'y', 'z']));
  const ended = (name: string) => {
    const s = h.span(name);
    expect(s.attributes['llm_trace.stream.abandoned']).toBeUndefined();
    expect(typeof s.attributes['gen_ai.response.time_to_first_token']).toBe('number');
    return s;
  };

  it('Node Readable read with on("data")', async () => {
    const r = readable('data')();
    const got: string[] = [];
    r.on('data', (c: string) => got.push(c));
    await new Promise((done) => r.on('end', done));
    await tick();
    expect(got).toEqual(['x', 'y', 'z']);
    ended('chat data');
  });

  it('Node Readable piped', async () => {
    const r = readable('pipe')();
    const got: string[] = [];
    const sink = new Writable({ objectMode: true, write: (c, _e, cb) => (got.push(c), cb()) });
    r.pipe(sink);
    await new Promise((done) => sink.on('finish', done));
    expect(got).toEqual(['x', 'y', 'z']);
    ended('chat pipe');
  });

  it('Node Readable through stream.pipeline, and a failing one records its error', async () => {
    const got: string[] = [];
    const sink = () => new Writable({ objectMode: true, write: (c, _e, cb) => (got.push(c), cb()) });
    await promisify(pipeline)(readable('pipeline')(), new PassThrough({ objectMode: true }), sink());
    ended('chat pipeline');
    const failing = withLLM({ model: 'bad' }, () =>
      new Readable({
        read() {
          this.destroy(new Error('mid-stream'));
        },
      }),
    )();
    await expect(promisify(pipeline)(failing, sink())).rejects.toThrow('mid-stream');
    expect(h.span('chat bad').status).toEqual({ code: SpanStatusCode.ERROR, message: 'mid-stream' });
  });

  it('Node Readable with for await', async () => {
    const got: string[] = [];
    for await (const c of readable('iter')()) got.push(c);
    expect(got).toEqual(['x', 'y', 'z']);
    ended('chat iter');
  });

  it('ReadableStream: pipeTo, pipeThrough, tee, cancel() on the stream itself', async () => {
    const got: string[] = [];
    await chunks()().pipeTo(new WritableStream({ write: (c) => void got.push(c) }));
    expect(got).toEqual(['a', 'b']);
    const through = chunks()().pipeThrough(new TransformStream<string, string>());
    for await (const c of through as unknown as AsyncIterable<string>) got.push(c);
    const [left, right] = chunks()().tee();
    const drain = async (s: ReadableStream<string>) => {
      for await (const c of s as unknown as AsyncIterable<string>) void c;
    };
    await Promise.all([drain(left), drain(right)]);
    const cancelled = chunks()();
    await cancelled.cancel('stop');
    await tick();
    const spans = h.spans().filter((s) => s.name === 'chat rs');
    expect(spans).toHaveLength(4);
    expect(spans.filter((s) => s.attributes['llm_trace.stream.cancelled'] === true)).toHaveLength(1);
  });

  it('a wrapped ReadableStream as a native Response body, and a raw fetch body passed through', async () => {
    const text = await new Response(chunks()().pipeThrough(new TextEncoderStream())).text();
    expect(text).toBe('ab');
    const body = withLLM({ model: 'body' }, () => new Response('hello body').body!)();
    expect(await new Response(body).text()).toBe('hello body');
    await tick();
    ended('chat body');
    expect(h.spans().filter((s) => s.name === 'chat rs')).toHaveLength(1);
  });
});
