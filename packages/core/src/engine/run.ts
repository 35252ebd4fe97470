/**
 * Running a call inside a span. The not-recording path (no provider, or sampled out) does no
 * capture at all; the recording path hands the lifecycle to `SpanRun`.
 */
import { context, diag, ProxyTracerProvider, trace, type Context, type Span, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { getConfig, type LlmTraceConfig } from '../config';
import { getWriter } from '../capture/registry';
import { mayHaveSession, sessionAttributes } from '../session/session';
import { contextWithSpanState } from '../state';
import { isThenable, SpanRun } from './span-run';
import { observePromise } from './rejections';
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

/** Calls `fn` with `thisArg` and `args` inside a span described by `spec`. */
export function runInSpan(spec: SpanSpec, fn: (...args: any[]) => unknown, thisArg: unknown, args: any[]): unknown {
  const tracer = activeTracer();
  if (tracer === undefined) return fn.apply(thisArg, args);
  return runWithTracer(tracer, spec, fn, thisArg, args);
}

/** `runInSpan` once the wrapper has found tracing on. */
export function runWithTracer(tracer: Tracer, spec: SpanSpec, fn: (...args: any[]) => unknown, thisArg: unknown, args: any[]): unknown {
  let span: Span;
  const config = getConfig();
  // Read once: the parent for the span, then the base of the context the call runs in.
  const active = context.active();
  try {
    span = tracer.startSpan(spec.spanName, spec.startOptionsFor(config), active);
  } catch (err) {
    diag.error('llm-trace: could not start a span; the call runs untraced', err);
    return fn.apply(thisArg, args);
  }
  if (!span.isRecording()) {
    // Invalid context (a no-op tracer from another API copy): nothing to propagate.
    // Sampled out: the span still carries the trace context children must inherit.
    if (span.spanContext().traceId === INVALID_TRACE_ID) return fn.apply(thisArg, args);
    return context.with(trace.setSpan(active, span), invoke, undefined, fn, thisArg, args);
  }
  return runRecording(span, spec, config, active, fn, thisArg, args);
}

function invoke(fn: (...args: any[]) => unknown, thisArg: unknown, args: any[]): unknown {
  return fn.apply(thisArg, args);
}

function runRecording(span: Span, spec: SpanSpec, config: LlmTraceConfig, active: Context, fn: (...args: any[]) => unknown, thisArg: unknown, args: any[]): unknown {
  let run: SpanRun;
  let ctx;
  try {
    run = new SpanRun(span, spec, spec.configFor(config), getWriter());
    run.start(args);
    // House rule 8 on our own spans whatever the provider; outside a session this costs two map reads.
    if (mayHaveSession(active)) span.setAttributes(sessionAttributes(active, config));
    ctx = contextWithSpanState(active, run.state);
  } catch (err) {
    diag.error('llm-trace: could not prepare a span; the call runs untraced', err);
    try {
      span.end();
    } catch (endErr) {
      diag.error('llm-trace: span end failed', endErr);
    }
    return fn.apply(thisArg, args);
  }
  let result: unknown;
  try {
    // Through `invoke` rather than `context.with(ctx, fn, thisArg, ...args)`: the context
    // manager would bind `fn` to a non-null `this` (a method call) on every call.
    result = context.with(ctx, invoke, undefined, fn, thisArg, args);
  } catch (err) {
    run.failAndEnd(err);
    throw err;
  }
  try {
    if (isThenable(result)) {
      const then = (result as PromiseLike<unknown>).then;
      // A native promise: a side chain that never rejects and does not swallow the app's
      // unhandled rejection (see rejections.ts).
      if (then === Promise.prototype.then) observePromise(run, result as Promise<unknown>, fn);
      else if (!observeLazily(run, result as object, then)) {
        // The same object goes back to the app; our handlers ride on a side chain whose
        // callbacks never throw, so it never rejects.
        (result as PromiseLike<unknown>).then(
          (value) => run.settle(value),
          (err) => run.failAndEnd(err),
        );
      }
    } else {
      run.settle(result);
    }
  } catch (err) {
    diag.error('llm-trace: could not observe the result', err);
    run.end();
  }
  return result;
}

/**
 * A thenable with its own `then` (e.g. OpenAI's `APIPromise`, whose `then` parses the response
 * body) is observed only once the app itself calls `then` (or awaits it): calling it ourselves
 * could start work the app never asked for, such as consuming the body the app wants from
 * `asResponse()`. Until then the idle timer bounds the span. Returns false if `then` cannot be
 * patched (a frozen object), in which case the caller observes eagerly.
 */
function observeLazily(run: SpanRun, thenable: object, then: PromiseLike<unknown>['then']): boolean {
  try {
    let attached = false;
    Object.defineProperty(thenable, 'then', {
      configurable: true,
      writable: true,
      enumerable: false,
      value: function (this: PromiseLike<unknown>, onOk?: unknown, onErr?: unknown) {
        if (!attached) {
          attached = true;
          then.call(
            this,
            (value: unknown) => run.settle(value),
            (err: unknown) => run.failAndEnd(err),
          );
        }
        return then.call(this, onOk as never, onErr as never);
      },
    });
    observeCompanions(thenable, () => attached, () => (attached = true), run);
    run.watch(thenable);
    return true;
  } catch {
    return false;
  }
}

/**
 * The other methods of a lazy thenable's class (e.g. `withResponse()`, `asResponse()`) reach the
 * result without calling `then`. Each is patched on the same object so that the first promise
 * one of them returns settles the span instead (its value may be a different shape, such as
 * `{ data, response }`; the span then ends without output capture rather than waiting).
 */
function observeCompanions(thenable: object, isAttached: () => boolean, markAttached: () => void, run: SpanRun): void {
  const seen = new Set<PropertyKey>(['then', 'constructor', 'catch', 'finally']);
  for (let proto = Object.getPrototypeOf(thenable); proto && proto !== Promise.prototype && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (seen.has(key)) continue;
      seen.add(key);
      const desc = Object.getOwnPropertyDescriptor(proto, key);
      if (!desc || typeof desc.value !== 'function') continue;
      const method = desc.value as (...a: unknown[]) => unknown;
      Object.defineProperty(thenable, key, {
        configurable: true,
        writable: true,
        enumerable: false,
        value: function (this: unknown, ...args: unknown[]) {
          const r = method.apply(this, args);
          if (!isAttached() && isThenable(r)) {
            markAttached();
            try {
              (r as PromiseLike<unknown>).then(
                () => run.end(),
                (err: unknown) => run.failAndEnd(err),
              );
            } catch (err) {
              diag.error('llm-trace: could not observe a thenable', err);
            }
          }
          return r;
        },
      });
    }
  }
}
