/**
 * Typed per-kind span content. Message and part shapes follow the OTel GenAI JSON schemas
 * (`gen_ai-input-messages.json`, `gen_ai-output-messages.json`, `gen_ai-system-instructions.json`,
 * `gen_ai-tool-definitions.json`); the content writer maps them to each dialect's keys.
 */

/** The ten span kinds of the LLM Trace conventions. */
export type KindName = 'CHAIN' | 'EMBEDDING' | 'RETRIEVER' | 'RERANKER' | 'TASK' | 'LLM' | 'TOOL' | 'AGENT' | 'ENTRY' | 'STEP';

/** Media modality of a blob, file or URI part. */
export type Modality = 'image' | 'video' | 'audio' | (string & {});

/** Plain text. */
export interface TextPart {
  readonly type: 'text';
  readonly content: string;
}
/** A tool call requested by the model. */
export interface ToolCallRequestPart {
  readonly type: 'tool_call';
  readonly id?: string | null;
  readonly name: string;
  readonly arguments?: unknown;
}
/** The result of a tool call, sent back to the model. */
export interface ToolCallResponsePart {
  readonly type: 'tool_call_response';
  readonly id?: string | null;
  readonly response: unknown;
}
/** Model reasoning / thinking text. */
export interface ReasoningPart {
  readonly type: 'reasoning';
  readonly content: string;
}
/** Inline binary media (base64). */
export interface BlobPart {
  readonly type: 'blob';
  readonly mime_type?: string | null;
  readonly modality: Modality;
  readonly content: string;
}
/** Media referenced by a provider file id. */
export interface FilePart {
  readonly type: 'file';
  readonly mime_type?: string | null;
  readonly modality: Modality;
  readonly file_id: string;
}
/** Media referenced by URI. */
export interface UriPart {
  readonly type: 'uri';
  readonly mime_type?: string | null;
  readonly modality: Modality;
  readonly uri: string;
}
/** Any other part type the schema allows (`{ type, ... }`). */
export interface GenericPart {
  readonly type: string;
  readonly [key: string]: unknown;
}
/** One part of a message. */
export type MessagePart = TextPart | ToolCallRequestPart | ToolCallResponsePart | ReasoningPart | BlobPart | FilePart | UriPart | GenericPart;

/** Message role. */
export type Role = 'system' | 'user' | 'assistant' | 'tool' | (string & {});

/** An input chat message (OTel `ChatMessage`). */
export interface ChatMessage {
  readonly role: Role;
  readonly parts: readonly MessagePart[];
  readonly name?: string | null;
}
/** Why the model stopped. */
export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_call' | 'error' | (string & {});
/** An output message (one per choice). */
export interface OutputMessage extends ChatMessage {
  readonly finish_reason: FinishReason;
}
/** A message as accepted from users: a full message or a `{ role, content }` shorthand. */
export type MessageInput = ChatMessage | { readonly role: Role; readonly content: string; readonly name?: string };
/** An output message as accepted from users (finish reason optional, default `stop`). */
export type OutputMessageInput =
  | OutputMessage
  | (ChatMessage & { readonly finish_reason?: FinishReason })
  | { readonly role: Role; readonly content: string; readonly finish_reason?: FinishReason; readonly name?: string };

/** A tool the model may call (OTel `gen_ai.tool.definitions` item). */
export interface ToolDefinition {
  readonly type: 'function' | (string & {});
  readonly name: string;
  readonly description?: string;
  readonly parameters?: unknown;
}

/** Token usage. `totalTokens` defaults to input + output (house rule 7). */
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

/** Request parameters of a model call. */
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

/** A retrieved or reranked document. */
export interface Document {
  readonly id?: string | number;
  readonly score?: number;
  readonly content?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** Content of an LLM span. */
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

/** Content of an EMBEDDING span. */
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

/** Content of a RETRIEVER span. */
export interface RetrieverContent {
  readonly query?: string;
  readonly dataSource?: string;
  readonly provider?: string;
  readonly model?: string;
  readonly topK?: number;
  readonly documents?: readonly Document[];
}

/** Content of a RERANKER span. */
export interface RerankerContent {
  readonly query?: string;
  readonly model?: string;
  readonly provider?: string;
  readonly topK?: number;
  readonly inputDocuments?: readonly Document[];
  readonly outputDocuments?: readonly Document[];
}

/** Content of a TOOL span. */
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

/** Content of an AGENT span. */
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

/** Content of a STEP (ReAct round) span. */
export interface StepContent {
  /** 1-based round number. */
  readonly round?: number;
  readonly finishReason?: string;
}

/** Content of an ENTRY span. */
export interface EntryContent {
  readonly sessionId?: string;
  readonly userId?: string;
  readonly inputMessages?: readonly MessageInput[];
  readonly outputMessages?: readonly OutputMessageInput[];
  readonly timeToFirstTokenNs?: number;
}

/** Generic input/output content (CHAIN, TASK). Non-string values are JSON-encoded. */
export interface ValueContent {
  readonly input?: unknown;
  readonly output?: unknown;
  /** Defaults to `text/plain` for strings, `application/json` otherwise. */
  readonly inputMimeType?: string;
  readonly outputMimeType?: string;
}

/** Content of a CHAIN span. */
export interface ChainContent extends ValueContent {
  readonly name?: string;
  /** `gen_ai.user.time_to_first_token`, nanoseconds. */
  readonly timeToFirstTokenNs?: number;
}

/** Content of a TASK span. */
export interface TaskContent extends ValueContent {
  readonly name?: string;
}

/** Maps each kind to its content type. */
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

/** The content type of kind `K`. */
export type ContentFor<K extends KindName> = ContentByKind[K];

/** Content of any kind. */
export type AnyContent = ContentFor<KindName>;
