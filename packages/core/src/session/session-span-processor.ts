/**
 * Stamps the session attributes on every span at start, including spans made by third-party
 * instrumentation. Structurally an OTel SDK `SpanProcessor`, without importing the SDK.
 */
import { diag, type Attributes, type Context } from '@opentelemetry/api';
import { getConfig, type LlmTraceConfig } from '../config';
import { sessionAttributes } from './session';

/**
 * The part of an SDK span the processor needs.
 *
 * @example
 * ```ts
 * import type { WritableSpanLike } from '@llm-trace/core';
 * const span: WritableSpanLike = { setAttributes: () => undefined };
 * ```
 */
export interface WritableSpanLike {
  setAttributes(attributes: Attributes): unknown;
}

/**
 * Options of `SessionSpanProcessor`.
 *
 * @example
 * ```ts
 * import { SessionSpanProcessor, getConfig } from '@llm-trace/core';
 * new SessionSpanProcessor({ config: () => ({ ...getConfig(), openinference: true }) });
 * ```
 */
export interface SessionSpanProcessorOptions {
  /** The settings to use (dialects); defaults to the global `getConfig()` read at each span start. */
  readonly config?: () => LlmTraceConfig;
}

/**
 * A span processor that copies the session (`withSession`, or W3C baggage) onto every span.
 *
 * @example
 * ```ts
 * import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
 * import { SessionSpanProcessor } from '@llm-trace/core';
 * const provider = new BasicTracerProvider({ spanProcessors: [new SessionSpanProcessor()] });
 * ```
 */
export class SessionSpanProcessor {
  private readonly config: () => LlmTraceConfig;

  constructor(options: SessionSpanProcessorOptions = {}) {
    this.config = options.config ?? getConfig;
  }

  onStart(span: WritableSpanLike, parentContext: Context): void {
    try {
      const attrs = sessionAttributes(parentContext, this.config());
      for (const _ in attrs) {
        span.setAttributes(attrs);
        break;
      }
    } catch (err) {
      diag.error('llm-trace: SessionSpanProcessor could not stamp the session', err);
    }
  }

  onEnd(): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
