/**
 * Counts spans that reached a batching exporter's queue but were not sent yet, so an exit that
 * cannot wait (`process.exit()`) can say how many were lost instead of losing them silently.
 * Counting only: no span is retained here.
 */
import type { Context } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';

export class PendingSpans {
  private ended = 0;
  private settled = 0;

  /** Spans ended (and sampled) minus spans whose export finished, either way. */
  count(): number {
    return Math.max(0, this.ended - this.settled);
  }

  /** A processor placed next to the batching one: counts each sampled span that ends. */
  readonly processor: SpanProcessor = {
    onStart: (_span: Span, _parent: Context): void => undefined,
    onEnd: (span: ReadableSpan): void => {
      if (span.spanContext().traceFlags & 1) this.ended++;
    },
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };

  /** The exporter, counting each batch when its export settles. */
  wrap(exporter: SpanExporter): SpanExporter {
    return {
      export: (spans: ReadableSpan[], done: (result: ExportResult) => void): void => {
        exporter.export(spans, (result) => {
          this.settled += spans.length;
          done(result);
        });
      },
      forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
      shutdown: () => exporter.shutdown(),
    };
  }
}
