// Decorator, wrappers, serializer, span state.
export { llmSpan, LLM_SPAN_METADATA_KEY } from './engine/decorator';
export type { LlmSpanDecorator } from './engine/decorator';
export {
  withLlmSpan,
  withLLM,
  withEmbedding,
  withRetriever,
  withReranker,
  withTool,
  withAgent,
  withChain,
  withTask,
  withEntry,
  withStep,
  traceLlmSpan,
} from './engine/wrap';
export type { AnyFunction, KindWrapper } from './engine/wrap';
export type { LlmSpanOptions, SpanOptions } from './engine/options';
export { ATTR_STREAM_ABANDONED, ATTR_STREAM_CANCELLED } from './engine/span-run';
export { detachedPrefix, safeStringify, SERIALIZE_TRUNCATION_MARKER } from './serialize';
export type { SerializeOptions } from './serialize';
export { getActiveSpanState, recordFirstToken } from './state';
export { getAdapter, getWriter } from './capture/registry';
export { configure, getConfig, resetConfig, captureContentFromEnv } from './config';
export { hasContextManager } from './context-check';
export type { DialectName, LlmTraceConfig, LlmTraceOptions, RedactionInfo, RedactionOptions } from './config';
export type { ContentWriter, KindAdapter, LlmSpanState, StreamAggregator } from './contracts';
// Typed content, adapters, the content writer, the span handle, sessions.
export { currentLlmSpan } from './content/current-span';
export { CONTENT_ADAPTERS, mergeContent, contentWriter, contentAttributes, rawAttributes, withCaptureContent, llmSpanHandle, NOOP_LLM_SPAN, OPENINFERENCE_SPAN_KIND, TRUNCATION_MARKER, frameworkToolCall, frameworkToolContent } from './content';
export type { FrameworkToolCall } from './content';
export type {
  LlmSpanHandle,
  ResponseInfo,
  ToolCallInfo,
  AgentContent,
  AnyContent,
  BlobPart,
  ChainContent,
  ChatMessage,
  ContentByKind,
  ContentFor,
  Document,
  EmbeddingContent,
  EntryContent,
  FilePart,
  FinishReason,
  GenericPart,
  KindName,
  LlmContent,
  MessageInput,
  MessagePart,
  Modality,
  OutputMessage,
  OutputMessageInput,
  ReasoningPart,
  RequestParameters,
  RerankerContent,
  RetrieverContent,
  Role,
  StepContent,
  TaskContent,
  TextPart,
  ToolCallRequestPart,
  ToolCallResponsePart,
  ToolContent,
  ToolDefinition,
  UriPart,
  Usage,
  ValueContent,
} from './content';
export { withSession, sessionContext, getSession, sessionAttributes, mayHaveSession, BAGGAGE_SESSION_ID, BAGGAGE_USER_ID, SessionSpanProcessor } from './session';
export type { SessionInfo, SessionOptions, SessionSpanProcessorOptions, WritableSpanLike } from './session';
// Redaction: free text, errors, and the built-in rules (the node package and tests use them).
export { createRedactor, redactText, redactValue, rulesTriggeredBy, KEY_VALUE_RULE_NAME } from './redact/redactor';
export type { Redactor } from './redact/redactor';
export { recordError, redactError, ERROR_MESSAGE_LENGTH_WITHOUT_CONTENT } from './redact/error-record';
export type { RedactedError } from './redact/error-record';
export { SECRET_KEY_RULES, SECRET_PATTERN_RULES } from './redact/rules';
export type { SecretKeyRule, SecretPatternRule } from './redact/rules';
export { validateRedactionOptions, validateSpanOptions } from './validate-options';
