/**
 * Seeing a streamed result however the app reads it. Every reading style reports to one
 * `StreamTap` per stream object (chunk, end, cancel, error); the tap hands each event to the
 * runs (the calls) that returned that stream, and the idle bound watches its reads.
 *
 * Styles, each through a public API of the object:
 * - iterators (generators, async generators, an iterator an async iterable hands out): their
 *   `next`/`throw`/`return`, each resume running inside the span's context;
 * - async iterables (OpenAI's `Stream`): `[Symbol.asyncIterator]` and `tee()`;
 * - Node `Readable`s: the events they emit (`data`, `end`, `error`, `close`), which every way of
 *   reading one produces (`on('data')`, `pipe`, `pipeline`, `read()`, async iteration);
 * - a plain `ReadableStream`: handed back as an equivalent stream that reads the original, so
 *   readers, `pipeTo`, `pipeThrough`, `tee()`, `cancel()` and a native `Response` body all pass
 *   through it;
 * - OpenAI's helper streams and runners (`chat.completions.stream()`, `responses.stream()`,
 *   `runTools()`): their `chunk`/`event` and `end` events, then `final*()` and `totalUsage()`;
 * - a result that finishes later (the AI SDK's `streamText` result): the promise of its final
 *   value, from the kind's adapter.
 */
import { context, diag, type Context } from '@opentelemetry/api';
import type { SpanRun, StreamActivity } from './span-run';

/** `observeStream`'s answer for a value that is not a stream. */
export const NOT_A_STREAM: unique symbol = Symbol('llm-trace.not-a-stream');

/**
 * The runtime's own promise prototype, taken from what an async function returns: an app that
 * replaces `globalThis.Promise` (zone.js, Bluebird, core-js), even before we load, changes
 * nothing about which results are native promises.
 */
export const IntrinsicPromisePrototype: Promise<unknown> = Object.getPrototypeOf((async () => {})()) as Promise<unknown>;
/** Its `then`, as it was when we loaded. */
export const intrinsicThen = IntrinsicPromisePrototype.then;
const IntrinsicReadableStream: typeof ReadableStream | undefined = typeof ReadableStream === 'function' ? ReadableStream : undefined;

type AnyFn = (...a: unknown[]) => unknown;
type Obj = Record<PropertyKey, unknown>;

/** As it was when we loaded; runs a resume inside `context.with` with no function of ours in between. */
const reflectApply = Reflect.apply as (fn: AnyFn, self: unknown, args: ArrayLike<unknown>) => unknown;
const NO_ARGS: readonly unknown[] = Object.freeze([]);
/** `Function.prototype.call` as it was when we loaded: `callOf.call(fn, self)` is `fn.call(self)`. */
const callOf = Function.prototype.call;
/**
 * The runtime's own async generator `next`: whatever the app does, it returns a promise of the
 * runtime's own, so a step it returns needs no check before it is observed.
 */
const intrinsicAsyncGeneratorNext = (Object.getPrototypeOf((async function* () {}).prototype) as Obj).next as AnyFn;

/**
 * A resume's arguments as an array; the callers pass `NO_ARGS` for a plain `next()` (what `for
 * await` calls), so the optimizing compiler need not build an `arguments` object per chunk.
 */
function copyArgs(args: IArguments): unknown[] {
  return Array.prototype.slice.call(args) as unknown[];
}

/** What a reading style reports to: a whole stream (`StreamTap`) or one branch of its `tee()`. */
abstract class Reading implements StreamActivity {
  reads = 0;
  abstract get ctx(): Context | undefined;
  abstract chunk(value: unknown): void;
  abstract end(cancelled: boolean, final?: unknown): void;
  abstract error(err: unknown): void;

  /** Handlers for a step's promise: the step passes through, the reason is rethrown. */
  readonly onStep = (r: unknown): unknown => {
    try {
      const res = r as IteratorResult<unknown> | undefined;
      if (!res) this.chunk(undefined);
      else if (res.done) this.end(false);
      else this.chunk(res.value);
    } catch (err) {
      diag.error('llm-trace: could not read a stream step', err);
    }
    return r;
  };
  readonly onStepError = (err: unknown): never => {
    this.error(err);
    throw err;
  };

  /** Runs one resume of the stream's producer inside the span's context. */
  resume(fn: AnyFn, self: unknown, args: ArrayLike<unknown>): unknown {
    const ctx = this.ctx;
    let r: unknown;
    try {
      r = ctx === undefined ? reflectApply(fn, self, args) : context.with(ctx, reflectApply, undefined, fn, self, args);
    } catch (err) {
      this.error(err);
      throw err;
    }
    return r;
  }

  /**
   * `resume(next, self, [])` for a `next()` with no argument (what `for await` and `for of`
   * call): the resume is a function of no arguments, made once per iterator, so `context.with`
   * has nothing to forward (forwarding them through its layers cost more than the rest of a
   * chunk's observation).
   */
  resumeNext(next: AnyFn, self: unknown): unknown {
    const ctx = this.ctx;
    if (ctx === undefined) return this.resume(next, self, NO_ARGS);
    let call = this.nextCall;
    if (call === undefined || this.nextFn !== next || this.nextSelf !== self) {
      this.nextFn = next;
      this.nextSelf = self;
      call = this.nextCall = () => callOf.call(next, self);
    }
    try {
      return context.with(ctx, call);
    } catch (err) {
      this.error(err);
      throw err;
    }
  }
  private nextFn: AnyFn | undefined = undefined;
  private nextSelf: unknown = undefined;
  private nextCall: (() => unknown) | undefined = undefined;

  /** Observes one `{ done, value }` step, sync or async; returns what the app gets. */
  step(r: unknown): unknown {
    if (r !== null && typeof r === 'object') {
      // A native promise comes back as a derived one, so a rejection the app ignores is still
      // reported by the runtime (a side handler would mark it handled).
      if (Object.getPrototypeOf(r) === IntrinsicPromisePrototype) return intrinsicThen.call(r as Promise<unknown>, this.onStep, this.onStepError);
      const then = (r as { then?: unknown }).then;
      if (typeof then === 'function') return then.call(r, this.onStep, this.onStepError);
    }
    return this.onStep(r);
  }
}

/** One stream object and the runs that returned it. */
class StreamTap extends Reading {
  private runs: SpanRun[];
  finished = false;
  chunks = 0;
  /** What the app got instead of a plain `ReadableStream`. */
  replacement: unknown = undefined;

  constructor(
    run: SpanRun,
    private readonly aggregate: boolean,
    /** False for a result that finishes later without streaming chunks to the app. */
    private readonly streamed = true,
  ) {
    super();
    this.runs = [run];
    run.beginStream(this, aggregate, streamed);
  }

  /** The context of the call that made the stream (its producer's code belongs to that span). */
  get ctx(): Context | undefined {
    return this.runs.length === 0 ? undefined : this.runs[0].ctx;
  }

  /** A later call returned the same stream: its span follows the same reading. */
  join(run: SpanRun): void {
    if (this.finished) {
      run.beginStream(this, false, this.streamed);
      run.finishStream(false);
      return;
    }
    this.runs.push(run);
    run.beginStream(this, this.aggregate, this.streamed);
  }

  chunk(value: unknown): void {
    this.reads++;
    this.chunks++;
    const runs = this.runs;
    for (let i = 0; i < runs.length; i++) runs[i].chunk(value);
  }

  end(cancelled: boolean, final?: unknown): void {
    if (this.finished) return;
    this.finished = true;
    const runs = this.runs;
    this.runs = [];
    for (const run of runs) run.finishStream(cancelled, final);
  }

  error(err: unknown): void {
    if (this.finished) return;
    this.finished = true;
    const runs = this.runs;
    this.runs = [];
    for (const run of runs) run.streamError(err);
  }
}

/**
 * One branch of an async iterable's `tee()`: both branches yield the same chunks, so a chunk
 * counts once (when the branch ahead reads it); the stream is done when one branch reaches the
 * end, and cancelled when every branch was stopped early.
 */
class Branch extends Reading {
  private seen = 0;
  constructor(
    private readonly tap: StreamTap,
    private readonly siblings: { open: number },
  ) {
    super();
  }
  get ctx(): Context | undefined {
    return this.tap.ctx;
  }
  chunk(value: unknown): void {
    this.tap.reads++;
    if (++this.seen > this.tap.chunks) this.tap.chunk(value);
  }
  end(cancelled: boolean): void {
    if (!cancelled) this.tap.end(false);
    else if (--this.siblings.open <= 0) this.tap.end(true);
  }
  error(err: unknown): void {
    this.tap.error(err);
  }
}

/** Streams that are not iterators, by object: a later call returning one joins its tap. */
const TAPS = new WeakMap<object, StreamTap>();

/**
 * Observes `value` for `run` when it is a stream; returns what the app gets (the value, or an
 * observed `ReadableStream` in place of a plain one), or `NOT_A_STREAM`.
 */
export function observeStream(run: SpanRun, value: unknown, replaceable: boolean): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return NOT_A_STREAM;
  const v = value as Obj;
  try {
    if (typeof v.next === 'function' && (typeof v[Symbol.iterator] === 'function' || typeof v[Symbol.asyncIterator] === 'function')) return observeIterator(run, v) ? value : NOT_A_STREAM;
    // A plain ReadableStream is observed by handing back another one: only where the app gets ours.
    const isReadableStream = replaceable && IntrinsicReadableStream !== undefined && Object.getPrototypeOf(v) === IntrinsicReadableStream.prototype;
    const isEvents = typeof v.on === 'function';
    const isAsyncIterable = typeof v[Symbol.asyncIterator] === 'function';
    if (!isReadableStream && !isEvents && !isAsyncIterable) return observeCompletion(run, v);
    const known = TAPS.get(v);
    if (known !== undefined) {
      known.join(run);
      return known.replacement ?? value;
    }
    if (isReadableStream) return observeReadableStream(run, value as ReadableStream);
    if (isEvents && typeof v.done === 'function' && (typeof v.finalChatCompletion === 'function' || typeof v.finalResponse === 'function')) {
      observeOpenAIEvents(remember(v, new StreamTap(run, false)), v);
      return value;
    }
    if (isEvents && typeof v.pipe === 'function' && typeof v.emit === 'function' && typeof v.read === 'function') {
      observeNodeReadable(remember(v, new StreamTap(run, true)), v);
      return value;
    }
    if (isAsyncIterable) {
      observeAsyncIterable(remember(v, new StreamTap(run, true)), v);
      return value;
    }
    return observeCompletion(run, v);
  } catch (err) {
    diag.error('llm-trace: could not observe a stream result; the span ends now', err);
  }
  return NOT_A_STREAM;
}

function remember(v: object, tap: StreamTap): StreamTap {
  TAPS.set(v, tap);
  return tap;
}

// ---- iterators ---------------------------------------------------------------------------

/** Returns its argument from the constructor, so a subclass's fields land on that object. */
class ReturnsArgument {
  constructor(o: object) {
    return o;
  }
}

/**
 * The reading an iterator reports to, held in a private field stamped onto the iterator:
 * invisible to `Reflect.ownKeys`, `Object.assign` and proxies, and much cheaper per chunk than a
 * WeakMap lookup or a hidden symbol property.
 */
class ReadingLink extends ReturnsArgument {
  #reading: Reading;
  private constructor(o: object, reading: Reading) {
    super(o);
    this.#reading = reading;
  }
  /** Links `o` once (callers check `of` first). */
  static link(o: object, reading: Reading): void {
    new ReadingLink(o, reading);
  }
  static of(o: unknown): Reading | undefined {
    return o !== null && typeof o === 'object' && #reading in o ? (o as ReadingLink).#reading : undefined;
  }
}

function observeIterator(run: SpanRun, it: Obj): boolean {
  const known = ReadingLink.of(it);
  if (known instanceof StreamTap) {
    known.join(run);
    return true;
  }
  if (known !== undefined || !Object.isExtensible(it)) return false;
  linkIterator(it, new StreamTap(run, true));
  return true;
}

/**
 * An iterator that inherits next/return/throw gets a prototype in between that observes them
 * (one per original prototype, shared); one with methods of its own gets own wrappers.
 */
function linkIterator(it: Obj, reading: Reading): void {
  const hasOwn = Object.prototype.hasOwnProperty;
  const proto = Object.getPrototypeOf(it) as Obj | null;
  if (!hasOwn.call(it, 'next') && !hasOwn.call(it, 'return') && !hasOwn.call(it, 'throw') && proto !== null && typeof proto.next === 'function') {
    Object.setPrototypeOf(it, observingPrototype(proto));
  } else {
    defineObservingMethods(it, it);
  }
  ReadingLink.link(it, reading);
}

const OBSERVING_PROTOTYPES = new WeakMap<object, object>();

function observingPrototype(proto: Obj): object {
  let observing = OBSERVING_PROTOTYPES.get(proto);
  if (observing === undefined) {
    observing = Object.create(proto) as object;
    defineObservingMethods(observing, proto);
    OBSERVING_PROTOTYPES.set(proto, observing);
  }
  return observing;
}

/**
 * Defines on `target` a next/return/throw around those `source` has now; on an object with no
 * reading linked they behave exactly as the originals.
 */
function defineObservingMethods(target: object, source: Obj): void {
  const next = source.next as AnyFn;
  const ret = source.return as AnyFn | undefined;
  const thr = source.throw as AnyFn | undefined;
  const nativeAsync = next === intrinsicAsyncGeneratorNext;
  defineMethod(target, 'next', function (this: unknown) {
    const reading = ReadingLink.of(this);
    if (reading === undefined) return next.apply(this, arguments as unknown as unknown[]);
    reading.reads++;
    if (arguments.length !== 0) return reading.step(reading.resume(next, this, copyArgs(arguments)));
    const r = reading.resumeNext(next, this);
    return nativeAsync ? intrinsicThen.call(r as Promise<unknown>, reading.onStep, reading.onStepError) : reading.step(r);
  });
  if (typeof ret === 'function') {
    defineMethod(target, 'return', function (this: unknown) {
      const reading = ReadingLink.of(this);
      if (reading === undefined) return ret.apply(this, arguments as unknown as unknown[]);
      const r = reading.resume(ret, this, arguments.length === 0 ? NO_ARGS : copyArgs(arguments));
      reading.end(true);
      return r;
    });
  }
  if (typeof thr === 'function') {
    defineMethod(target, 'throw', function (this: unknown) {
      const reading = ReadingLink.of(this);
      if (reading === undefined) return thr.apply(this, arguments as unknown as unknown[]);
      return reading.step(reading.resume(thr, this, arguments.length === 0 ? NO_ARGS : copyArgs(arguments)));
    });
  }
}

function defineMethod(obj: object, key: PropertyKey, fn: AnyFn): void {
  Object.defineProperty(obj, key, { value: fn, writable: true, configurable: true, enumerable: false });
}

// ---- async iterables ---------------------------------------------------------------------

/** Each iterator the iterable hands out reports to `reading`; so do both branches of its `tee()`. */
function observeAsyncIterable(reading: Reading, v: Obj): void {
  const iterate = v[Symbol.asyncIterator] as AnyFn;
  defineMethod(v, Symbol.asyncIterator, function (this: unknown) {
    const it = iterate.apply(this, arguments as unknown as unknown[]) as Obj;
    try {
      if (it !== null && typeof it === 'object' && typeof it.next === 'function' && ReadingLink.of(it) === undefined && Object.isExtensible(it)) linkIterator(it, reading);
    } catch (err) {
      diag.error('llm-trace: could not observe a stream iterator', err);
    }
    return it;
  });
  const tee = v.tee;
  if (typeof tee !== 'function') return;
  const tap = reading instanceof StreamTap ? reading : undefined;
  defineMethod(v, 'tee', function (this: unknown) {
    const branches = (tee as AnyFn).apply(this, arguments as unknown as unknown[]);
    try {
      if (tap !== undefined && Array.isArray(branches)) {
        const siblings = { open: branches.length };
        for (const b of branches) if (b !== null && typeof b === 'object' && typeof (b as Obj)[Symbol.asyncIterator] === 'function') observeAsyncIterable(new Branch(tap, siblings), b as Obj);
      }
    } catch (err) {
      diag.error('llm-trace: could not observe a tee of a stream', err);
    }
    return branches;
  });
}

// ---- Node Readable -----------------------------------------------------------------------

/** Every way of reading a `Readable` makes it emit `data` per chunk and `end`/`error`/`close`. */
function observeNodeReadable(tap: StreamTap, v: Obj): void {
  const emit = v.emit as AnyFn;
  defineMethod(v, 'emit', function (this: unknown, event: unknown) {
    if (event === 'data') tap.chunk(arguments[1]);
    else if (event === 'end') tap.end(false);
    else if (event === 'error') tap.error(arguments[1]);
    // Closed before `end`: destroyed early (a `pipeline` that failed downstream, `destroy()`).
    else if (event === 'close') tap.end(true);
    return emit.apply(this, arguments as unknown as unknown[]);
  });
}

// ---- web ReadableStream ------------------------------------------------------------------

/**
 * A stream that reads `source` on demand (no read-ahead: pulled only when its own reader asks),
 * so whoever reads it (a reader, `pipeTo`, a native `Response` body) passes through the tap.
 */
function observeReadableStream(run: SpanRun, source: ReadableStream): unknown {
  const reader = source.getReader();
  const tap = remember(source, new StreamTap(run, true));
  const observed = new IntrinsicReadableStream!(
    {
      pull(controller) {
        tap.reads++;
        return reader.read().then(
          (r) => {
            if (r.done) {
              tap.end(false);
              controller.close();
            } else {
              tap.chunk(r.value);
              controller.enqueue(r.value);
            }
          },
          (err: unknown) => {
            tap.error(err);
            controller.error(err);
          },
        );
      },
      cancel(reason) {
        tap.end(true);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  tap.replacement = observed;
  TAPS.set(observed, tap);
  return observed;
}

// ---- results that finish later ----------------------------------------------------------

/**
 * The AI SDK's `streamText` result and the like: returned at once, finished when the promise
 * the kind's adapter finds on it settles; the final value is the output. Until then the idle
 * bound holds the span, as for a stream nobody reads.
 */
function observeCompletion(run: SpanRun, v: object): unknown {
  const later = run.completionOf(v);
  if (later === undefined) return NOT_A_STREAM;
  const tap = new StreamTap(run, false, false);
  later.then(
    (final) => tap.end(false, final),
    (err: unknown) => tap.error(err),
  );
  return v;
}

// ---- OpenAI helper streams and runners ---------------------------------------------------

/**
 * `chat.completions.stream()`, `responses.stream()`, `runTools()`: chunks and model rounds keep
 * the span alive; at `end` the whole result comes from their own `final*()` (and the runner's
 * `totalUsage()`). No `error` listener is added: one would stop the helper from reporting an
 * error nobody handles; the error is read after `end` through `done()`.
 */
function observeOpenAIEvents(tap: StreamTap, v: Obj): void {
  const on = v.on as (event: string, listener: (...a: unknown[]) => void) => unknown;
  const firstChunk = (): void => tap.chunk(undefined);
  const activity = (): void => {
    tap.reads++;
  };
  on.call(v, 'chunk', firstChunk);
  on.call(v, 'event', firstChunk);
  on.call(v, 'chatCompletion', activity);
  on.call(v, 'functionToolCallResult', activity);
  on.call(v, 'end', () => {
    try {
      if (v.errored === true || v.aborted === true) {
        (v.done as () => Promise<void>).call(v).then(
          () => tap.end(true),
          (err: unknown) => (v.aborted === true ? tap.end(true) : tap.error(err)),
        );
        return;
      }
      const final = typeof v.finalChatCompletion === 'function' ? (v.finalChatCompletion as AnyFn).call(v) : (v.finalResponse as AnyFn).call(v);
      const usage = typeof v.totalUsage === 'function' ? (v.totalUsage as AnyFn).call(v) : undefined;
      Promise.all([final, usage]).then(
        ([result, total]) => tap.end(false, total !== undefined && result !== null && typeof result === 'object' ? { ...result, usage: total } : result),
        (err: unknown) => tap.error(err),
      );
    } catch (err) {
      diag.error('llm-trace: could not read the end of a helper stream', err);
      tap.end(false);
    }
  });
}
