/** The content layer's surface, read by the engine's registry and re-exported from the package root. */
export { CONTENT_ADAPTERS, mergeContent } from './adapters';
export { contentWriter, contentAttributes, rawAttributes, withCaptureContent } from './writer';
export { llmSpanHandle, NOOP_LLM_SPAN } from './span-handle';
export type { LlmSpanHandle, ResponseInfo, ToolCallInfo } from './span-handle';
export { OPENINFERENCE_SPAN_KIND } from './openinference';
export { TRUNCATION_MARKER } from './attribute-sink';
export { frameworkToolCall, frameworkToolContent } from './extract/framework-tool-args';
export type { FrameworkToolCall } from './extract/framework-tool-args';
export type {
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
} from './types';
