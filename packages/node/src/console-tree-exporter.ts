/**
 * A span exporter for development: holds the spans of each trace until its root span ends,
 * then prints the whole trace as one tree, so concurrent traces never interleave on screen.
 */
import { diag, type Attributes } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { SimpleSpanProcessor, type ReadableSpan, type Span, type SpanExporter } from '@opentelemetry/sdk-trace';
import type { Context } from '@opentelemetry/api';
import { formatTraceTree, TREE_KEYS, type TreeSpan } from './trace-tree';

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
  /**
   * Most spans held for one trace whose root has not ended; later ones are counted and the
   * tree says how many were not kept, so a long-running root cannot grow memory without bound.
   * @default 10000
   */
  readonly maxSpansPerTrace?: number;
  /**
   * With `consoleTreeSpanProcessor()`, how long a trace whose root has ended waits for spans still
   * open under it (LangChain callbacks, a stream a route returned) before it prints as is. @default 30000
   */
  readonly lateSpanWaitMs?: number;
}

/** Longest string kept per held field (names, models, messages are printed shorter anyway). */
const MAX_HELD_TEXT = 512;

/** A fresh copy, so a cut string does not keep its (possibly huge) original alive. */
function held(text: string): string {
  return text.length > MAX_HELD_TEXT ? (' ' + text.slice(0, MAX_HELD_TEXT)).slice(1) : text;
}

/**
 * What the tree needs of a finished span, and nothing else: held spans of an open trace then cost
 * a few hundred bytes each, whatever content the span carried.
 */
function slim(span: ReadableSpan): TreeSpan {
  const attributes: Attributes = {};
  for (const key of TREE_KEYS) {
    const v = span.attributes[key];
    if (v !== undefined) attributes[key] = typeof v === 'string' ? held(v) : v;
  }
  const context = span.spanContext();
  const status = span.status.message ? { code: span.status.code, message: held(span.status.message) } : { code: span.status.code };
  return {
    name: held(span.name),
    attributes,
    status,
    duration: span.duration,
    startTime: span.startTime,
    spanContext: () => context,
    parentSpanContext: span.parentSpanContext,
  };
}

interface PendingTrace {
  readonly spans: TreeSpan[];
  dropped: number;
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
  private readonly maxSpansPerTrace: number;
  /** Finished spans per trace id, in arrival order; a Map keeps insertion order for eviction. */
  private readonly pending = new Map<string, PendingTrace>();
  private stopped = false;
  /** Spans started and not yet ended per trace, when a processor reports starts (`spanStarted`). */
  private readonly open = new Map<string, number>();
  /** Traces whose root has ended while spans under it were still open. */
  private readonly waiting = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lateWait: number;

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
    const perTrace = options.maxSpansPerTrace ?? 10_000;
    if (!Number.isInteger(perTrace) || perTrace <= 0) {
      throw new TypeError(`ConsoleTreeExporter: option "maxSpansPerTrace" must be a positive integer, got ${String(perTrace)}`);
    }
    this.maxSpansPerTrace = perTrace;
    const wait = options.lateSpanWaitMs ?? 30_000;
    if (!Number.isFinite(wait) || wait < 0) throw new TypeError(`ConsoleTreeExporter: option "lateSpanWaitMs" must be a non-negative number, got ${String(wait)}`);
    this.lateWait = wait;
  }

  /** A span of a trace started (called by `consoleTreeSpanProcessor()`). */
  spanStarted(traceId: string): void {
    this.open.set(traceId, (this.open.get(traceId) ?? 0) + 1);
  }

  /** A span of a trace ended, exported or not (called by `consoleTreeSpanProcessor()`). */
  spanEnded(traceId: string): void {
    const n = (this.open.get(traceId) ?? 1) - 1;
    if (n > 0) this.open.set(traceId, n);
    else this.open.delete(traceId);
  }

  /** Prints the trace now, or once the spans still open under its ended root have ended. */
  private rootOrLateSpan(traceId: string, isRoot: boolean): void {
    const stillOpen = this.open.has(traceId);
    if (isRoot && stillOpen && this.lateWait > 0) {
      const timer = setTimeout(() => this.print(traceId), this.lateWait);
      (timer as { unref?: () => void }).unref?.();
      this.waiting.set(traceId, timer);
    } else if (isRoot || (!stillOpen && this.waiting.has(traceId))) {
      this.print(traceId);
    }
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.stopped) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('ConsoleTreeExporter is shut down') });
      return;
    }
    try {
      for (const span of spans) {
        const traceId = span.spanContext().traceId;
        // A local root (no parent, or a parent in another process) closes the trace here, unless
        // spans under it are still open: they then join its tree when they end.
        const isRoot = !span.parentSpanContext || span.parentSpanContext.isRemote === true;
        const trace = this.pending.get(traceId);
        if (!trace) this.pending.set(traceId, { spans: [slim(span)], dropped: 0 });
        else if (isRoot || trace.spans.length < this.maxSpansPerTrace) trace.spans.push(slim(span));
        else trace.dropped++;
        this.rootOrLateSpan(traceId, isRoot);
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
    const timer = this.waiting.get(traceId);
    if (timer !== undefined) clearTimeout(timer);
    this.waiting.delete(traceId);
    const trace = this.pending.get(traceId);
    this.pending.delete(traceId);
    if (!trace?.spans.length) return;
    this.stream.write(`${formatTraceTree(trace.spans, { color: this.color, dropped: trace.dropped })}\n`);
  }
}

/**
 * The console tree as a span processor that also sees spans start, so a trace whose root ends
 * before its children (LangChain's callback spans, AI SDK spans of a stream a route returned)
 * prints as one tree once they have ended, instead of the late spans printing as trees of their
 * own. `register()` uses it.
 *
 * @example
 * ```ts
 * import { consoleTreeSpanProcessor } from '@llm-trace/node';
 * import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
 * const provider = new BasicTracerProvider({ spanProcessors: [consoleTreeSpanProcessor({ color: false })] });
 * ```
 */
export function consoleTreeSpanProcessor(options: ConsoleTreeExporterOptions = {}): SimpleSpanProcessor {
  const exporter = new ConsoleTreeExporter(options);
  return new (class extends SimpleSpanProcessor {
    override onStart(span: Span, parentContext: Context): void {
      exporter.spanStarted(span.spanContext().traceId);
      super.onStart(span, parentContext);
    }
    override onEnd(span: ReadableSpan): void {
      exporter.spanEnded(span.spanContext().traceId);
      super.onEnd(span);
    }
  })({ exporter });
}
