import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import {
  configure,
  getActiveSpanState,
  traceLlmSpan,
  withAgent,
  withChain,
  withEmbedding,
  withEntry,
  withLLM,
  withLlmSpan,
  withReranker,
  withRetriever,
  withStep,
  withTask,
  withTool,
} from '../../src';
import { tick, useTracing } from './harness';

const h = useTracing();

describe('span naming, kinds and attributes', () => {
  it.each([
    ['LLM', () => withLLM({ model: 'gpt-4o' }, () => 1), 'chat gpt-4o', 'chat', SpanKind.CLIENT],
    ['EMBEDDING', () => withEmbedding({ model: 'e3' }, () => 1), 'embeddings e3', 'embeddings', SpanKind.CLIENT],
    ['RETRIEVER', () => withRetriever({ dataSource: 'kb' }, () => 1), 'retrieval kb', 'retrieval', SpanKind.CLIENT],
    ['RERANKER', () => withReranker({ model: 'bge' }, () => 1), 'rerank bge', 'rerank', SpanKind.CLIENT],
    ['TOOL', () => withTool(function search() { return 1; }), 'execute_tool search', 'execute_tool', SpanKind.INTERNAL],
    ['AGENT', () => withAgent({ name: 'planner' }, () => 1), 'invoke_agent planner', 'invoke_agent', SpanKind.INTERNAL],
    ['CHAIN', () => withChain(function pipeline() { return 1; }), 'chain pipeline', 'workflow', SpanKind.INTERNAL],
    ['TASK', () => withTask({ name: 'parse' }, () => 1), 'run_task parse', 'run_task', SpanKind.INTERNAL],
    ['ENTRY', () => withEntry(() => 1), 'enter_ai_application_system', 'enter', SpanKind.INTERNAL],
    ['STEP', () => withStep(() => 1), 'react step', 'react', SpanKind.INTERNAL],
  ] as const)('%s', (kind, make, name, op, otelKind) => {
    expect(make()()).toBe(1);
    const span = h.span(name);
    expect(span.attributes['gen_ai.span.kind']).toBe(kind);
    expect(span.attributes['gen_ai.operation.name']).toBe(op);
    expect(span.kind).toBe(otelKind);
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('uses the bare operation name when the detail is unknown, and spanName overrides', () => {
    withLLM(() => 1)();
    withTool({ spanName: 'custom', name: 'x' }, () => 1)();
    expect(h.spans().map((s) => s.name)).toEqual(['chat', 'custom']);
  });

  it('names the LLM span by the model found in the arguments', () => {
    withLLM((req: { model: string; messages: unknown[] }) => req.messages.length)({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(h.spans()[0].name).toBe('chat gpt-4o-mini');
  });

  it('writes entity names and options through the content writer', () => {
    withTool({ description: 'Search the web' }, function search(q: string) { return q.length; })('otel');
    const span = h.span('execute_tool search');
    expect(span.attributes['gen_ai.tool.name']).toBe('search');
    expect(span.attributes['gen_ai.tool.description']).toBe('Search the web');
    expect(span.attributes['gen_ai.tool.call.arguments']).toBeDefined();
    expect(span.attributes['gen_ai.tool.call.result']).toBeDefined();
  });

  it('captures CHAIN input and output values, and honours captureContent', () => {
    withChain(function c(x: { a: number }) { return { b: x.a + 1 }; })({ a: 1 });
    const attrs = h.span('chain c').attributes;
    expect(JSON.stringify(attrs)).toContain('"a\\":1');
    configure({ captureContent: false });
    withChain(function d(x: { a: number }) { return { b: x.a }; })({ a: 7 });
    expect(JSON.stringify(h.span('chain d').attributes)).not.toContain('7');
  });

  it('applies mapInput / mapOutput over the default capture', () => {
    const retrieve = withRetriever(
      { dataSource: 'kb', mapInput: ([q]) => ({ query: q.toUpperCase() }), mapOutput: (docs) => ({ documents: docs.map((d, i) => ({ id: String(i), content: d })) }) },
      async (q: string) => [q, q + '!'],
    );
    return retrieve('hello').then(async () => {
      await tick();
      const attrs = h.span('retrieval kb').attributes;
      expect(JSON.stringify(attrs)).toContain('HELLO');
      expect(JSON.stringify(attrs)).toContain('hello!');
    });
  });

  it('writes the attributes option', () => {
    withTask({ name: 't', attributes: { 'app.tenant': 'acme' } }, () => 1)();
    expect(h.span('run_task t').attributes['app.tenant']).toBe('acme');
  });

  it('withLlmSpan accepts (fn), (kind, fn) and (options, fn)', () => {
    withLlmSpan(function plain() { return 1; })();
    withLlmSpan('TOOL', function t1() { return 1; })();
    withLlmSpan({ kind: 'AGENT', name: 'a1' }, () => 1)();
    expect(h.spans().map((s) => s.name)).toEqual(['chain plain', 'execute_tool t1', 'invoke_agent a1']);
  });

  it('rejects bad arguments naming them', () => {
    expect(() => withTool({}, 3 as never)).toThrow(/"fn"/);
    expect(() => withTool(null as never, () => 1)).toThrow(/"options"/);
    expect(() => withTool({ name: 3 as never }, () => 1)).toThrow(/"name"/);
    expect(() => withLlmSpan({ mapInput: 'x' as never }, () => 1)).toThrow(/"mapInput"/);
  });

  it('an unknown kind warns once and records CHAIN', () => {
    const f = withLlmSpan({ kind: 'WIZARD' as never, name: 'w' }, () => 5);
    const g = withLlmSpan({ kind: 'WIZARD' as never, name: 'w2' }, () => 6);
    expect(f()).toBe(5);
    expect(g()).toBe(6);
    expect(h.span('chain w').attributes['gen_ai.span.kind']).toBe('CHAIN');
    expect(h.diagWarnings.filter((w) => String(w[0]).includes('WIZARD'))).toHaveLength(1);
  });
});

describe('nesting and context', () => {
  it('children nest under the wrapper across await, and the state is active inside', async () => {
    let inner: ReturnType<typeof getActiveSpanState>;
    const tool = withTool(async function lookup() {
      await tick();
      inner = getActiveSpanState();
      return 1;
    });
    const agent = withAgent({ name: 'boss' }, async () => {
      await tick();
      return (await tool()) + (await tool());
    });
    expect(await agent()).toBe(2);
    const parent = h.span('invoke_agent boss');
    const children = h.spans().filter((s) => s.name === 'execute_tool lookup');
    expect(children).toHaveLength(2);
    for (const c of children) {
      expect(c.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
      expect(c.spanContext().traceId).toBe(parent.spanContext().traceId);
    }
    expect(inner!.kind).toBe('TOOL');
    expect(getActiveSpanState()).toBeUndefined();
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('keeps this, arguments, name and length', () => {
    const obj = {
      base: 10,
      add: withTask(function add(this: { base: number }, a: number, b: number) { return this.base + a + b; }),
    };
    expect(obj.add(1, 2)).toBe(13);
    expect(obj.add.name).toBe('add');
    expect(obj.add.length).toBe(2);
  });

  it('traceLlmSpan runs a block in a span and passes a live handle', () => {
    const r = traceLlmSpan({ kind: 'TASK', name: 'block' }, (span) => {
      span.setAttributes({ 'app.k': 'v' });
      return trace.getActiveSpan()?.spanContext().spanId;
    });
    const s = h.span('run_task block');
    expect(r).toBe(s.spanContext().spanId);
    expect(s.attributes['app.k']).toBe('v');
  });
});

describe('return shapes', () => {
  it('sync stays sync', () => {
    const r = withChain(() => 42)();
    expect(r).toBe(42);
    expect(h.spans()).toHaveLength(1);
  });

  it('returns the same promise object, with its extra methods', async () => {
    class APIPromise<T> extends Promise<T> {
      withResponse() {
        return 'extra';
      }
    }
    const p = new APIPromise<number>((res) => setImmediate(() => res(7)));
    const f = withLLM(() => p);
    const out = f();
    expect(out).toBe(p);
    expect(out.withResponse()).toBe('extra');
    expect(h.spans()).toHaveLength(0);
    expect(await out).toBe(7);
    await tick();
    expect(h.spans()).toHaveLength(1);
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('returns a custom thenable as the same object and ends when it settles', async () => {
    const resolvers: ((v: number) => void)[] = [];
    const thenable = { then(onOk: (v: number) => void) { resolvers.push(onOk); } };
    const out = withTask({ name: 'th' }, () => thenable)();
    expect(out).toBe(thenable);
    let got: number | undefined;
    out.then((v) => (got = v));
    for (const r of resolvers) r(1);
    expect(got).toBe(1);
    expect(h.spans()).toHaveLength(1);
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('a lazy thenable (APIPromise-like) is not started by us; unobserved, it ends as abandoned', async () => {
    configure({ streamIdleTimeoutMs: 20 });
    let parsed = 0;
    class LazyPromise<T> extends Promise<T> {
      override then<A = T, B = never>(onOk?: ((v: T) => A | PromiseLike<A>) | null, onErr?: ((e: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
        parsed++;
        return super.then(onOk, onErr);
      }
      asResponse() {
        return 'raw response';
      }
      withResponse() {
        return Promise.resolve({ data: 9, response: 'r' });
      }
    }
    const p = new LazyPromise<number>((res) => res(5));
    parsed = 0;
    const out = withLLM({ model: 'lazy' }, () => p)();
    expect(out).toBe(p);
    expect(out.asResponse()).toBe('raw response');
    await tick();
    expect(parsed).toBe(0);
    await new Promise((r) => setTimeout(r, 60));
    expect(h.span('chat lazy').attributes['llm_trace.stream.abandoned']).toBe(true);

    const q = new LazyPromise<number>((res) => res(6));
    const out2 = withLLM({ model: 'lazy2' }, () => q)();
    expect(await out2).toBe(6);
    await tick();
    expect(h.span('chat lazy2').attributes['llm_trace.stream.abandoned']).toBeUndefined();

    // withResponse() reaches the result without calling then: it settles the span too.
    const w = new LazyPromise<number>((res) => res(7));
    parsed = 0;
    const out3 = withLLM({ model: 'lazy3' }, () => w)();
    expect(await out3.withResponse()).toEqual({ data: 9, response: 'r' });
    await tick();
    expect(parsed).toBe(0);
    expect(h.span('chat lazy3').attributes['llm_trace.stream.abandoned']).toBeUndefined();
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('sync throw: ERROR status, error.type, exception event, same error rethrown', () => {
    const err = new RangeError('boom');
    const f = withTool(function bad() { throw err; });
    let caught: unknown;
    try {
      f();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(err);
    const s = h.span('execute_tool bad');
    expect(s.status).toEqual({ code: SpanStatusCode.ERROR, message: 'boom' });
    expect(s.attributes['error.type']).toBe('RangeError');
    expect(s.events.map((e) => e.name)).toEqual(['exception']);
    expect(s.events[0].attributes?.['exception.message']).toBe('boom');
  });

  it('rejection: same error, recorded; the side chain adds no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (r: unknown) => unhandled.push(r);
    process.on('unhandledRejection', onUnhandled);
    try {
      const err = new Error('nope');
      const f = withAgent({ name: 'r' }, async () => {
        await tick();
        throw err;
      });
      await expect(f()).rejects.toBe(err);
      await tick();
      await tick();
      const s = h.span('invoke_agent r');
      expect(s.status.code).toBe(SpanStatusCode.ERROR);
      expect(s.attributes['error.type']).toBe('Error');
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('non-Error thrown values are rethrown identically with error.type _OTHER', () => {
    const thrown = { code: 42 };
    expect(() => withChain(function o() { throw thrown; })()).toThrow();
    try {
      withChain(function o2() { throw thrown; })();
    } catch (e) {
      expect(e).toBe(thrown);
    }
    expect(h.span('chain o2').attributes['error.type']).toBe('_OTHER');
  });

  it('a sync generator keeps identity and the span ends at exhaustion with first-token time', () => {
    const gen = withLLM({ model: 'm' }, function* () {
      yield 'a';
      yield 'b';
    });
    const it = gen();
    expect(Object.prototype.toString.call(it)).toBe('[object Generator]');
    expect(h.spans()).toHaveLength(0);
    expect([...it]).toEqual(['a', 'b']);
    const s = h.span('chat m');
    expect(typeof s.attributes['gen_ai.response.time_to_first_token']).toBe('number');
    // House rule 6: a streamed result marks the request as streaming even when no argument said so.
    expect(s.attributes['gen_ai.request.stream']).toBe(true);
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('a non-LLM stream does not get the LLM-only stream flag', () => {
    const gen = withChain(function* steps() {
      yield 1;
    });
    expect([...gen()]).toEqual([1]);
    expect(h.span('chain steps').attributes['gen_ai.request.stream']).toBeUndefined();
  });

  it('an async generator: span open until the end; break marks cancelled', async () => {
    const gen = withLLM({ model: 'm2' }, async function* () {
      yield 1;
      yield 2;
      yield 3;
    });
    const it = gen();
    const seen: number[] = [];
    for await (const x of it) {
      seen.push(x);
      if (x === 2) break;
    }
    expect(seen).toEqual([1, 2]);
    await tick();
    const s = h.span('chat m2');
    expect(s.attributes['llm_trace.stream.cancelled']).toBe(true);
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('an async iterable object (OpenAI Stream-like) keeps its other methods; mid-stream error recorded', async () => {
    class FakeStream {
      controller = { abort: () => 'aborted' };
      constructor(private items: unknown[], private failAt = -1) {}
      async *[Symbol.asyncIterator]() {
        for (let i = 0; i < this.items.length; i++) {
          if (i === this.failAt) throw new Error('mid');
          yield this.items[i];
        }
      }
      toReadableStream() {
        return 'rs';
      }
    }
    const chunk = (t: string) => ({ choices: [{ index: 0, delta: { content: t } }] });
    const stream = new FakeStream([chunk('Hel'), chunk('lo')]);
    const f = withLLM({ model: 'gpt' }, async () => stream);
    const out = await f();
    expect(out).toBe(stream);
    expect(out.toReadableStream()).toBe('rs');
    expect(out.controller.abort()).toBe('aborted');
    await tick();
    expect(h.spans()).toHaveLength(0);
    const got: unknown[] = [];
    for await (const c of out) got.push(c);
    expect(got).toHaveLength(2);
    await tick();
    const s = h.span('chat gpt');
    expect(s.status.code).not.toBe(SpanStatusCode.ERROR);
    expect(JSON.stringify(s.attributes)).toContain('Hello');

    const bad = new FakeStream([chunk('x'), chunk('y')], 1);
    const g = withLLM({ model: 'bad' }, () => bad);
    await expect((async () => {
      for await (const _ of g()) void _;
    })()).rejects.toThrow('mid');
    await tick();
    expect(h.span('chat bad').status).toEqual({ code: SpanStatusCode.ERROR, message: 'mid' });
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('a plain ReadableStream comes back as an equivalent one; reading through getReader ends the span', async () => {
    const rs = new ReadableStream<string>({
      start(c) {
        c.enqueue('a');
        c.enqueue('b');
        c.close();
      },
    });
    const out = withChain(function streamy() { return rs; })();
    expect(out).toBeInstanceOf(ReadableStream);
    const reader = out.getReader();
    const parts: string[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
    await tick();
    expect(parts).toEqual(['a', 'b']);
    const s = h.span('chain streamy');
    expect(typeof s.attributes['gen_ai.user.time_to_first_token']).toBe('number');
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('a ReadableStream read with for await ends the span', async () => {
    const rs = new ReadableStream<number>({
      start(c) {
        c.enqueue(1);
        c.close();
      },
    });
    const out = withTask({ name: 'rs2' }, () => rs)();
    const got: number[] = [];
    for await (const x of out as unknown as AsyncIterable<number>) got.push(x);
    await tick();
    expect(got).toEqual([1]);
    expect(h.spans().map((s) => s.name)).toEqual(['run_task rs2']);
  });

  it('a never-consumed stream ends after the idle timeout, marked abandoned', async () => {
    configure({ streamIdleTimeoutMs: 20 });
    const f = withLLM({ model: 'idle' }, async function* () {
      yield 1;
    });
    const it = f();
    expect(h.spans()).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 60));
    const s = h.span('chat idle');
    expect(s.attributes['llm_trace.stream.abandoned']).toBe(true);
    // consuming later does not end it again
    for await (const _ of it) void _;
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('idle timeouts are per stream: a short one is not held back by an earlier long one', async () => {
    const gen = async function* () {
      yield 1;
      yield 2;
    };
    configure({ streamIdleTimeoutMs: 60_000 });
    const long = withLLM({ model: 'long' }, gen)();
    configure({ streamIdleTimeoutMs: 20 });
    const short = withLLM({ model: 'short' }, gen)();
    configure({ streamIdleTimeoutMs: 200 });
    const read = withLLM({ model: 'read' }, gen)() as AsyncGenerator<number>;
    await read.next();
    await new Promise((r) => setTimeout(r, 80));
    expect(h.span('chat short').attributes['llm_trace.stream.abandoned']).toBe(true);
    expect(h.spans().map((s) => s.name)).toEqual(['chat short']);
    // The other two are within their timeouts: both finish normally.
    for await (const _ of read) void _;
    for await (const _ of long as AsyncIterable<number>) void _;
    // Reading the abandoned one later does not end it again.
    for await (const _ of short as AsyncIterable<number>) void _;
    await tick();
    expect(h.span('chat read').attributes['llm_trace.stream.abandoned']).toBeUndefined();
    expect(h.span('chat long').attributes['llm_trace.stream.abandoned']).toBeUndefined();
    expect(h.counter.allEndedOnce()).toBe(true);
  });
});

describe('fast path', () => {
  it('no provider: no span, no capture, result unchanged', () => {
    trace.disable();
    let reads = 0;
    const arg = { get secret() { reads++; return 1; } };
    const f = withChain((x: typeof arg) => 'ok' + typeof x);
    expect(f(arg)).toBe('okobject');
    expect(reads).toBe(0);
    expect(h.spans()).toHaveLength(0);
    expect(context.active()).toBeDefined();
  });

  it('no provider: a throwing function runs once and its error passes through untouched', () => {
    trace.disable();
    let calls = 0;
    const err = new Error('app');
    const f = withTool(function t() { calls++; throw err; });
    expect(() => f()).toThrow(err);
    expect(calls).toBe(1);
    expect(h.diagErrors).toEqual([]);
  });
});
