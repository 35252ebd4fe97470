/**
 * A span exporter for development: holds the spans of each trace until its root span ends,
 * then prints the whole trace as one tree, so concurrent traces never interleave on screen.
 */
import { diag } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { formatTraceTree } from './trace-tree';

/**
 * Where and how `ConsoleTreeExporter` prints.
 *
 * @example
 * ```ts
 * import type { ConsoleTreeExporterOptions } from '@llm-trace/node';
 * const options: ConsoleTreeExporterOptions = { stream: process.stderr, color: false };
 * ```
 */
export interface ConsoleTreeExporterOptions {
  /** Destination. @default process.stdout */
  readonly stream?: { write(text: string): unknown; isTTY?: boolean };
  /**
   * Force colours on or off. By default colours are used only when the stream is a TTY and
   * neither `NO_COLOR` is set nor `TERM=dumb`.
   */
  readonly color?: boolean;
  /**
   * Most traces waiting for their root span at once; beyond it the oldest is printed as is,
   * so a root that never ends cannot grow memory without bound. @default 1000
   */
  readonly maxPendingTraces?: number;
}

function defaultColor(stream: { isTTY?: boolean }): boolean {
  const env = globalThis.process?.env ?? {};
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/**
 * Prints each finished trace as a tree: kind, name, duration, model, tokens in→out, time to first
 * token, the ReAct round, errors (in red on a TTY) and the session id (where it first appears). `register()` uses it when no OTLP endpoint is
 * configured.
 *
 * @example
 * ```ts
 * import { ConsoleTreeExporter } from '@llm-trace/node';
 * import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
 * const provider = new BasicTracerProvider({
 *   spanProcessors: [new SimpleSpanProcessor(new ConsoleTreeExporter({ color: false }))],
 * });
 * ```
 */
export class ConsoleTreeExporter implements SpanExporter {
  private readonly stream: { write(text: string): unknown; isTTY?: boolean };
  private readonly color: boolean;
  private readonly maxPending: number;
  /** Finished spans per trace id, in arrival order; a Map keeps insertion order for eviction. */
  private readonly pending = new Map<string, ReadableSpan[]>();
  private stopped = false;

  constructor(options: ConsoleTreeExporterOptions = {}) {
    if (options === null || typeof options !== 'object') {
      throw new TypeError('ConsoleTreeExporter: expected an options object');
    }
    if (options.stream !== undefined && typeof options.stream?.write !== 'function') {
      throw new TypeError('ConsoleTreeExporter: option "stream" must have a write(text) method');
    }
    const max = options.maxPendingTraces ?? 1000;
    if (!Number.isInteger(max) || max <= 0) {
      throw new TypeError(`ConsoleTreeExporter: option "maxPendingTraces" must be a positive integer, got ${String(max)}`);
    }
    this.stream = options.stream ?? process.stdout;
    this.color = options.color ?? defaultColor(this.stream);
    this.maxPending = max;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.stopped) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('ConsoleTreeExporter is shut down') });
      return;
    }
    try {
      for (const span of spans) {
        const traceId = span.spanContext().traceId;
        const list = this.pending.get(traceId);
        if (list) list.push(span);
        else this.pending.set(traceId, [span]);
        // A local root (no parent, or a parent in another process) closes the trace here.
        if (!span.parentSpanContext || span.parentSpanContext.isRemote) this.print(traceId);
      }
      while (this.pending.size > this.maxPending) {
        const oldest = this.pending.keys().next().value as string;
        this.print(oldest);
      }
      resultCallback({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      diag.warn(`llm-trace: ConsoleTreeExporter could not print a trace: ${String(error)}`);
      resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  /** Prints traces whose root has not ended yet, as far as they got. */
  forceFlush(): Promise<void> {
    for (const traceId of [...this.pending.keys()]) this.print(traceId);
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    const done = this.forceFlush();
    this.stopped = true;
    return done;
  }

  private print(traceId: string): void {
    const spans = this.pending.get(traceId);
    this.pending.delete(traceId);
    if (!spans?.length) return;
    this.stream.write(`${formatTraceTree(spans, { color: this.color })}\n`);
  }
}
