/**
 * Running a call inside a span, top to bottom: start the span, run the call in its context,
 * observe the result until it is known (a value, a promise, a thenable, a stream), end once.
 * The not-recording path (no provider, or sampled out) does no capture at all.
 */
import { context, diag, ProxyTracerProvider, trace, type Context, type Span, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { getConfig } from '../config';
import { mayHaveSession, sessionAttributes } from '../session/session';
import { contextWithSpanState } from '../state';
import { SpanRun } from './span-run';
import { IntrinsicPromisePrototype, intrinsicThen } from './streams';
import type { SpanSpec } from './span-spec';

const TRACER_NAME = '@llm-trace/core';
const TRACER_VERSION = '0.1.0';
const INVALID_TRACE_ID = '00000000000000000000000000000000';

// The no-op provider the API falls back to when none is registered (a singleton, reached
// through an empty proxy). With it, a span would be a non-recording copy of the parent's
// context, so skipping the span changes nothing: that is the tracing-off fast path.
const NOOP_PROVIDER: TracerProvider = new ProxyTracerProvider().getDelegate();

let cachedProvider: TracerProvider | undefined;
let cachedProxy: ProxyTracerProvider | undefined;
let cachedDelegate: TracerProvider | undefined;
let cachedTracer: Tracer | undefined;

// The effective provider changes when one is registered (the API's proxy gets a delegate) or
// `trace.disable()` runs (a new proxy), so the tracer is cached per provider object: per call,
// one global read, one identity check and the proxy's delegate read. `undefined` means tracing
// is off.
function getTracer(): Tracer | undefined {
  const provider = trace.getTracerProvider();
  if (provider !== cachedProvider) {
    cachedProvider = provider;
    cachedProxy = provider instanceof ProxyTracerProvider ? provider : undefined;
  }
  const delegate = cachedProxy === undefined ? provider : cachedProxy.getDelegate();
  if (delegate !== cachedDelegate) {
    cachedDelegate = delegate;
    cachedTracer = delegate === NOOP_PROVIDER ? undefined : delegate.getTracer(TRACER_NAME, TRACER_VERSION);
  }
  return cachedTracer;
}

/** The tracer wrapped calls use, or `undefined` when tracing is off (never throws). */
export function activeTracer(): Tracer | undefined {
  try {
    return getTracer();
  } catch (err) {
    diag.error('llm-trace: could not get a tracer; the call runs untraced', err);
    return undefined;
  }
}

/**
 * The function that stands for `fn`: each call runs inside a span described by `spec`. This is
 * the whole lifecycle of a traced call, and its frame is the only one of ours on the stack while
 * `fn` runs (start and finish are separate functions called before and after), so deep
 * recursion through a wrapped function goes nearly as deep as the context manager allows.
 */
export function tracedFunction(spec: SpanSpec, fn: (...args: any[]) => unknown): (...args: any[]) => unknown {
  return function (this: unknown): unknown {
    const tracer = activeTracer();
    // `arguments` straight to `apply`: with tracing off no argument array is built.
    if (tracer === undefined) return fn.apply(this, arguments as unknown as unknown[]);
    // Copied by index: V8 then never materializes `arguments`.
    const n = arguments.length;
    const args = new Array<unknown>(n);
    for (let i = 0; i < n; i++) args[i] = arguments[i];
    // 1. The span and its run (or, sampled out, only the context children inherit).
    const started = startRun(tracer, spec, args);
    if (started === undefined) return fn.apply(this, args);
    const run = started instanceof SpanRun ? started : undefined;
    // 2. The call, in the span's context, through the public `context.with` so the app's
    // context manager is the one that runs it. A plain call goes to `fn` directly; a method call
    // through `Reflect.apply` (the context manager would otherwise bind `fn` to its `this` on
    // every call, and a function of ours in between would be one more frame).
    let result: unknown;
    try {
      const ctx = run === undefined ? (started as Context) : run.ctx!;
      result = this === undefined ? context.with(ctx, fn, undefined, ...args) : context.with(ctx, reflectApply, undefined, fn, this, args);
    } catch (err) {
      if (run !== undefined) run.failAndEnd(err);
      throw err;
    }
    // 3. The result, observed until it is known; what goes back to the app.
    return run === undefined ? result : observeResult(run, result);
  };
}

/** Calls `fn` with `thisArg` and `args` inside a span described by `spec` (a one-off call). */
export function runInSpan(spec: SpanSpec, fn: (...args: any[]) => unknown, thisArg: unknown, args: any[]): unknown {
  return tracedFunction(spec, fn).apply(thisArg, args);
}

/**
 * Starts the span: a `SpanRun` when it records, the context to run in when it is sampled out,
 * `undefined` when the call runs untraced (an invalid span context, or any fault of ours, which
 * goes to `diag`). Kept out of the traced function so the frame that stays on the stack while
 * the call runs is small.
 */
function startRun(tracer: Tracer, spec: SpanSpec, args: any[]): SpanRun | Context | undefined {
  const config = getConfig();
  const active = context.active();
  let span: Span | undefined;
  try {
    span = tracer.startSpan(spec.spanName, spec.startOptionsFor(config), active);
    if (span.isRecording()) {
      const run = new SpanRun(span, spec, spec.configFor(config), spec.writer);
      run.start(args);
      // The session on our own spans whatever the provider; outside a session this costs two map reads.
      if (mayHaveSession(active)) span.setAttributes(sessionAttributes(active, config));
      run.ctx = contextWithSpanState(active, run);
      return run;
    }
    // Sampled out: the span still carries the trace context children must inherit. An invalid
    // one (a no-op tracer from another API copy) has nothing to propagate.
    return span.spanContext().traceId === INVALID_TRACE_ID ? undefined : trace.setSpan(active, span);
  } catch (err) {
    diag.error('llm-trace: could not start a span; the call runs untraced', err);
    if (span !== undefined) endQuietly(span);
    return undefined;
  }
}

/** As it was when we loaded: what an app later puts on `Reflect` does not run our calls. */
const reflectApply = Reflect.apply as (fn: (...args: any[]) => unknown, thisArg: unknown, args: any[]) => unknown;

function endQuietly(span: Span): void {
  try {
    span.end();
  } catch (err) {
    diag.error('llm-trace: span end failed', err);
  }
}


/**
 * - A plain native promise comes back as a new native promise that settles identically: a
 *   rejection nobody handles is then reported by the runtime exactly as it would be without
 *   us, with no global hook.
 * - Any other thenable (a promise subclass, OpenAI's `APIPromise`) comes back as itself.
 * - A stream keeps the span open until it is read (a plain `ReadableStream` comes back piped
 *   through an observer); anything else is the output.
 */
function observeResult(run: SpanRun, result: unknown): unknown {
  try {
    if (result !== null && typeof result === 'object') {
      if (Object.getPrototypeOf(result) === IntrinsicPromisePrototype && (result as Promise<unknown>).then === intrinsicThen) {
        run.watchIdle();
        // The handlers are made here, not with every run: most traced calls return no promise.
        // The value passes through; the reason is rethrown.
        return intrinsicThen.call(
          result as Promise<unknown>,
          (value: unknown) => run.settle(value, true),
          (reason: unknown) => {
            run.failAndEnd(reason);
            throw reason;
          },
        );
      }
      const then = (result as { then?: unknown }).then;
      if (typeof then === 'function') {
        observeThenable(run, result, then as Then);
        return result;
      }
    } else if (typeof result === 'function' && typeof (result as { then?: unknown }).then === 'function') {
      observeThenable(run, result, (result as unknown as { then: Then }).then);
      return result;
    }
    return run.settle(result, true);
  } catch (err) {
    diag.error('llm-trace: could not observe the result', err);
    run.end();
    return result;
  }
}

type Then = (this: unknown, onOk?: unknown, onErr?: unknown) => unknown;

/**
 * What is known about a thenable we observe, shared by every call that returned it (a memoised
 * result is observed once: later calls join, or settle at once once it has).
 */
interface ThenableWatch {
  runs: SpanRun[];
  /** 0 pending; 1 fulfilled with `value`; 2 rejected with `value`; 3 reached without a value. */
  outcome: 0 | 1 | 2 | 3;
  value: unknown;
}
const THENABLES = new WeakMap<object, ThenableWatch>();

function observeThenable(run: SpanRun, thenable: object, then: Then): void {
  const known = THENABLES.get(thenable);
  if (known !== undefined) {
    if (known.outcome === 0) {
      known.runs.push(run);
      run.watchIdle();
    } else settleRun(run, known.outcome, known.value);
    return;
  }
  const watch: ThenableWatch = { runs: [run], outcome: 0, value: undefined };
  THENABLES.set(thenable, watch);
  run.watchIdle();
  if (!observeWhenUsed(thenable, then, watch)) attach(watch, thenable, then);
}

function settleRun(run: SpanRun, outcome: 1 | 2 | 3, value: unknown): void {
  if (outcome === 1) run.settle(value, false);
  else if (outcome === 2) run.failAndEnd(value);
  else run.end();
}

function settleAll(watch: ThenableWatch, outcome: 1 | 2 | 3, value: unknown): void {
  if (watch.outcome !== 0) return;
  watch.outcome = outcome;
  watch.value = value;
  const runs = watch.runs;
  watch.runs = [];
  for (const run of runs) settleRun(run, outcome, value);
}

/** Our handlers on the thenable; they never throw, so this side chain never rejects. */
function attach(watch: ThenableWatch, thenable: unknown, then: Then): void {
  then.call(
    thenable,
    (value: unknown) => settleAll(watch, 1, value),
    (reason: unknown) => settleAll(watch, 2, reason),
  );
}

/**
 * A thenable is observed only once the app itself uses it (`await`, `then`, `catch`, or another
 * method of its class such as `withResponse()`): a `then` of ours could start work the app never
 * asked for (OpenAI's parses the body the app may want from `asResponse()`), and on a promise
 * subclass it would mark a rejection handled that the app never handles. Until then the idle
 * bound holds the span. Returns false when the object cannot take the patch (frozen).
 */
function observeWhenUsed(thenable: object, then: Then, watch: ThenableWatch): boolean {
  try {
    let used = false;
    defineMethod(thenable, 'then', function (this: unknown, onOk?: unknown, onErr?: unknown) {
      if (!used) {
        used = true;
        attach(watch, this, then);
      }
      return then.call(this, onOk, onErr);
    });
    const seen = new Set<PropertyKey>(['then', 'constructor', 'catch', 'finally']);
    for (let proto = Object.getPrototypeOf(thenable); proto && proto !== IntrinsicPromisePrototype && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const key of Object.getOwnPropertyNames(proto)) {
        if (seen.has(key)) continue;
        seen.add(key);
        const desc = Object.getOwnPropertyDescriptor(proto, key);
        if (!desc || typeof desc.value !== 'function') continue;
        const method = desc.value as (...a: unknown[]) => unknown;
        // Another way to the result (`withResponse()`, `asResponse()`): the first promise one of
        // them returns settles the span (see `companionResult`).
        defineMethod(thenable, key, function (this: unknown) {
          const r = method.apply(this, arguments as unknown as unknown[]);
          if (used || r === null || typeof r !== 'object' || typeof (r as { then?: unknown }).then !== 'function') return r;
          used = true;
          const onOk = (v: unknown): unknown => {
            const raw = companionResult(v);
            if (raw === RAW_RESPONSE) settleAll(watch, 3, undefined);
            else settleAll(watch, 1, raw);
            return v;
          };
          const onErr = (reason: unknown): never => {
            settleAll(watch, 2, reason);
            throw reason;
          };
          // A native promise: returned derived, so its rejection stays the app's to handle.
          if (Object.getPrototypeOf(r) === IntrinsicPromisePrototype) return intrinsicThen.call(r as Promise<unknown>, onOk, onErr);
          (r as PromiseLike<unknown>).then(onOk, (reason: unknown) => settleAll(watch, 2, reason));
          return r;
        });
      }
    }
    return true;
  } catch {
    return false;
  }
}

const RAW_RESPONSE = Symbol('raw response');

/**
 * What a companion method's value says about the call's result: `{ data, response }` (OpenAI's
 * `withResponse()`) carries it as `data`; an HTTP response (`asResponse()`) is the raw reply,
 * read by the app, so the span ends without output; anything else is the result itself.
 */
function companionResult(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if ('data' in v && 'response' in v) return (v as { data: unknown }).data;
  if ('status' in v && 'headers' in v && 'body' in v) return RAW_RESPONSE;
  return v;
}

function defineMethod(obj: object, key: PropertyKey, fn: (...a: any[]) => unknown): void {
  Object.defineProperty(obj, key, { value: fn, writable: true, configurable: true, enumerable: false });
}
