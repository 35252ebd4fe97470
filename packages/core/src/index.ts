/**
 * What applications call: the decorator, the wrappers, `currentLlmSpan()`, sessions,
 * `configure()`, and the types of span content. Integrations (framework bridges, exporters,
 * span processors) find the building blocks they need in `@llm-trace/core/extend`.
 */
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
export { getActiveSpanState, recordFirstToken } from './state';
export type { LlmSpanState } from './contracts';
export { configure, getConfig, resetConfig } from './config';
export { hasContextManager } from './context-check';
export type { DialectName, LlmTraceConfig, LlmTraceOptions, RedactionInfo, RedactionOptions } from './config';
// Typed content, adapters, the content writer, the span handle, sessions.
export { currentLlmSpan } from './content/current-span';
export { TRUNCATION_MARKER } from './content';
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
export { withSession, sessionContext, getSession, SessionSpanProcessor } from './session';
export type { SessionInfo, SessionOptions, SessionSpanProcessorOptions, WritableSpanLike } from './session';
