import { configure, getActiveSpanState, withLLM, withTask } from '../../src';
import { unwatch, watch, watchedCount, type IdleWatched } from '../../src/engine/idle';
import { now } from '../../src/state';
import { tick, useTracing } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('iterator resumes without arguments (the `for await` path)', () => {
  const h = useTracing();

  it('every resume of a wrapped async generator runs in its span, with next(), next(v), return and throw', async () => {
    const seen: Array<string | undefined> = [];
    const got: unknown[] = [];
    const f = withLLM({ model: 'g' }, async function* () {
      seen.push(getActiveSpanState()?.span.spanContext().spanId);
      const sent = yield 1;
      got.push(sent);
      seen.push(getActiveSpanState()?.span.spanContext().spanId);
      yield 2;
      seen.push(getActiveSpanState()?.span.spanContext().spanId);
      try {
        yield 3;
      } catch (e) {
        got.push(e);
      }
      seen.push(getActiveSpanState()?.span.spanContext().spanId);
      yield 4;
    });
    const it = f() as AsyncGenerator<number, void, unknown>;
    expect(await it.next()).toEqual({ value: 1, done: false });
    expect(await it.next('sent')).toEqual({ value: 2, done: false });
    expect(await it.next()).toEqual({ value: 3, done: false });
    const boom = new Error('thrown in');
    expect(await it.throw(boom)).toEqual({ value: 4, done: false });
    expect(await it.return(undefined)).toEqual({ value: undefined, done: true });
    expect(got).toEqual(['sent', boom]);
    const id = h.span('chat g').spanContext().spanId;
    expect(seen).toEqual([id, id, id, id]);
    expect(getActiveSpanState()).toBeUndefined();
    expect(h.span('chat g').attributes['llm_trace.stream.cancelled']).toBe(true);
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('two generators read in turns each resume as themselves, in their own span', async () => {
    const gen = (tag: string) =>
      withLLM({ model: tag }, async function* () {
        for (let i = 0; i < 3; i++) yield `${tag}${i}:${getActiveSpanState()?.span.spanContext().spanId}`;
      })() as AsyncGenerator<string>;
    const a = gen('a');
    const b = gen('b');
    const out: string[] = [];
    for (let i = 0; i < 4; i++) {
      const ra = await a.next();
      const rb = await b.next();
      if (!ra.done) out.push(ra.value);
      if (!rb.done) out.push(rb.value);
    }
    const ida = h.span('chat a').spanContext().spanId;
    const idb = h.span('chat b').spanContext().spanId;
    expect(out).toEqual([`a0:${ida}`, `b0:${idb}`, `a1:${ida}`, `b1:${idb}`, `a2:${ida}`, `b2:${idb}`]);
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('the iterators an async iterable hands out resume as themselves, read in turns', async () => {
    const iterable = {
      [Symbol.asyncIterator]() {
        let i = 0;
        const self = {
          next() {
            // `this` must be the iterator `next` was called on.
            expect(this).toBe(self);
            return Promise.resolve(i < 2 ? { value: i++, done: false } : { value: undefined, done: true });
          },
        };
        return self;
      },
    };
    const out = withTask({ name: 'it' }, () => iterable)() as typeof iterable;
    const x = out[Symbol.asyncIterator]();
    const y = out[Symbol.asyncIterator]();
    const got = [await x.next(), await y.next(), await x.next(), await y.next(), await x.next(), await y.next()];
    expect(got.map((r) => r.value)).toEqual([0, 0, 1, 1, undefined, undefined]);
    await tick();
    expect(h.spans().map((s) => s.name)).toEqual(['run_task it']);
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('a throw from the body reaches the app identically and fails the span; a sync generator too', async () => {
    const err = new Error('body failed');
    const f = withLLM({ model: 'bad' }, async function* () {
      yield 1;
      throw err;
    });
    const it = f() as AsyncGenerator<number>;
    await it.next();
    await expect(it.next()).rejects.toBe(err);
    const g = withTask({ name: 'sync' }, function* () {
      yield getActiveSpanState()?.span.spanContext().spanId;
      throw err;
    });
    const s = g() as Generator<string | undefined>;
    const inside = s.next().value;
    expect(() => s.next()).toThrow(err);
    expect(h.span('chat bad').status.code).toBe(2);
    expect(h.span('run_task sync').status.code).toBe(2);
    expect(inside).toBe(h.span('run_task sync').spanContext().spanId);
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('after its span ended (abandoned), a generator still reads the same values, outside any span', async () => {
    configure({ streamIdleTimeoutMs: 10 });
    const f = withLLM({ model: 'late' }, async function* () {
      yield getActiveSpanState() === undefined;
      yield getActiveSpanState() === undefined;
    });
    const it = f() as AsyncGenerator<boolean>;
    await sleep(40);
    expect(h.span('chat late').attributes['llm_trace.stream.abandoned']).toBe(true);
    const values: boolean[] = [];
    for await (const v of it) values.push(v);
    expect(values).toEqual([true, true]);
    expect(h.counter.allEndedOnce()).toBe(true);
  });
});

/** A run for the idle watch alone. */
function fakeRun(onAbandon: (self: IdleWatched) => void = () => {}): IdleWatched & { abandoned: number; reads: number } {
  const run = {
    abandoned: 0,
    reads: 0,
    idleSeen: 0,
    idleTimeout: 0,
    idleDeadline: 0,
    idlePrev: undefined,
    idleNext: undefined,
    activity: () => run.reads,
    abandon: () => {
      run.abandoned++;
      onAbandon(run);
    },
  } as IdleWatched & { abandoned: number; reads: number };
  return run;
}

describe('the idle watch', () => {
  it('counts, unwatches from any place in the list, and abandons only what is still watched', async () => {
    const before = watchedCount();
    const runs = Array.from({ length: 5 }, () => fakeRun());
    for (const r of runs) watch(r, 15, now());
    watch(runs[0], 15, now()); // watching twice changes nothing
    expect(watchedCount()).toBe(before + 5);
    unwatch(runs[2]);
    unwatch(runs[0]);
    unwatch(runs[4]);
    unwatch(runs[4]);
    expect(watchedCount()).toBe(before + 2);
    await sleep(50);
    expect(runs.map((r) => r.abandoned)).toEqual([0, 1, 0, 1, 0]);
    expect(watchedCount()).toBe(before);
  });

  it('activity pushes the deadline; a run ended by another one abandoning is skipped; one watched meanwhile is still swept', async () => {
    const before = watchedCount();
    const active = fakeRun();
    const later = fakeRun();
    const victim = fakeRun();
    const first = fakeRun(() => {
      unwatch(victim);
      watch(later, 15, now());
    });
    watch(first, 10, now());
    watch(victim, 10, now());
    watch(active, 10, now());
    const reading = setInterval(() => active.reads++, 2);
    await sleep(40);
    expect(first.abandoned).toBe(1);
    expect(victim.abandoned).toBe(0);
    expect(active.abandoned).toBe(0);
    clearInterval(reading);
    await sleep(80);
    expect(later.abandoned).toBe(1);
    expect(active.abandoned).toBe(1);
    expect(watchedCount()).toBe(before);
  });

  it('the time counts from `since`: a start already past the timeout is abandoned at the next sweep', async () => {
    const old = fakeRun();
    watch(old, 20, now() - 1000);
    await sleep(15);
    expect(old.abandoned).toBe(1);
  });
});
