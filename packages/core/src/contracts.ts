/**
 * The seam between the span engine (wrappers, decorator, lifecycle, streams) and the content
 * layer (typed per-kind content, provider extraction, redaction, dialects).
 *
 * The engine owns span lifecycles and calls a `KindAdapter` to turn a call's arguments, result
 * and stream chunks into typed content; it hands that content to a `ContentWriter`, the single
 * choke point where every attribute we write is redacted, capped and mapped to the dialects.
 * Writes through `currentLlmSpan()` go through the same writer.
 */
import type { Attributes, Span } from '@opentelemetry/api';
import type { LlmTraceConfig } from './config';
import type { ContentFor, KindName } from './content/types';

/** Everything the engine knows about one recording span; kept in the OTel context while it runs. */
export interface LlmSpanState {
  readonly span: Span;
  readonly kind: KindName;
  /** `performance.now()` when the span started, for time-to-first-token. */
  readonly startedAt: number;
  /** Set once the first chunk/token has been recorded (never recorded twice). */
  firstTokenAt: number | undefined;
  /** True while the wrapped call's result is being streamed. */
  streaming: boolean;
  /** The writer used for every content write on this span. */
  readonly writer: ContentWriter;
}

/** Turns a call into content for one kind. Every method is optional and must not throw (callers guard anyway). */
export interface KindAdapter<K extends KindName = KindName> {
  /**
   * Content known from the arguments, before the call runs. `captureContent` is false when the
   * writer will drop content, so an adapter can skip building it (only structure is written then).
   */
  input?(args: readonly unknown[], captureContent?: boolean): ContentFor<K> | undefined;
  /**
   * Content known from a non-streamed result (already awaited); `captureContent` as for `input`.
   */
  output?(result: unknown, captureContent?: boolean): ContentFor<K> | undefined;
  /** A fresh aggregator for a streamed result; `finish()` is called once when the stream ends. */
  stream?(): StreamAggregator<K>;
  /**
   * For a result that is returned at once but finishes later (the AI SDK's `streamText` result,
   * whose text and usage are promises): the promise of its final value, which `output` then
   * reads; the span stays open until it settles. Undefined for any other result.
   */
  completion?(result: unknown): PromiseLike<unknown> | undefined;
  /**
   * True when everything `input` can return is content the writer drops with capture off, so the
   * engine skips calling it then.
   */
  readonly inputIsContent?: boolean;
  /** The same for `output`. */
  readonly outputIsContent?: boolean;
}

/** Folds stream chunks into content. */
export interface StreamAggregator<K extends KindName = KindName> {
  add(chunk: unknown): void;
  finish(): ContentFor<K> | undefined;
}

/** Writes typed content onto a span: redaction, capture rules, caps and dialect mapping live here. */
export interface ContentWriter {
  write<K extends KindName>(span: Span, kind: K, content: ContentFor<K>, config: LlmTraceConfig): void;
  /** Writes raw attributes (the `attributes` option, `setAttributes`), still redacted and capped. */
  writeAttributes(span: Span, attributes: Attributes, config: LlmTraceConfig): void;
}
