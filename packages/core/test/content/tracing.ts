/** Real OTel SDK tracing for the content-layer tests: fresh per test, torn down after. */
import { context, trace, propagation, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { W3CBaggagePropagator } from '@opentelemetry/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestTracing {
  readonly exporter: InMemorySpanExporter;
  readonly provider: BasicTracerProvider;
  spans(): ReadableSpan[];
  span(name: string): ReadableSpan;
  /** Starts a span, runs `fn` with it, ends it, returns the finished span. */
  record(name: string, fn: (span: Span) => void): ReadableSpan;
  /** JSON of every finished span's attributes: what an exporter would ship. */
  exported(): string;
  teardown(): Promise<void>;
}

export function setupTracing(extraProcessors: SpanProcessor[] = []): TestTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [...extraProcessors, new SimpleSpanProcessor(exporter)] });
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(new W3CBaggagePropagator());
  const tracer = provider.getTracer('content-test');
  return {
    exporter,
    provider,
    spans: () => exporter.getFinishedSpans(),
    span: (name) => {
      const s = exporter.getFinishedSpans().find((x) => x.name === name);
      if (!s) throw new Error(`no span named ${name}`);
      return s;
    },
    record(name, fn) {
      const span = tracer.startSpan(name);
      fn(span);
      span.end();
      return this.span(name);
    },
    exported: () => JSON.stringify(exporter.getFinishedSpans().map((s) => ({ name: s.name, attributes: s.attributes, events: s.events }))),
    async teardown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as T;
}
