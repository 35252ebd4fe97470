// The provider setup every side of the peer comparison runs on, as in the rest of the benchmark:
// an AsyncLocalStorage context manager and a BasicTracerProvider registered globally, with one
// span processor that exports nothing and counts the spans that end (so a side that writes no
// span, or ends it early, shows up) and can collect them for the attribute counts.
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';

/** `ended`: spans ended so far; `collected`: when an array, the ended spans are pushed onto it. */
export const spans = { ended: 0, collected: undefined };

const countingProcessor = {
  onStart() {},
  onEnd(span) {
    spans.ended++;
    if (spans.collected) spans.collected.push(span);
  },
  forceFlush: async () => {},
  shutdown: async () => {},
};

/** Registers the context manager and the provider, replacing any registered before. */
export function setupTracing() {
  trace.disable();
  context.disable();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [countingProcessor] }));
}

/** A tracer of the global provider, by instrumentation name. */
export const tracerOf = (name) => trace.getTracer(name);

/**
 * Runs one call of a side and returns the spans it ended (after the call's promise settles and
 * one more turn, for wrappers that end the span in a later callback) and, for a stream, whether
 * its span had ended before the first chunk was read.
 */
export async function probe(sideFn, firstChunk) {
  spans.collected = [];
  let endedBeforeFirstChunk = false;
  firstChunk.hook = () => {
    endedBeforeFirstChunk = spans.collected.length > 0;
  };
  await sideFn();
  await new Promise((r) => setImmediate(r));
  firstChunk.hook = undefined;
  const out = spans.collected;
  spans.collected = undefined;
  return { spans: out, endedBeforeFirstChunk };
}
