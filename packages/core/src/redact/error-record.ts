/**
 * How a thrown error is written to a span: status ERROR with its message, `error.type` (the
 * error's name) and an exception event, every piece of text redacted like content first, since
 * error messages carry what the failing code was handling (a connection string, a request's
 * headers, an API key echoed back by a provider).
 *
 * Error text is diagnostics, not content, so it is kept with content capture off too, but
 * shorter: the message is cut to `ERROR_MESSAGE_LENGTH_WITHOUT_CONTENT` characters and the stack
 * trace keeps only its frames (the `at ...` lines), since its first lines repeat the message.
 */
import { SpanStatusCode, type Exception, type Span } from '@opentelemetry/api';
import type { LlmTraceConfig } from '../config';
import { redactText } from './redactor';

/**
 * Longest error message written with content capture off.
 *
 * @example
 * ```ts
 * import { ERROR_MESSAGE_LENGTH_WITHOUT_CONTENT } from '@llm-trace/core/extend';
 * const fits = (m: string) => m.length <= ERROR_MESSAGE_LENGTH_WITHOUT_CONTENT;
 * ```
 */
export const ERROR_MESSAGE_LENGTH_WITHOUT_CONTENT = 512;

/** The redacted text of one error, as `recordError` writes it. */
export interface RedactedError {
  /** `error.type`: the error's name (`TypeError`, `APIError`), or `_OTHER` for a non-Error. */
  readonly type: string;
  readonly message: string;
  readonly stack: string | undefined;
}

function read<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

function textOf(v: unknown): string {
  return read(() => (typeof v === 'string' ? v : String(v)), 'non-Error thrown');
}

/** Only the frame lines of a V8 / JavaScriptCore / SpiderMonkey stack trace. */
function framesOnly(stack: string): string {
  const lines = stack.split('\n');
  const frames = lines.filter((l) => /^\s+at\s|^[^\s@]*@\S/.test(l));
  return frames.join('\n');
}

/**
 * The redacted type, message and stack of `error` under `config`. Never throws.
 *
 * @example
 * ```ts
 * import { getConfig } from '@llm-trace/core';
 * import { redactError } from '@llm-trace/core/extend';
 * redactError(new Error('bad key sk-abcdefghijklmnop1234'), getConfig()).message; // 'bad key [REDACTED]'
 * ```
 */
export function redactError(error: unknown, config: LlmTraceConfig): RedactedError {
  const isError = read(() => error instanceof Error, false);
  const type = isError ? read(() => textOf((error as Error).name || (error as Error).constructor?.name || 'Error'), 'Error') : '_OTHER';
  const rawMessage = isError ? read(() => textOf((error as Error).message ?? ''), '') : textOf(error);
  const rawStack = isError ? read(() => (error as Error).stack, undefined) : undefined;
  const content = config.captureContent;
  const max = content ? config.maxAttributeLength : Math.min(config.maxAttributeLength, ERROR_MESSAGE_LENGTH_WITHOUT_CONTENT);
  const message = redactText(rawMessage, config.redaction, max);
  let stack: string | undefined;
  if (typeof rawStack === 'string' && rawStack !== '') {
    const cap = config.maxAttributeLength;
    const source = content ? rawStack : framesOnly(rawStack.length > cap * 2 ? rawStack.slice(0, cap * 2) : rawStack);
    stack = redactText(source, config.redaction, cap);
  }
  return { type: redactText(type, config.redaction, 256), message, stack };
}

/**
 * Records `error` on `span`: `error.type`, status ERROR with the redacted message, and an
 * exception event with the redacted message and stack trace. The error itself is not touched.
 *
 * @example
 * ```ts
 * import { trace } from '@opentelemetry/api';
 * import { getConfig } from '@llm-trace/core';
 * import { recordError } from '@llm-trace/core/extend';
 * const span = trace.getTracer('app').startSpan('work');
 * recordError(span, new Error('connect postgres://u:pw123456@db failed'), getConfig());
 * span.end();
 * ```
 */
export function recordError(span: Span, error: unknown, config: LlmTraceConfig): void {
  const { type, message, stack } = redactError(error, config);
  span.setAttribute('error.type', type);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  const exception: Exception = stack === undefined ? { name: type, message } : { name: type, message, stack };
  span.recordException(exception);
}
