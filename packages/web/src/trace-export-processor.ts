/**
 * Exports each trace as soon as its last open span in this process ends (for a request, that is
 * when the root span ends), instead of on a timer: serverless functions freeze between requests,
 * and a batch timer would then fire in the next invocation, or never.
 */
import { diag, type Context } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';

interface OpenTrace {
  open: number;
  spans: ReadableSpan[];
  dropped: number;
}

/**
 * Hands `exporter` one batch per trace when the trace's spans started here have all ended. At
 * most `maxSpansPerTrace` spans are held per trace and `maxOpenTraces` traces at once; beyond
 * that spans are dropped (counted and reported through `diag`), so a runaway trace cannot grow
 * memory without bound.
 *
 * @example
 * ```ts
 * import { BasicTracerProvider, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
 * import { TraceExportSpanProcessor } from '@llm-trace/web';
 * const provider = new BasicTracerProvider({ spanProcessors: [new TraceExportSpanProcessor(new InMemorySpanExporter())] });
 * ```
 */
export class TraceExportSpanProcessor implements SpanProcessor {
  private readonly traces = new Map<string, OpenTrace>();
  private readonly pending = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly exporter: SpanExporter,
    private readonly maxSpansPerTrace = 2048,
    private readonly maxOpenTraces = 1024,
  ) {}

  onStart(span: Span, _parentContext: Context): void {
    if (this.stopped) return;
    const id = span.spanContext().traceId;
    let t = this.traces.get(id);
    if (!t) {
      if (this.traces.size >= this.maxOpenTraces) {
        diag.warn(`llm-trace: more than ${this.maxOpenTraces} traces are open at once; spans of new traces are not exported`);
        return;
      }
      this.traces.set(id, (t = { open: 0, spans: [], dropped: 0 }));
    }
    t.open++;
  }

  onEnd(span: ReadableSpan): void {
    const id = span.spanContext().traceId;
    const t = this.traces.get(id);
    if (!t) return;
    if (t.spans.length < this.maxSpansPerTrace) t.spans.push(span);
    else t.dropped++;
    if (--t.open > 0) return;
    this.traces.delete(id);
    if (t.dropped > 0) diag.warn(`llm-trace: trace ${id} had more than ${this.maxSpansPerTrace} spans; ${t.dropped} were not exported`);
    this.send(t.spans);
  }

  private send(spans: ReadableSpan[]): void {
    const sent = new Promise<void>((resolve) => {
      try {
        this.exporter.export(spans, (result) => {
          if (result.code !== ExportResultCode.SUCCESS && result.error) diag.warn(`llm-trace: export failed: ${result.error.message}`);
          resolve();
        });
      } catch (error) {
        diag.warn(`llm-trace: export failed: ${String(error)}`);
        resolve();
      }
    });
    this.pending.add(sent);
    void sent.then(() => this.pending.delete(sent));
  }

  /**
   * Waits for every trace already handed to the exporter. Spans of traces still open stay held
   * until their trace ends; a flush at the end of a request sees its trace complete.
   */
  async forceFlush(): Promise<void> {
    await Promise.all([...this.pending]);
    await this.exporter.forceFlush?.();
  }

  /** Exports what is held, open traces included, and stops the exporter. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    for (const [id, t] of this.traces) {
      this.traces.delete(id);
      if (t.spans.length > 0) this.send(t.spans);
    }
    await this.forceFlush();
    await this.exporter.shutdown();
  }
}
