import { context, diag, trace, type DiagLogger } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { resetConfig } from '../../src/config';

/** Counts onEnd per span id, so tests can prove every span ends exactly once. */
export class EndCounter implements SpanProcessor {
  readonly started = new Set<string>();
  readonly ends = new Map<string, number>();
  onStart(span: { spanContext(): { spanId: string } }): void {
    this.started.add(span.spanContext().spanId);
  }
  onEnd(span: ReadableSpan): void {
    const id = span.spanContext().spanId;
    this.ends.set(id, (this.ends.get(id) ?? 0) + 1);
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
  /** Every started span ended exactly once. */
  allEndedOnce(): boolean {
    for (const id of this.started) if (this.ends.get(id) !== 1) return false;
    return [...this.ends.values()].every((n) => n === 1);
  }
}

export interface Harness {
  exporter: InMemorySpanExporter;
  counter: EndCounter;
  spans(): ReadableSpan[];
  span(name: string): ReadableSpan;
  diagErrors: unknown[][];
  diagWarnings: unknown[][];
}

/** A fresh provider + context manager per test; torn down after each. */
export function useTracing(opts: { sampledOut?: boolean; extraProcessors?: SpanProcessor[] } = {}): Harness {
  const h = { diagErrors: [], diagWarnings: [] } as unknown as Harness;
  let cm: AsyncLocalStorageContextManager;
  beforeEach(() => {
    resetConfig();
    h.exporter = new InMemorySpanExporter();
    h.counter = new EndCounter();
    h.diagErrors.length = 0;
    h.diagWarnings.length = 0;
    const provider = new BasicTracerProvider({
      spanProcessors: [h.counter, new SimpleSpanProcessor(h.exporter), ...(opts.extraProcessors ?? [])],
      ...(opts.sampledOut ? { sampler: new AlwaysOffSampler() } : {}),
    });
    cm = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(cm);
    trace.setGlobalTracerProvider(provider);
    const logger: DiagLogger = {
      error: (...a: unknown[]) => void h.diagErrors.push(a),
      warn: (...a: unknown[]) => void h.diagWarnings.push(a),
      info: () => {},
      debug: () => {},
      verbose: () => {},
    };
    diag.setLogger(logger, { suppressOverrideMessage: true } as never);
  });
  afterEach(() => {
    trace.disable();
    context.disable();
    diag.disable();
    resetConfig();
  });
  h.spans = () => h.exporter.getFinishedSpans();
  h.span = (name: string) => {
    const found = h.exporter.getFinishedSpans().find((s) => s.name === name);
    if (!found) throw new Error(`no span named ${name}; have ${h.exporter.getFinishedSpans().map((s) => s.name).join(', ')}`);
    return found;
  };
  return h;
}

export const tick = () => new Promise<void>((r) => setImmediate(r));
