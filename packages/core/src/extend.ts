/**
 * Building blocks for integrations: framework bridges, span processors and exporters that write
 * llm-trace content themselves. Applications use the package root instead.
 *
 * @example
 * ```ts
 * import { contentWriter, getConfig } from '@llm-trace/core/extend';
 * import { trace } from '@opentelemetry/api';
 * const span = trace.getTracer('my-bridge').startSpan('chat qwen-plus');
 * contentWriter.write(span, 'LLM', { model: 'qwen-plus', usage: { inputTokens: 3, outputTokens: 5 } }, getConfig());
 * span.end();
 * ```
 */
// The content layer: adapters per kind, the writer, the span handle, framework tool calls.
export { getAdapter, getWriter } from './capture/registry';
export type { ContentWriter, KindAdapter, LlmSpanState, StreamAggregator } from './contracts';
export { CONTENT_ADAPTERS, mergeContent, contentWriter, contentAttributes, rawAttributes, withCaptureContent, llmSpanHandle, NOOP_LLM_SPAN, OPENINFERENCE_SPAN_KIND, TRUNCATION_MARKER, frameworkToolCall, frameworkToolContent } from './content';
export type { FrameworkToolCall } from './content';
export { getActiveSpanState, recordFirstToken } from './state';
// Settings as the writer sees them.
export { getConfig, captureContentFromEnv } from './config';
export type { LlmTraceConfig } from './config';
// Sessions as span processors read them.
export { sessionAttributes, mayHaveSession, BAGGAGE_SESSION_ID, BAGGAGE_USER_ID } from './session';
// The serializer and its caps.
export { detachedPrefix, safeStringify, SERIALIZE_TRUNCATION_MARKER } from './serialize';
export type { PartChecks, SerializeOptions } from './serialize';
// Redaction: free text, errors, and the built-in rules (the node package and tests use them).
export { createRedactor, redactText, redactValue, rulesTriggeredBy, KEY_VALUE_RULE_NAME } from './redact/redactor';
export type { Redactor } from './redact/redactor';
export { recordError, redactError, ERROR_MESSAGE_LENGTH_WITHOUT_CONTENT } from './redact/error-record';
export type { RedactedError } from './redact/error-record';
export { SECRET_KEY_RULES, SECRET_PATTERN_RULES } from './redact/rules';
export type { SecretKeyRule, SecretPatternRule } from './redact/rules';
export { validateRedactionOptions, validateSpanOptions } from './validate-options';
// Where OTLP spans go and how its URL may be printed, the same in every runtime's setup package.
export { otlpTargetFrom, parseOtlpHeaders, printableUrl, withPrintableUrls } from './otlp-target';
export type { OtlpTarget } from './otlp-target';
