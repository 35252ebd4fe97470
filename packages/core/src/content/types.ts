/**
 * Typed per-kind span content. Message and part shapes follow the OTel GenAI JSON schemas
 * (`gen_ai-input-messages.json`, `gen_ai-output-messages.json`, `gen_ai-system-instructions.json`,
 * `gen_ai-tool-definitions.json`); the content writer maps them to each dialect's keys.
 */

/**
 * The ten span kinds of the LLM Trace conventions.
 *
 * @example
 * ```ts
 * import type { KindName } from '@llm-trace/core';
 * const kind: KindName = 'RETRIEVER';
 * ```
 */
export type KindName = 'CHAIN' | 'EMBEDDING' | 'RETRIEVER' | 'RERANKER' | 'TASK' | 'LLM' | 'TOOL' | 'AGENT' | 'ENTRY' | 'STEP';

/**
 * Media modality of a blob, file or URI part.
 *
 * @example
 * ```ts
 * import type { Modality } from '@llm-trace/core';
 * const m: Modality = 'image';
 * ```
 */
export type Modality = 'image' | 'video' | 'audio' | (string & {});

/**
 * Plain text.
 *
 * @example
 * ```ts
 * import type { TextPart } from '@llm-trace/core';
 * const p: TextPart = { type: 'text', content: 'Hello' };
 * ```
 */
export interface TextPart {
  readonly type: 'text';
  readonly content: string;
}
/**
 * A tool call requested by the model.
 *
 * @example
 * ```ts
 * import type { ToolCallRequestPart } from '@llm-trace/core';
 * const p: ToolCallRequestPart = { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } };
 * ```
 */
export interface ToolCallRequestPart {
  readonly type: 'tool_call';
  readonly id?: string | null;
  readonly name: string;
  readonly arguments?: unknown;
}
/**
 * The result of a tool call, sent back to the model.
 *
 * @example
 * ```ts
 * import type { ToolCallResponsePart } from '@llm-trace/core';
 * const p: ToolCallResponsePart = { type: 'tool_call_response', id: 'call_1', response: { tempC: 18 } };
 * ```
 */
export interface ToolCallResponsePart {
  readonly type: 'tool_call_response';
  readonly id?: string | null;
  readonly response: unknown;
}
/**
 * Model reasoning / thinking text.
 *
 * @example
 * ```ts
 * import type { ReasoningPart } from '@llm-trace/core';
 * const p: ReasoningPart = { type: 'reasoning', content: 'The user wants the forecast.' };
 * ```
 */
export interface ReasoningPart {
  readonly type: 'reasoning';
  readonly content: string;
}
/**
 * Inline binary media (base64).
 *
 * @example
 * ```ts
 * import type { BlobPart } from '@llm-trace/core';
 * const p: BlobPart = { type: 'blob', modality: 'image', mime_type: 'image/png', content: 'iVBORw0KGgo=' };
 * ```
 */
export interface BlobPart {
  readonly type: 'blob';
  readonly mime_type?: string | null;
  readonly modality: Modality;
  readonly content: string;
}
/**
 * Media referenced by a provider file id.
 *
 * @example
 * ```ts
 * import type { FilePart } from '@llm-trace/core';
 * const p: FilePart = { type: 'file', modality: 'image', file_id: 'file-abc' };
 * ```
 */
export interface FilePart {
  readonly type: 'file';
  readonly mime_type?: string | null;
  readonly modality: Modality;
  readonly file_id: string;
}
/**
 * Media referenced by URI.
 *
 * @example
 * ```ts
 * import type { UriPart } from '@llm-trace/core';
 * const p: UriPart = { type: 'uri', modality: 'image', uri: 'https://example.com/cat.png' };
 * ```
 */
export interface UriPart {
  readonly type: 'uri';
  readonly mime_type?: string | null;
  readonly modality: Modality;
  readonly uri: string;
}
/**
 * Any other part type the schema allows (`{ type, ... }`).
 *
 * @example
 * ```ts
 * import type { GenericPart } from '@llm-trace/core';
 * const p: GenericPart = { type: 'citation', url: 'https://example.com' };
 * ```
 */
export interface GenericPart {
  readonly type: string;
  readonly [key: string]: unknown;
}
/**
 * One part of a message.
 *
 * @example
 * ```ts
 * import type { MessagePart } from '@llm-trace/core';
 * const parts: MessagePart[] = [{ type: 'text', content: 'Describe this' }, { type: 'uri', modality: 'image', uri: 'https://example.com/a.png' }];
 * ```
 */
export type MessagePart = TextPart | ToolCallRequestPart | ToolCallResponsePart | ReasoningPart | BlobPart | FilePart | UriPart | GenericPart;

/**
 * Message role.
 *
 * @example
 * ```ts
 * import type { Role } from '@llm-trace/core';
 * const r: Role = 'assistant';
 * ```
 */
export type Role = 'system' | 'user' | 'assistant' | 'tool' | (string & {});

/**
 * An input chat message (OTel `ChatMessage`).
 *
 * @example
 * ```ts
 * import type { ChatMessage } from '@llm-trace/core';
 * const m: ChatMessage = { role: 'user', parts: [{ type: 'text', content: 'Hi' }] };
 * ```
 */
export interface ChatMessage {
  readonly role: Role;
  readonly parts: readonly MessagePart[];
  readonly name?: string | null;
}
/**
 * Why the model stopped.
 *
 * @example
 * ```ts
 * import type { FinishReason } from '@llm-trace/core';
 * const f: FinishReason = 'tool_call';
 * ```
 */
export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_call' | 'error' | (string & {});
/**
 * An output message (one per choice).
 *
 * @example
 * ```ts
 * import type { OutputMessage } from '@llm-trace/core';
 * const m: OutputMessage = { role: 'assistant', parts: [{ type: 'text', content: 'Hello' }], finish_reason: 'stop' };
 * ```
 */
export interface OutputMessage extends ChatMessage {
  readonly finish_reason: FinishReason;
}
/**
 * A message as accepted from users: a full message or a `{ role, content }` shorthand.
 *
 * @example
 * ```ts
 * import type { MessageInput } from '@llm-trace/core';
 * const m: MessageInput = { role: 'user', content: 'Hi' };
 * ```
 */
export type MessageInput = ChatMessage | { readonly role: Role; readonly content: string; readonly name?: string };
/**
 * An output message as accepted from users (finish reason optional, default `stop`).
 *
 * @example
 * ```ts
 * import type { OutputMessageInput } from '@llm-trace/core';
 * const m: OutputMessageInput = { role: 'assistant', content: 'Hello' };
 * ```
 */
export type OutputMessageInput =
  | OutputMessage
  | (ChatMessage & { readonly finish_reason?: FinishReason })
  | { readonly role: Role; readonly content: string; readonly finish_reason?: FinishReason; readonly name?: string };

/**
 * A tool the model may call (OTel `gen_ai.tool.definitions` item).
 *
 * @example
 * ```ts
 * import type { ToolDefinition } from '@llm-trace/core';
 * const t: ToolDefinition = { type: 'function', name: 'search', description: 'Web search', parameters: { type: 'object' } };
 * ```
 */
export interface ToolDefinition {
  readonly type: 'function' | (string & {});
  readonly name: string;
  readonly description?: string;
  readonly parameters?: unknown;
}

/**
 * Token usage. `totalTokens` defaults to input + output.
 *
 * @example
 * ```ts
 * import type { Usage } from '@llm-trace/core';
 * const u: Usage = { inputTokens: 1200, outputTokens: 80, cacheReadInputTokens: 1024 };
 * ```
 */
export interface Usage {
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly totalTokens?: number;
  /** Included in `inputTokens`. */
  readonly cacheReadInputTokens?: number;
  /** Included in `inputTokens`. */
  readonly cacheCreationInputTokens?: number;
  /** Included in `outputTokens`. */
  readonly reasoningOutputTokens?: number;
}

/**
 * Request parameters of a model call.
 *
 * @example
 * ```ts
 * import type { RequestParameters } from '@llm-trace/core';
 * const r: RequestParameters = { temperature: 0.2, maxTokens: 512, stopSequences: ['END'] };
 * ```
 */
export interface RequestParameters {
  readonly temperature?: number;
  readonly topP?: number;
  readonly topK?: number;
  readonly maxTokens?: number;
  readonly frequencyPenalty?: number;
  readonly presencePenalty?: number;
  readonly stopSequences?: readonly string[];
  readonly seed?: number;
  readonly choiceCount?: number;
  /** `gen_ai.output.type`: `text`, `json`, `image`, `speech`. */
  readonly outputType?: string;
}

/**
 * A retrieved or reranked document.
 *
 * @example
 * ```ts
 * import type { Document } from '@llm-trace/core';
 * const d: Document = { id: 'doc-1', score: 0.87, content: 'OpenTelemetry is...', metadata: { source: 'otel.md' } };
 * ```
 */
export interface Document {
  readonly id?: string | number;
  readonly score?: number;
  readonly content?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/**
 * Content of an LLM span.
 *
 * @example
 * ```ts
 * import type { LlmContent } from '@llm-trace/core';
 * const c: LlmContent = { model: 'qwen-plus', provider: 'dashscope', inputMessages: [{ role: 'user', content: 'Hi' }], usage: { inputTokens: 3, outputTokens: 5 } };
 * ```
 */
export interface LlmContent {
  /** `chat` (default), `generate_content` or `text_completion`. */
  readonly operation?: 'chat' | 'generate_content' | 'text_completion';
  readonly model?: string;
  readonly provider?: string;
  readonly conversationId?: string;
  readonly request?: RequestParameters;
  readonly stream?: boolean;
  readonly inputMessages?: readonly MessageInput[];
  readonly outputMessages?: readonly OutputMessageInput[];
  readonly systemInstructions?: string | readonly MessagePart[];
  readonly toolDefinitions?: readonly ToolDefinition[];
  readonly usage?: Usage;
  readonly responseId?: string;
  readonly responseModel?: string;
  readonly finishReasons?: readonly string[];
  /** Nanoseconds from span start to the first token. Normally recorded by the engine. */
  readonly timeToFirstTokenNs?: number;
  /** Reasoning duration in milliseconds. */
  readonly reasoningTimeMs?: number;
}

/**
 * Content of an EMBEDDING span.
 *
 * @example
 * ```ts
 * import type { EmbeddingContent } from '@llm-trace/core';
 * const c: EmbeddingContent = { model: 'text-embedding-v3', provider: 'dashscope', dimensionCount: 1024, usage: { inputTokens: 7 } };
 * ```
 */
export interface EmbeddingContent {
  readonly model?: string;
  readonly provider?: string;
  readonly responseModel?: string;
  readonly dimensionCount?: number;
  readonly encodingFormats?: readonly string[];
  /** Embedded texts (content). */
  readonly inputs?: readonly string[];
  readonly usage?: Usage;
}

/**
 * Content of a RETRIEVER span.
 *
 * @example
 * ```ts
 * import type { RetrieverContent } from '@llm-trace/core';
 * const c: RetrieverContent = { query: 'what is otel?', dataSource: 'kb', topK: 3, documents: [{ id: 'd1', score: 0.9 }] };
 * ```
 */
export interface RetrieverContent {
  readonly query?: string;
  readonly dataSource?: string;
  readonly provider?: string;
  readonly model?: string;
  readonly topK?: number;
  readonly documents?: readonly Document[];
}

/**
 * Content of a RERANKER span.
 *
 * @example
 * ```ts
 * import type { RerankerContent } from '@llm-trace/core';
 * const c: RerankerContent = { query: 'best db', model: 'gte-rerank-v2', topK: 1, outputDocuments: [{ id: 'a', score: 0.97 }] };
 * ```
 */
export interface RerankerContent {
  readonly query?: string;
  readonly model?: string;
  readonly provider?: string;
  readonly topK?: number;
  readonly inputDocuments?: readonly Document[];
  readonly outputDocuments?: readonly Document[];
}

/**
 * Content of a TOOL span.
 *
 * @example
 * ```ts
 * import type { ToolContent } from '@llm-trace/core';
 * const c: ToolContent = { name: 'get_weather', callId: 'call_1', arguments: { city: 'Paris' }, result: { tempC: 18 } };
 * ```
 */
export interface ToolContent {
  readonly name?: string;
  readonly description?: string;
  /** `function`, `extension` or `datastore`. */
  readonly type?: 'function' | 'extension' | 'datastore' | (string & {});
  readonly callId?: string;
  readonly arguments?: unknown;
  readonly result?: unknown;
  /** JSON Schema of the parameters (OpenInference `tool.parameters`). */
  readonly parameters?: unknown;
}

/**
 * Content of an AGENT span.
 *
 * @example
 * ```ts
 * import type { AgentContent } from '@llm-trace/core';
 * const c: AgentContent = { name: 'planner', id: 'agent-1', inputMessages: [{ role: 'user', content: 'Plan a trip' }] };
 * ```
 */
export interface AgentContent {
  /** `invoke_agent` (default) or `create_agent`. */
  readonly operation?: 'invoke_agent' | 'create_agent';
  readonly name?: string;
  readonly id?: string;
  readonly description?: string;
  readonly model?: string;
  readonly provider?: string;
  readonly conversationId?: string;
  readonly dataSource?: string;
  readonly inputMessages?: readonly MessageInput[];
  readonly outputMessages?: readonly OutputMessageInput[];
  readonly systemInstructions?: string | readonly MessagePart[];
  readonly toolDefinitions?: readonly ToolDefinition[];
  readonly usage?: Usage;
  readonly timeToFirstTokenNs?: number;
}

/**
 * Content of a STEP (ReAct round) span.
 *
 * @example
 * ```ts
 * import type { StepContent } from '@llm-trace/core';
 * const c: StepContent = { round: 2, finishReason: 'tool_calls' };
 * ```
 */
export interface StepContent {
  /** 1-based round number. */
  readonly round?: number;
  readonly finishReason?: string;
}

/**
 * Content of an ENTRY span.
 *
 * @example
 * ```ts
 * import type { EntryContent } from '@llm-trace/core';
 * const c: EntryContent = { sessionId: 'conv-42', userId: 'u-7' };
 * ```
 */
export interface EntryContent {
  readonly sessionId?: string;
  readonly userId?: string;
  readonly inputMessages?: readonly MessageInput[];
  readonly outputMessages?: readonly OutputMessageInput[];
  readonly timeToFirstTokenNs?: number;
}

/**
 * Generic input/output content (CHAIN, TASK). Non-string values are JSON-encoded.
 *
 * @example
 * ```ts
 * import type { ValueContent } from '@llm-trace/core';
 * const c: ValueContent = { input: { question: 'why?' }, output: 'because' };
 * ```
 */
export interface ValueContent {
  readonly input?: unknown;
  readonly output?: unknown;
  /** Defaults to `text/plain` for strings, `application/json` otherwise. */
  readonly inputMimeType?: string;
  readonly outputMimeType?: string;
}

/**
 * Content of a CHAIN span.
 *
 * @example
 * ```ts
 * import type { ChainContent } from '@llm-trace/core';
 * const c: ChainContent = { input: 'question', output: 'answer' };
 * ```
 */
export interface ChainContent extends ValueContent {
  /** The chain's name; the engine uses it for the span name (`chain {name}`), no attribute carries it. */
  readonly name?: string;
  /** `gen_ai.user.time_to_first_token`, nanoseconds. */
  readonly timeToFirstTokenNs?: number;
}

/**
 * Content of a TASK span.
 *
 * @example
 * ```ts
 * import type { TaskContent } from '@llm-trace/core';
 * const c: TaskContent = { input: { doc: 'a.pdf' }, output: { pages: 3 }, outputMimeType: 'application/json' };
 * ```
 */
export interface TaskContent extends ValueContent {
  /** The task's name; the engine uses it for the span name (`run_task {name}`), no attribute carries it. */
  readonly name?: string;
}

/**
 * Maps each kind to its content type.
 *
 * @example
 * ```ts
 * import type { ContentByKind } from '@llm-trace/core';
 * const c: ContentByKind['TOOL'] = { name: 'search' };
 * ```
 */
export interface ContentByKind {
  readonly LLM: LlmContent;
  readonly EMBEDDING: EmbeddingContent;
  readonly RETRIEVER: RetrieverContent;
  readonly RERANKER: RerankerContent;
  readonly TOOL: ToolContent;
  readonly AGENT: AgentContent;
  readonly STEP: StepContent;
  readonly ENTRY: EntryContent;
  readonly CHAIN: ChainContent;
  readonly TASK: TaskContent;
}

/**
 * The content type of kind `K`.
 *
 * @example
 * ```ts
 * import type { ContentFor } from '@llm-trace/core';
 * const c: ContentFor<'LLM'> = { model: 'gpt-4o', usage: { inputTokens: 3, outputTokens: 5 } };
 * ```
 */
export type ContentFor<K extends KindName> = ContentByKind[K];

/**
 * Content of any kind.
 *
 * @example
 * ```ts
 * import type { AnyContent } from '@llm-trace/core';
 * const c: AnyContent = { round: 1 };
 * ```
 */
export type AnyContent = ContentFor<KindName>;
