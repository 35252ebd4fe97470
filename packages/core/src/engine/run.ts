/**
 * Running a call inside a span. The not-recording path (no provider, or sampled out) does no
 * capture at all; the recording path hands the lifecycle to `SpanRun`.
 */
import { context, diag, trace, type Span, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { getConfig, type LlmTraceConfig } from '../config';
import { withCaptureContent } from '../content';
import { getWriter } from '../capture/registry';
import { setSpanState } from '../state';
import { isThenable, SpanRun } from './span-run';
import type { SpanSpec } from './span-spec';

const TRACER_NAME = '@llm-trace/core';
const TRACER_VERSION = '0.1.0';
const INVALID_TRACE_ID = '00000000000000000000000000000000';

let cachedProvider: TracerProvider | undefined;
let cachedTracer: Tracer | undefined;

// The global provider object changes when one is registered or `trace.disable()` runs, so the
// tracer is cached per provider object: one identity check per call.
function getTracer(): Tracer {
  const provider = trace.getTracerProvider();
  if (provider !== cachedProvider || cachedTracer === undefined) {
    cachedProvider = provider;
    cachedTracer = provider.getTracer(TRACER_NAME, TRACER_VERSION);
  }
  return cachedTracer;
}

/** Calls `fn` with `thisArg` and `args` inside a span described by `spec`. */
export function runInSpan(spec: SpanSpec, fn: (...args: any[]) => unknown, thisArg: unknown, args: any[]): unknown {
  let span: Span;
  const config = getConfig();
  try {
    span = getTracer().startSpan(spec.spanName, spec.startOptionsFor(config));
  } catch (err) {
    diag.error('llm-trace: could not start a span; the call runs untraced', err);
    return fn.apply(thisArg, args);
  }
  if (!span.isRecording()) {
    // No provider: the span is a no-op without context, so skip the context switch entirely.
    // Sampled out: the span still carries the trace context children must inherit.
    if (span.spanContext().traceId === INVALID_TRACE_ID) return fn.apply(thisArg, args);
    return context.with(trace.setSpan(context.active(), span), fn, thisArg, ...args);
  }
  return runRecording(span, spec, config, fn, thisArg, args);
}

function runRecording(span: Span, spec: SpanSpec, config: LlmTraceConfig, fn: (...args: any[]) => unknown, thisArg: unknown, args: any[]): unknown {
  let run: SpanRun;
  let ctx;
  try {
    run = new SpanRun(span, spec, withCaptureContent(config, spec.options.captureContent), getWriter());
    run.start(args);
    setSpanState(run.state);
    ctx = trace.setSpan(context.active(), span);
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
    result = context.with(ctx, fn, thisArg, ...args);
  } catch (err) {
    run.failAndEnd(err);
    throw err;
  }
  try {
    if (isThenable(result)) {
      // The same object goes back to the app; our handlers ride on a side chain whose
      // callbacks never throw, so it never rejects.
      (result as PromiseLike<unknown>).then(
        (value) => run.settle(value),
        (err) => run.failAndEnd(err),
      );
    } else {
      run.settle(result);
    }
  } catch (err) {
    diag.error('llm-trace: could not observe the result', err);
    run.end();
  }
  return result;
}
