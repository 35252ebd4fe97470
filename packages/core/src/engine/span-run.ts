/**
 * One recording span's life: what is written at start, at the result, at an error and at the
 * end, and ending exactly once. Every step that is ours is guarded so a fault goes to `diag`
 * and never to the application.
 */
import { diag, trace, type Context, type Span } from '@opentelemetry/api';
import type { LlmTraceConfig, RedactionOptions } from '../config';
import type { LlmSpanState, StreamAggregator } from '../contracts';
import type { ContentFor, KindName } from '../content/types';
import { mergeContent } from '../content';
import { now, recordFirstToken } from '../state';
import { recordError } from '../redact/error-record';
import { redactText } from '../redact/redactor';
import { unwatch, watch, type IdleWatched } from './idle';
import { spanNameFor, type SpanSpec } from './span-spec';
import { NOT_A_STREAM, observeStream } from './streams';

/**
 * Set on a span ended because its result went idle: a promise that never settled or a stream
 * that was never read to the end, within the idle time.
 * @example
 * ```ts
 * import { ATTR_STREAM_ABANDONED } from '@llm-trace/core';
 * const abandoned = (attrs: Record<string, unknown>) => attrs[ATTR_STREAM_ABANDONED] === true;
 * ```
 */
export const ATTR_STREAM_ABANDONED = 'llm_trace.stream.abandoned';
/**
 * Set on a span whose stream the consumer stopped early (`break`, `return()`, `cancel()`, a
 * destroyed `Readable`).
 * @example
 * ```ts
 * import { ATTR_STREAM_CANCELLED } from '@llm-trace/core';
 * const cancelled = (attrs: Record<string, unknown>) => attrs[ATTR_STREAM_CANCELLED] === true;
 * ```
 */
export const ATTR_STREAM_CANCELLED = 'llm_trace.stream.cancelled';

type Content = ContentFor<KindName>;

const STREAM_FLAG: ContentFor<'LLM'> = Object.freeze({ stream: true });
/** What an ended run points at, so a result the app keeps does not keep the span alive. */
const RELEASED: Span = trace.wrapSpanContext({ traceId: '00000000000000000000000000000000', spanId: '0000000000000000', traceFlags: 0 });

function guard(what: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    diag.error(`llm-trace: ${what} failed`, err);
  }
}

/**
 * Whether `content` has a field the options already fixed. Usually it has none (a tool's
 * arguments next to its name), and the copy without those fields is then not made at all.
 */
function overlaps(content: object, fixed: object): boolean {
  for (const key in content) if (key in fixed) return true;
  return false;
}

/** Something a stream can report to (each call that returned the stream is one run on it). */
export interface StreamActivity {
  /** Reads so far: the idle bound watches it. */
  reads: number;
}

// A span named from the model in its arguments is renamed on every call, and an app calls the same
// model again and again: the last model is remembered with the name it gave, per redaction config,
// kind and operation. Redaction is a pure function of the text and the config, so the name is the
// same; a user hook must see every value, so with one nothing is remembered, nor is a long name
// kept in memory.
let lastRedaction: RedactionOptions | undefined;
let lastModel: string | undefined;
let lastKind: KindName | undefined;
let lastOperation: string | undefined;
let lastName: string | undefined;

/** The span name `model` gives a span of `kind` (its model redacted like any span name). */
function modelSpanName(kind: KindName, operation: string, model: string, redaction: RedactionOptions): string | undefined {
  if (redaction.hook || model.length > 128) return spanNameFor(kind, operation, { model: redactText(model, redaction, 1024) });
  if (model !== lastModel || redaction !== lastRedaction || kind !== lastKind || operation !== lastOperation) {
    lastName = spanNameFor(kind, operation, { model: redactText(model, redaction, 1024) });
    lastModel = model;
    lastRedaction = redaction;
    lastKind = kind;
    lastOperation = operation;
  }
  return lastName;
}

/** The lifecycle of one recording span; it is also the span's `LlmSpanState`. */
export class SpanRun implements LlmSpanState, IdleWatched {
  span: Span;
  readonly kind: LlmSpanState['kind'];
  /** The context the call ran in; resumes of its generator run in it too. Dropped at the end. */
  ctx: Context | undefined = undefined;
  /** When the span started, on the `performance.now()` clock. */
  readonly startedAt: number;
  firstTokenAt: number | undefined = undefined;
  streaming = false;
  ended = false;
  private aggregator: StreamAggregator | undefined = undefined;
  private stream: StreamActivity | undefined = undefined;
  private watched = false;
  idleSeen = 0;
  idleTimeout = 0;
  idleDeadline = 0;
  idlePrev: IdleWatched['idlePrev'] = undefined;
  idleNext: IdleWatched['idleNext'] = undefined;

  constructor(
    span: Span,
    readonly spec: SpanSpec,
    readonly config: LlmTraceConfig,
    readonly writer: LlmSpanState['writer'],
  ) {
    this.span = span;
    this.kind = spec.kind;
    this.startedAt = now();
  }

  private write(content: Content | undefined): void {
    if (content === undefined) return;
    try {
      this.writer.write(this.span, this.kind, content, this.config);
    } catch (err) {
      diag.error('llm-trace: content write failed', err);
    }
  }

  /** Writes what is known before the call: options, captured arguments, `mapInput`. */
  start(args: readonly unknown[]): void {
    const { spec } = this;
    const kind = spec.kind;
    let content: Content | undefined;
    try {
      const adapter = spec.adapter;
      if (adapter.input && (this.config.captureContent || !adapter.inputIsContent)) content = adapter.input(args, this.config.captureContent) as Content | undefined;
      // The options' own values were written at start and win over what the arguments say.
      const fixed = spec.staticContent;
      if (content && fixed && overlaps(content, fixed)) {
        // Copied rather than `delete`d: deleting keys turns the object into a slow dictionary.
        const rest: Record<string, unknown> = {};
        for (const key in content) if (!(key in fixed)) rest[key] = (content as Record<string, unknown>)[key];
        content = rest as Content;
      }
    } catch (err) {
      diag.error('llm-trace: input capture failed', err);
    }
    // Below, try/catch in place of `guard`: a closure here would make every call allocate a
    // scope for the variables it reads, whether or not the option is set.
    const mapInput = spec.options.mapInput;
    if (mapInput) {
      try {
        content = mergeContent(kind, content, mapInput(args as never) as Content | undefined);
      } catch (err) {
        diag.error('llm-trace: mapInput failed', err);
      }
    }
    this.write(content);
    const attributes = spec.options.attributes;
    if (attributes) {
      try {
        this.writer.writeAttributes(this.span, attributes, this.config);
      } catch (err) {
        diag.error('llm-trace: attributes write failed', err);
      }
    }
    if (spec.nameOpen && content) {
      const model = (content as { model?: unknown }).model;
      if (typeof model === 'string' && model) {
        try {
          // The model comes from the call's arguments: redacted like any other span name.
          const name = modelSpanName(kind, spec.operation, model, this.config.redaction);
          if (name) this.span.updateName(name);
        } catch (err) {
          diag.error('llm-trace: span rename failed', err);
        }
      }
    }
  }

  /** Writes the output of a result that is not a stream. */
  output(result: unknown): void {
    const kind = this.kind;
    let content: Content | undefined;
    try {
      const adapter = this.spec.adapter;
      if (adapter.output && (this.config.captureContent || !adapter.outputIsContent)) content = adapter.output(result, this.config.captureContent) as Content | undefined;
    } catch (err) {
      diag.error('llm-trace: output capture failed', err);
    }
    // Not through `guard`, for the reason given in `start`.
    const mapOutput = this.spec.options.mapOutput;
    if (mapOutput) {
      try {
        content = mergeContent(kind, content, mapOutput(result) as Content | undefined);
      } catch (err) {
        diag.error('llm-trace: mapOutput failed', err);
      }
    }
    this.write(content);
  }

  /** The one place an error is recorded on the span: type, status and the exception event. */
  recordError(error: unknown): void {
    if (this.ended) return;
    const span = this.span;
    guard('error record', () => recordError(span, error, this.config));
  }

  /** Ends the span and lets go of it; every later call does nothing. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.watched) unwatch(this);
    const span = this.span;
    this.span = RELEASED;
    this.ctx = undefined;
    this.aggregator = undefined;
    this.stream = undefined;
    try {
      span.end();
    } catch (err) {
      diag.error('llm-trace: span end failed', err);
    }
  }

  /** Records the error and ends. */
  failAndEnd(error: unknown): void {
    this.recordError(error);
    this.end();
  }

  /**
   * The call's result is known: a plain value is written and the span ends; a stream keeps it
   * open, and so does a result that finishes later (the AI SDK's `streamText` result; both are
   * observed in streams.ts). Returns
   * what the app gets: the value itself or, when the app gets what we return (`replaceable`), a
   * plain `ReadableStream` piped through an observer.
   */
  settle(value: unknown, replaceable: boolean): unknown {
    if (this.ended) return value;
    const observed = observeStream(this, value, replaceable);
    if (observed !== NOT_A_STREAM) return observed;
    this.output(value);
    this.end();
    return value;
  }

  /**
   * The promise of the final value of a result returned at once that finishes later (the AI
   * SDK's `streamText` result), from the kind's adapter; `undefined` for any other result.
   */
  completionOf(value: object): PromiseLike<unknown> | undefined {
    try {
      return this.spec.adapter.completion?.(value);
    } catch (err) {
      diag.error('llm-trace: could not observe the result', err);
      return undefined;
    }
  }

  /** Keeps the span open until `settle`, within the idle bound (a promise still pending). */
  watchIdle(): void {
    if (this.ended || this.watched) return;
    this.watched = true;
    // Not through `guard`: a closure per traced async call is a measurable share of its cost.
    try {
      watch(this, this.config.streamIdleTimeoutMs, this.startedAt);
    } catch (err) {
      diag.error('llm-trace: idle watch failed', err);
    }
  }

  /** Activity the idle bound looks at. */
  activity(): number {
    return this.stream === undefined ? 0 : this.stream.reads;
  }

  /** Ends the span as abandoned: its result went idle. */
  abandon(): void {
    if (this.ended) return;
    this.watched = false;
    guard('abandon', () => {
      this.span.setAttribute(ATTR_STREAM_ABANDONED, true);
      this.span.setAttribute('llm_trace.stream.abandoned_reason', 'idle');
    });
    this.finishAggregate();
    this.end();
  }

  // ---- what every stream-reading style reports to (see streams.ts) ------------------------

  /**
   * The result is a stream (or, `streamed` false, a result that finishes later): the span stays
   * open until it finishes, fails or is cancelled.
   */
  beginStream(stream: StreamActivity, aggregate: boolean, streamed = true): void {
    this.stream = stream;
    // A model call whose result streams is a streaming request, whatever its arguments said.
    if (streamed) {
      this.streaming = true;
      if (this.kind === 'LLM') this.write(STREAM_FLAG);
    }
    if (aggregate) {
      try {
        this.aggregator = this.spec.adapter.stream?.();
      } catch (err) {
        diag.error('llm-trace: stream aggregator failed', err);
      }
    }
    this.watchIdle();
  }

  /** One chunk the app received. */
  chunk(value: unknown): void {
    if (this.ended) return;
    if (this.firstTokenAt === undefined) guard('first token', () => recordFirstToken(this));
    const agg = this.aggregator;
    if (agg !== undefined) {
      try {
        agg.add(value);
      } catch (err) {
        diag.error('llm-trace: stream aggregation failed', err);
      }
    }
  }

  /** The stream finished (`cancelled`: the consumer stopped early); `final` is a whole result to write instead of the chunks. */
  finishStream(cancelled: boolean, final?: unknown): void {
    if (this.ended) return;
    if (cancelled) guard('cancel mark', () => this.span.setAttribute(ATTR_STREAM_CANCELLED, true));
    if (final !== undefined) this.output(final);
    else this.finishAggregate();
    this.end();
  }

  /** The stream failed. */
  streamError(err: unknown): void {
    if (this.ended) return;
    this.finishAggregate();
    this.failAndEnd(err);
  }

  private finishAggregate(): void {
    const agg = this.aggregator;
    this.aggregator = undefined;
    if (!agg) return;
    let content: Content | undefined;
    try {
      content = agg.finish() as Content | undefined;
    } catch (err) {
      diag.error('llm-trace: stream finish failed', err);
    }
    this.write(content);
  }
}

