/**
 * One recording span's lifecycle: start content, the result's shape (value, thenable, iterator,
 * stream), errors, and ending exactly once. Every step that is ours is guarded so a fault goes to
 * `diag` and never to the application.
 */
import { diag, type Span } from '@opentelemetry/api';
import type { LlmTraceConfig } from '../config';
import type { LlmSpanState, StreamAggregator } from '../contracts';
import type { ContentFor, KindName } from '../content/types';
import { mergeContent } from '../content';
import { getAdapter } from '../capture/registry';
import { recordFirstToken } from '../state';
import { recordError } from '../redact/error-record';
import { spanNameFor, type SpanSpec } from './span-spec';
import type { Tracker } from './rejections';

/**
 * Set on a span ended because its stream was never read to the end (idle timeout or GC).
 * @example
 * ```ts
 * import { ATTR_STREAM_ABANDONED } from '@llm-trace/core';
 * const abandoned = (attrs: Record<string, unknown>) => attrs[ATTR_STREAM_ABANDONED] === true;
 * ```
 */
export const ATTR_STREAM_ABANDONED = 'llm_trace.stream.abandoned';
/**
 * Set on a span whose stream the consumer stopped early (`break`, `return()`, `cancel()`).
 * @example
 * ```ts
 * import { ATTR_STREAM_CANCELLED } from '@llm-trace/core';
 * const cancelled = (attrs: Record<string, unknown>) => attrs[ATTR_STREAM_CANCELLED] === true;
 * ```
 */
export const ATTR_STREAM_CANCELLED = 'llm_trace.stream.cancelled';

type Content = ContentFor<KindName>;

const STREAM_FLAG: ContentFor<'LLM'> = Object.freeze({ stream: true });

function guard(what: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    diag.error(`llm-trace: ${what} failed`, err);
  }
}

/** Ends spans of streams that were dropped without being read to the end. */
const abandonedStreams: FinalizationRegistry<SpanRun> | undefined =
  typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((run) => run.abandon('gc')) : undefined;

/**
 * The lifecycle of one recording span. It is also the span's `LlmSpanState` (one object per
 * call instead of two).
 */
export class SpanRun implements LlmSpanState, Tracker {
  readonly kind: LlmSpanState['kind'];
  /**
   * Our own start time, only when the span does not carry the OTel SDK's: a `performance.now()`
   * call per span is a measurable share of a traced call, and the SDK has just made one.
   */
  private readonly ownStart: number | undefined;
  firstTokenAt: number | undefined = undefined;
  streaming = false;
  private ended = false;
  private aggregator: StreamAggregator | undefined = undefined;
  private registered = false;
  /** The stream, held until it is handed to the FinalizationRegistry (see `watch`). */
  private gcTarget: object | undefined = undefined;
  /** `performance.now()` time after which the sweep registers `gcTarget`. */
  gcWatchAt = 0;
  /** In the idle sweep's set (a stream or a lazy thenable). */
  private watched = false;
  /** Reads seen so far; the idle sweep compares it instead of a timer being re-armed per chunk. */
  reads = 0;
  /** `reads` when the idle deadline was last set. */
  idleSeen = 0;
  /** `performance.now()` time at which the idle sweep next looks at this run. */
  idleDeadline = 0;
  // Bound once per stream (not per call, not per chunk): only streamed results need them.
  // Read by the observing `next` too, which hands them to a step's promise itself.
  onStep: ((r: unknown) => void) | undefined = undefined;
  onStepError: ((err: unknown) => void) | undefined = undefined;
  // Tracker: who handles the promise this run observes (see rejections.ts).
  handled = false;
  decided = false;
  probes = 0;
  reraised: Promise<never> | undefined = undefined;
  live = false;

  constructor(
    readonly span: Span,
    readonly spec: SpanSpec,
    readonly config: LlmTraceConfig,
    readonly writer: LlmSpanState['writer'],
  ) {
    this.kind = spec.kind;
    const sdkStart = (span as { _performanceStartTime?: unknown })._performanceStartTime;
    this.ownStart = typeof sdkStart === 'number' ? undefined : performance.now();
  }

  /** `performance.now()` when the span started (the SDK span's own clock reading when it has one). */
  get startedAt(): number {
    return this.ownStart ?? (this.span as unknown as { _performanceStartTime: number })._performanceStartTime;
  }

  /** This run as the span's state (`currentLlmSpan()` reads it). */
  get state(): LlmSpanState {
    return this;
  }

  private write(content: Content | undefined): void {
    if (content !== undefined) this.writer.write(this.span, this.kind, content, this.config);
  }

  /** Writes what is known before the call: options, captured arguments, `mapInput`. */
  start(args: readonly unknown[]): void {
    const { spec, state } = this;
    const kind = spec.kind;
    let content: Content | undefined;
    // Plain try/catch rather than guard(): this runs on every call and closures cost.
    try {
      const adapter = getAdapter(kind);
      if (adapter.input && (this.config.captureContent || !adapter.inputIsContent)) content = adapter.input(args, this.config.captureContent) as Content | undefined;
      // The options' own values were written at start and win over what the arguments say.
      const fixed = spec.staticContent;
      if (content && fixed) {
        // Copied rather than `delete`d: deleting keys turns the object into a slow dictionary.
        const rest: Record<string, unknown> = {};
        for (const key in content) if (!(key in fixed)) rest[key] = (content as Record<string, unknown>)[key];
        content = rest as Content;
      }
    } catch (err) {
      diag.error('llm-trace: input capture failed', err);
    }
    const mapInput = spec.options.mapInput;
    if (mapInput) guard('mapInput', () => (content = mergeContent(kind, content, mapInput(args as never) as Content | undefined)));
    try {
      this.write(content);
    } catch (err) {
      diag.error('llm-trace: input write failed', err);
    }
    if (spec.options.attributes) guard('attributes write', () => state.writer.writeAttributes(state.span, spec.options.attributes!, this.config));
    if (spec.nameOpen && content) {
      const model = (content as { model?: unknown }).model;
      if (typeof model === 'string' && model) {
        guard('span rename', () => {
          const name = spanNameFor(kind, spec.operation, { model });
          if (name) state.span.updateName(name);
        });
      }
    }
  }

  /** Writes the output of a non-streamed result. */
  output(result: unknown): void {
    const kind = this.spec.kind;
    let content: Content | undefined;
    try {
      const adapter = getAdapter(kind);
      if (adapter.output && (this.config.captureContent || !adapter.outputIsContent)) content = adapter.output(result) as Content | undefined;
    } catch (err) {
      diag.error('llm-trace: output capture failed', err);
    }
    const mapOutput = this.spec.options.mapOutput;
    if (mapOutput) guard('mapOutput', () => (content = mergeContent(kind, content, mapOutput(result) as Content | undefined)));
    try {
      this.write(content);
    } catch (err) {
      diag.error('llm-trace: output write failed', err);
    }
  }

  /** Records an error per house rule 10. */
  fail(error: unknown): void {
    if (this.ended) return;
    const span = this.state.span;
    guard('error record', () => recordError(span, error, this.config));
  }

  /** Ends the span; every later call does nothing. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.watched) idleRuns.delete(this);
    this.gcTarget = undefined;
    if (this.registered && abandonedStreams) guard('unregister', () => abandonedStreams.unregister(this));
    try {
      this.state.span.end();
    } catch (err) {
      diag.error('llm-trace: span end failed', err);
    }
  }

  /** Fails and ends. */
  failAndEnd(error: unknown): void {
    this.fail(error);
    this.end();
  }

  /** Writes the output of `value` and ends, or keeps the span open if `value` is a stream. */
  settle(value: unknown): void {
    if (this.ended) return;
    if (this.instrumentStream(value)) return;
    if (this.awaitCompletion(value)) return;
    this.output(value);
    this.end();
  }

  /**
   * A result returned at once that finishes later (the AI SDK's `streamText` result): the kind's
   * adapter hands back the promise of its final value, and the span stays open until it settles,
   * bounded by the idle timer like a stream nobody reads.
   */
  private awaitCompletion(value: unknown): boolean {
    if (value === null || typeof value !== 'object') return false;
    let later: PromiseLike<unknown> | undefined;
    try {
      later = getAdapter(this.kind).completion?.(value);
    } catch (err) {
      diag.error('llm-trace: could not observe the result', err);
      return false;
    }
    if (later === undefined) return false;
    this.watch(value);
    later.then(
      (final) => {
        if (this.ended) return;
        this.output(final);
        this.end();
      },
      (err) => this.failAndEnd(err),
    );
    return true;
  }

  /** Ends a stream's span that nobody finished reading. */
  abandon(reason: 'idle' | 'gc'): void {
    if (this.ended) return;
    guard('abandon', () => {
      this.state.span.setAttribute(ATTR_STREAM_ABANDONED, true);
      this.state.span.setAttribute('llm_trace.stream.abandoned_reason', reason);
      this.finishStream();
    });
    this.end();
  }

  // ---- streams --------------------------------------------------------------------------

  /**
   * Instruments `value` in place when it is an iterator, an async iterable or a ReadableStream;
   * returns false when it is a plain value. The object itself is returned to the app unchanged
   * in identity: only its iteration methods are patched (as own properties).
   */
  instrumentStream(value: unknown): boolean {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    const v = value as Record<PropertyKey, unknown>;
    try {
      const isAsyncIterable = typeof v[Symbol.asyncIterator] === 'function';
      const isIterator = typeof v.next === 'function' && typeof v[Symbol.iterator] === 'function';
      const isReader = typeof v.getReader === 'function' && typeof v.pipeTo === 'function';
      if (!isAsyncIterable && !isIterator && !isReader) return false;
      this.beginStream(value as object);
      if (isIterator || (isAsyncIterable && typeof v.next === 'function')) this.patchIterator(v);
      // A generator's [Symbol.asyncIterator] returns the generator itself: its patched next suffices.
      if (isAsyncIterable && v[Symbol.asyncIterator] !== ASYNC_SELF_ITERATOR) this.patchIterable(v, Symbol.asyncIterator);
      if (isReader) this.patchReadable(v);
      return true;
    } catch (err) {
      diag.error('llm-trace: could not instrument a stream result; the span ends now', err);
      return false;
    }
  }

  private beginStream(target: object): void {
    this.streaming = true;
    // House rule 6: a model call whose result streams is a streaming request, whatever its
    // arguments said (the function may call the provider with stream: true itself).
    // Plain try/catch rather than guard(): no closures per stream.
    try {
      if (this.kind === 'LLM') this.writer.write(this.span, 'LLM', STREAM_FLAG, this.config);
    } catch (err) {
      diag.error('llm-trace: stream flag write failed', err);
    }
    // One function per step, everything inline: after each full collection V8 drops optimized
    // code that depended on maps the collection freed, and until it re-optimizes every call level
    // on the per-chunk path costs (bench: ~4 % a chunk against observe -> chunk -> helpers).
    this.onStep = (r: unknown): void => {
      try {
        const res = r as IteratorResult<unknown> | undefined;
        if (res && res.done) this.done(false);
        else if (!this.ended) {
          if (this.firstTokenAt === undefined) recordFirstTokenSafe(this);
          const agg = this.aggregator;
          if (agg !== undefined) agg.add(res?.value);
        }
      } catch (err) {
        diag.error('llm-trace: could not read a stream step', err);
      }
    };
    this.onStepError = (err: unknown): void => this.streamError(err);
    try {
      this.aggregator = getAdapter(this.spec.kind).stream?.();
    } catch (err) {
      diag.error('llm-trace: stream aggregator failed', err);
    }
    this.watch(target);
  }

  /**
   * Ends the span as abandoned if `target` is not touched for `streamIdleTimeoutMs`, or is
   * garbage-collected first (once it has been open for `GC_WATCH_DELAY_MS`).
   */
  watch(target: object): void {
    // One shared sweep timer for all open streams rather than a timer per stream: creating and
    // clearing a Timeout per call (with its async-hook init and timer-list churn) cost more than
    // the rest of the stream's setup. Same rule as before: a run is abandoned when a full timeout
    // has passed with no read since its deadline was last set.
    this.idleSeen = this.reads;
    const now = performance.now();
    this.idleDeadline = now + this.config.streamIdleTimeoutMs;
    idleRuns.add(this);
    this.watched = true;
    // Registering with the FinalizationRegistry (and unregistering at the end) was the largest
    // single cost of a streamed call (~18k instructions a stream, mostly weak-cell work in the
    // collector), and almost every stream is read to the end within moments. So the sweep
    // registers only streams still open after GC_WATCH_DELAY_MS; until then the run holds the
    // stream, so a stream dropped unread is collected (and its span ended) that much later.
    if (abandonedStreams && !this.registered) {
      this.gcTarget = target;
      this.gcWatchAt = now + GC_WATCH_DELAY_MS;
    }
    armIdleSweep(this.nextCheckAt());
  }

  /** When the sweep next has something to do for this run. */
  nextCheckAt(): number {
    return this.gcTarget === undefined || this.gcWatchAt > this.idleDeadline ? this.idleDeadline : this.gcWatchAt;
  }

  /** Hands a stream still open to the FinalizationRegistry (called by the sweep). */
  watchForGc(now: number): void {
    const target = this.gcTarget;
    if (target === undefined || this.gcWatchAt > now || !abandonedStreams) return;
    this.gcTarget = undefined;
    this.registered = true;
    abandonedStreams.register(target, this, this);
  }

  /** Called by the idle sweep once `idleDeadline` has passed. */
  idleCheck(now: number): void {
    if (this.reads !== this.idleSeen) {
      this.idleSeen = this.reads;
      this.idleDeadline = now + this.config.streamIdleTimeoutMs;
      return;
    }
    this.abandon('idle');
  }

  private finishStream(): void {
    const agg = this.aggregator;
    this.aggregator = undefined;
    if (!agg) return;
    let content: Content | undefined;
    // Plain try/catch rather than guard(): no closures per stream.
    try {
      content = agg.finish() as Content | undefined;
    } catch (err) {
      diag.error('llm-trace: stream finish failed', err);
    }
    try {
      this.write(content);
    } catch (err) {
      diag.error('llm-trace: stream output write failed', err);
    }
  }

  private done(cancelled: boolean): void {
    if (this.ended) return;
    if (cancelled) guard('cancel mark', () => this.state.span.setAttribute(ATTR_STREAM_CANCELLED, true));
    this.finishStream();
    this.end();
  }

  /** Records a stream's error and ends its span. */
  streamError(err: unknown): void {
    if (this.ended) return;
    this.finishStream();
    this.failAndEnd(err);
  }

  /** Observes one `{ done, value }` step, sync or async. */
  step(result: unknown): unknown {
    if (result instanceof Promise || isThenable(result)) {
      (result as PromiseLike<unknown>).then(this.onStep, this.onStepError);
      return result;
    }
    this.onStep!(result);
    return result;
  }

  /** `return()` of an observed iterator: the consumer stopped early. */
  callReturn(target: unknown, ret: AnyFn, args: ArrayLike<unknown>): unknown {
    let r: unknown;
    try {
      r = ret.apply(target, args as unknown[]);
    } catch (err) {
      this.streamError(err);
      throw err;
    }
    this.done(true);
    return r;
  }

  /** `throw()` of an observed iterator. */
  callThrow(target: unknown, thr: AnyFn, args: ArrayLike<unknown>): unknown {
    let r: unknown;
    try {
      r = thr.apply(target, args as unknown[]);
    } catch (err) {
      this.streamError(err);
      throw err;
    }
    return this.step(r);
  }

  /**
   * Observes next/return/throw of an iterator object (a generator, an async generator, ...).
   * An iterator that inherits them gets a prototype in between that observes them (shared per
   * original prototype) and a private-field link to this run (`RunLink`): one prototype switch
   * and one field per stream, where defining three own methods cost ~3x more. An iterator with
   * its own methods, or one another run already observes (nested wrappers), gets own wrappers
   * around whatever its methods are now, so every run sees the stream.
   */
  patchIterator(it: Record<PropertyKey, unknown>): void {
    const observed = it as Record<PropertyKey, unknown> & { [PATCHED]?: SpanRun };
    const linked = RunLink.of(it);
    if (linked === this || observed[PATCHED] === this) return;
    if (linked === undefined && observableByPrototype(it)) {
      Object.setPrototypeOf(it, observingPrototype(Object.getPrototypeOf(it) as Record<PropertyKey, unknown>));
      RunLink.link(it, this);
      return;
    }
    Object.defineProperty(it, PATCHED, { value: this, configurable: true, writable: true });
    const run = this;
    defineObservingMethods(it, it, () => run);
  }

  /** Patches `[Symbol.asyncIterator]` so each iterator it hands out is observed. */
  private patchIterable(obj: Record<PropertyKey, unknown>, key: typeof Symbol.asyncIterator): void {
    const original = obj[key] as (...a: unknown[]) => unknown;
    const run = this;
    defineMethod(obj, key, function (this: unknown, ...a: unknown[]) {
      const it = original.apply(this, a) as Record<PropertyKey, unknown>;
      if (it && typeof it.next === 'function') guard('iterator patch', () => run.patchIterator(it));
      return it;
    });
  }

  /** Patches `getReader()` of a ReadableStream so reads and cancels are observed. */
  private patchReadable(stream: Record<PropertyKey, unknown>): void {
    const getReader = stream.getReader as (...a: unknown[]) => Record<PropertyKey, unknown>;
    const run = this;
    defineMethod(stream, 'getReader', function (this: unknown, ...a: unknown[]) {
      const reader = getReader.apply(this, a);
      guard('reader patch', () => {
        const read = reader.read as (...b: unknown[]) => Promise<unknown>;
        const cancel = reader.cancel as (...b: unknown[]) => Promise<unknown>;
        defineMethod(reader, 'read', function (this: unknown) {
          run.reads++;
          return run.step(read.apply(this, arguments as unknown as unknown[]));
        });
        defineMethod(reader, 'cancel', function (this: unknown, ...b: unknown[]) {
          run.done(true);
          return cancel.apply(this, b);
        });
      });
      return reader;
    });
    for (const method of ['pipeTo', 'pipeThrough', 'tee'] as const) {
      const original = stream[method] as ((...a: unknown[]) => unknown) | undefined;
      if (typeof original !== 'function') continue;
      // Piping reads the stream internally, out of our sight: the span ends when the pipe
      // settles (pipeTo) or at hand-over (pipeThrough, tee), marked so.
      defineMethod(stream, method, function (this: unknown, ...a: unknown[]) {
        guard('pipe mark', () => run.state.span.setAttribute('llm_trace.stream.piped', true));
        const r = original.apply(this, a);
        if (method === 'pipeTo' && isThenable(r)) (r as PromiseLike<unknown>).then(() => run.done(false), (err) => run.streamError(err));
        else run.done(false);
        return r;
      });
    }
  }
}

/** How long a stream is open before it is watched for garbage collection (see `watch`). */
export const GC_WATCH_DELAY_MS = 1000;

/** Open streams (and lazy thenables) the idle sweep watches; a run leaves it when it ends. */
const idleRuns = new Set<SpanRun>();
let sweepTimer: ReturnType<typeof setTimeout> | undefined;
let sweepAt = Infinity;

/** Makes sure the sweep runs no later than `deadline` (a `performance.now()` time). */
function armIdleSweep(deadline: number): void {
  if (sweepTimer !== undefined && sweepAt <= deadline) return;
  if (sweepTimer !== undefined) clearTimeout(sweepTimer);
  sweepAt = deadline;
  sweepTimer = setTimeout(idleSweep, Math.max(1, Math.ceil(deadline - performance.now())));
  sweepTimer.unref?.();
}

function idleSweep(): void {
  sweepTimer = undefined;
  sweepAt = Infinity;
  const now = performance.now();
  let next = Infinity;
  for (const run of idleRuns) {
    // abandon() ends the run, which removes it from the set; deleting while iterating is safe.
    if (run.gcWatchAt <= now) guard('gc watch', () => run.watchForGc(now));
    if (run.idleDeadline <= now) guard('idle check', () => run.idleCheck(now));
    if (idleRuns.has(run)) next = Math.min(next, run.nextCheckAt());
  }
  if (next !== Infinity) armIdleSweep(next);
}

/** The run that observes an iterator through its own wrapped methods. */
const PATCHED = Symbol('llm-trace.patched');
/** Returns its argument from the constructor, so a subclass's fields land on that object. */
class ReturnsArgument {
  constructor(o: object) {
    return o;
  }
}

/**
 * The run that observes an iterator through an observing prototype, held in a private field
 * stamped onto the iterator: invisible to `Reflect.ownKeys`, `Object.assign` and proxies' traps,
 * and about 20x cheaper than `Object.defineProperty` of a hidden symbol (~8 ns against ~145 ns a
 * stream, Node 20), which was the largest single cost of setting a stream up.
 */
class RunLink extends ReturnsArgument {
  #run: SpanRun;

  private constructor(o: object, run: SpanRun) {
    super(o);
    this.#run = run;
  }

  /** Links `o` to `run`, once per object (a second link would throw: callers check `of` first). */
  static link(o: object, run: SpanRun): void {
    new RunLink(o, run);
  }

  static of(o: unknown): SpanRun | undefined {
    return o !== null && typeof o === 'object' && #run in o ? (o as RunLink).#run : undefined;
  }
}

type AnyFn = (...a: unknown[]) => unknown;

/** %AsyncIteratorPrototype%[Symbol.asyncIterator], which returns `this`. */
const ASYNC_SELF_ITERATOR: unknown = (() => {
  try {
    const gen = (async function* () {})();
    return (gen as unknown as Record<symbol, unknown>)[Symbol.asyncIterator];
  } catch {
    return undefined;
  }
})();

const hasOwn = (o: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(o, key);

function observableByPrototype(it: object): boolean {
  if (hasOwn(it, 'next') || hasOwn(it, 'return') || hasOwn(it, 'throw') || !Object.isExtensible(it)) return false;
  const proto = Object.getPrototypeOf(it) as Record<PropertyKey, unknown> | null;
  return proto !== null && typeof proto.next === 'function';
}

const OBSERVING_PROTOTYPES = new WeakMap<object, object>();

/**
 * A prototype whose next/return/throw call the original ones and report to the run linked to
 * the object they are called on (none: they behave exactly as the originals).
 */
function observingPrototype(proto: Record<PropertyKey, unknown>): object {
  const cached = OBSERVING_PROTOTYPES.get(proto);
  if (cached !== undefined) return cached;
  const observing = Object.create(proto) as object;
  defineObservingMethods(observing, proto, RunLink.of);
  OBSERVING_PROTOTYPES.set(proto, observing);
  return observing;
}

/**
 * Defines on `target` a next/return/throw around those `source` has now, reporting to the run
 * `runFor` finds for the object they are called on (none: they behave exactly as the originals).
 */
function defineObservingMethods(target: object, source: Record<PropertyKey, unknown>, runFor: (self: unknown) => SpanRun | undefined): void {
  const next = source.next as AnyFn;
  const ret = source.return as AnyFn | undefined;
  const thr = source.throw as AnyFn | undefined;
  // The next() body is written out here rather than in a SpanRun method taking `arguments`:
  // handing `arguments` to another function allocates it, once per chunk.
  defineMethod(target, 'next', function (this: unknown) {
    const run = runFor(this);
    if (run === undefined) return next.apply(this, arguments as unknown as unknown[]);
    run.reads++;
    let r: unknown;
    try {
      r = next.apply(this, arguments as unknown as unknown[]);
    } catch (err) {
      run.streamError(err);
      throw err;
    }
    // The usual case (an async generator's step) without a further call.
    if (r instanceof Promise) {
      r.then(run.onStep, run.onStepError);
      return r;
    }
    return run.step(r);
  });
  if (typeof ret === 'function') {
    defineMethod(target, 'return', function (this: unknown) {
      const run = runFor(this);
      return run === undefined ? ret.apply(this, arguments as unknown as unknown[]) : run.callReturn(this, ret, arguments);
    });
  }
  if (typeof thr === 'function') {
    defineMethod(target, 'throw', function (this: unknown) {
      const run = runFor(this);
      return run === undefined ? thr.apply(this, arguments as unknown as unknown[]) : run.callThrow(this, thr, arguments);
    });
  }
}

function defineMethod(obj: object, key: PropertyKey, fn: (...a: unknown[]) => unknown): void {
  Object.defineProperty(obj, key, { value: fn, writable: true, configurable: true, enumerable: false });
}

function recordFirstTokenSafe(state: LlmSpanState): void {
  if (state.firstTokenAt !== undefined) return;
  guard('first token', () => recordFirstToken(state));
}

/** True for promises and any object with a callable `then`. Never throws. */
export function isThenable(v: unknown): boolean {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return false;
  try {
    return typeof (v as { then?: unknown }).then === 'function';
  } catch {
    return false;
  }
}
