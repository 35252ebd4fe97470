/**
 * The typed handle `currentLlmSpan()` returns. Every write goes through the span's content writer,
 * so redaction, capture rules, caps and dialects apply exactly as they do to the engine's writes.
 */
import { diag, type Attributes } from '@opentelemetry/api';
import { getConfig, type LlmTraceConfig } from '../config';
import { monotonicNow } from '../clock';
import type { LlmSpanState } from '../contracts';
import type { AnyContent, ContentFor, Document, KindName, MessageInput, MessagePart, OutputMessageInput, ToolDefinition, Usage } from './types';

/**
 * The response of a model call.
 *
 * @example
 * ```ts
 * import { currentLlmSpan } from '@llm-trace/core';
 * currentLlmSpan().setResponse({ id: 'chatcmpl-1', model: 'gpt-4o-2024-08-06', finishReasons: ['stop'] });
 * ```
 */
export interface ResponseInfo {
  readonly id?: string;
  readonly model?: string;
  readonly finishReasons?: readonly string[];
}

/**
 * A tool call, on a TOOL span.
 *
 * @example
 * ```ts
 * import { currentLlmSpan } from '@llm-trace/core';
 * currentLlmSpan().setToolCall({ name: 'search', callId: 'call_1', arguments: { q: 'otel' } });
 * ```
 */
export interface ToolCallInfo {
  readonly name?: string;
  readonly callId?: string;
  readonly arguments?: unknown;
  readonly description?: string;
  readonly type?: string;
}

/**
 * The active span as a typed handle. Methods that do not apply to the span's kind write nothing.
 *
 * @example
 * ```ts
 * import { currentLlmSpan } from '@llm-trace/core';
 * currentLlmSpan().setModel('qwen-plus', 'dashscope').setUsage({ inputTokens: 12, outputTokens: 30 });
 * ```
 */
export interface LlmSpanHandle {
  /** The span's kind, or `undefined` on the no-op handle. */
  readonly kind: KindName | undefined;
  /** False on the no-op handle returned outside a span. */
  readonly isRecording: boolean;
  /** Token usage; total defaults to input + output. LLM, AGENT, EMBEDDING. */
  setUsage(usage: Usage): this;
  /** Request model (and provider). LLM, EMBEDDING, RERANKER, RETRIEVER, AGENT. */
  setModel(model: string, provider?: string): this;
  /** Input messages. LLM, AGENT, ENTRY. */
  setInputMessages(messages: readonly MessageInput[]): this;
  /** Output messages. LLM, AGENT, ENTRY. */
  setOutputMessages(messages: readonly OutputMessageInput[]): this;
  /** System instructions. LLM, AGENT. */
  setSystemInstructions(instructions: string | readonly MessagePart[]): this;
  /** Tools offered to the model. LLM, AGENT. */
  setToolDefinitions(tools: readonly ToolDefinition[]): this;
  /** Response id, response model and finish reasons. LLM. */
  setResponse(response: ResponseInfo): this;
  /** Documents: retrieved (RETRIEVER) or reranked output (RERANKER). */
  setDocuments(documents: readonly Document[]): this;
  /** Query text. RETRIEVER, RERANKER. */
  setQuery(query: string): this;
  /** Tool name, call id, arguments. TOOL. */
  setToolCall(call: ToolCallInfo): this;
  /** Tool result. TOOL. */
  setToolResult(result: unknown): this;
  /** Input value. CHAIN, TASK. */
  setInput(value: unknown, mimeType?: string): this;
  /** Output value. CHAIN, TASK. */
  setOutput(value: unknown, mimeType?: string): this;
  /** Any content of the span's kind. */
  setContent(content: AnyContent): this;
  /** Extra attributes, redacted and capped like content. */
  setAttributes(attributes: Attributes): this;
  /** Records the first token now (once per span) for time-to-first-token. */
  recordFirstToken(): this;
}

/**
 * The settings of the span `state` belongs to: the engine's span state carries the config the
 * span started with, its own `captureContent` choice applied, so every write through the handle
 * honours that choice; a state without one uses the global settings.
 */
function configOf(state: LlmSpanState): LlmTraceConfig {
  const own = (state as { readonly config?: LlmTraceConfig }).config;
  return own !== undefined && own !== null && typeof own === 'object' ? own : getConfig();
}

/** Fallback first-token recording when the engine's is not supplied: once per span, in ns. */
function recordFirstTokenDefault(state: LlmSpanState): void {
  if (state.firstTokenAt !== undefined) return;
  state.firstTokenAt = monotonicNow();
  const ns = (state.firstTokenAt - state.startedAt) * 1e6;
  state.writer.write(state.span, state.kind, { timeToFirstTokenNs: ns } as ContentFor<typeof state.kind>, configOf(state));
}

const USAGE_FIELDS = ['inputTokens', 'outputTokens', 'totalTokens', 'cacheReadInputTokens', 'cacheCreationInputTokens', 'reasoningOutputTokens'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isOptionalString = (v: unknown): boolean => v === undefined || typeof v === 'string';
const isTokenCount = (v: unknown): boolean => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0);

/** Why `usage` cannot be written, or undefined when it can. */
function usageProblem(usage: unknown): string | undefined {
  if (!isObject(usage)) return 'expected a usage object';
  for (const f of USAGE_FIELDS) if (!isTokenCount(usage[f])) return `"${f}" must be a non-negative number, got ${typeof usage[f] === 'string' ? `the string ${JSON.stringify(usage[f])}` : String(usage[f])}`;
  return undefined;
}

function documentsContent(kind: KindName, documents: readonly Document[]): AnyContent {
  return kind === 'RERANKER' ? { outputDocuments: documents } : { documents };
}

class SpanHandle implements LlmSpanHandle {
  readonly isRecording = true;

  constructor(
    private readonly state: LlmSpanState,
    private readonly firstToken: (state: LlmSpanState) => void,
  ) {}

  get kind(): KindName {
    return this.state.kind;
  }

  private put(content: AnyContent): this {
    try {
      this.state.writer.write(this.state.span, this.state.kind, content as ContentFor<KindName>, configOf(this.state));
    } catch (err) {
      diag.error('llm-trace: currentLlmSpan() write failed', err);
    }
    return this;
  }

  /**
   * Runs one handle method: a bad argument is a `diag` warning and nothing is written (a wrong
   * value on the span would be worse than none); nothing ever throws into the application.
   */
  private guarded(method: string, problem: string | undefined, write: () => this): this {
    if (problem !== undefined) {
      diag.warn(`llm-trace: currentLlmSpan().${method}(): ${problem}; nothing written`);
      return this;
    }
    try {
      return write();
    } catch (err) {
      diag.error(`llm-trace: currentLlmSpan().${method}() failed`, err);
      return this;
    }
  }

  setUsage(usage: Usage): this {
    return this.guarded('setUsage', usageProblem(usage), () => this.put({ usage }));
  }
  setModel(model: string, provider?: string): this {
    const problem = typeof model !== 'string' ? 'the model must be a string' : !isOptionalString(provider) ? 'the provider must be a string' : undefined;
    return this.guarded('setModel', problem, () => this.put(provider === undefined ? { model } : { model, provider }));
  }
  setInputMessages(inputMessages: readonly MessageInput[]): this {
    return this.guarded('setInputMessages', Array.isArray(inputMessages) ? undefined : 'expected an array of messages', () => this.put({ inputMessages }));
  }
  setOutputMessages(outputMessages: readonly OutputMessageInput[]): this {
    return this.guarded('setOutputMessages', Array.isArray(outputMessages) ? undefined : 'expected an array of messages', () => this.put({ outputMessages }));
  }
  setSystemInstructions(systemInstructions: string | readonly MessagePart[]): this {
    const ok = typeof systemInstructions === 'string' || Array.isArray(systemInstructions);
    return this.guarded('setSystemInstructions', ok ? undefined : 'expected a string or an array of parts', () => this.put({ systemInstructions }));
  }
  setToolDefinitions(toolDefinitions: readonly ToolDefinition[]): this {
    return this.guarded('setToolDefinitions', Array.isArray(toolDefinitions) ? undefined : 'expected an array of tool definitions', () => this.put({ toolDefinitions }));
  }
  setResponse(r: ResponseInfo): this {
    const problem = !isObject(r)
      ? 'expected a response object'
      : !isOptionalString(r.id) || !isOptionalString(r.model)
        ? '"id" and "model" must be strings'
        : r.finishReasons !== undefined && !(Array.isArray(r.finishReasons) && r.finishReasons.every((f) => typeof f === 'string'))
          ? '"finishReasons" must be an array of strings'
          : undefined;
    return this.guarded('setResponse', problem, () => this.put({ responseId: r.id, responseModel: r.model, finishReasons: r.finishReasons }));
  }
  setDocuments(documents: readonly Document[]): this {
    return this.guarded('setDocuments', Array.isArray(documents) ? undefined : 'expected an array of documents', () => this.put(documentsContent(this.state.kind, documents)));
  }
  setQuery(query: string): this {
    return this.guarded('setQuery', typeof query === 'string' ? undefined : 'the query must be a string', () => this.put({ query }));
  }
  setToolCall(call: ToolCallInfo): this {
    const problem = !isObject(call)
      ? 'expected a tool call object'
      : !(isOptionalString(call.name) && isOptionalString(call.callId) && isOptionalString(call.description) && isOptionalString(call.type))
        ? '"name", "callId", "description" and "type" must be strings'
        : undefined;
    return this.guarded('setToolCall', problem, () => this.put({ name: call.name, callId: call.callId, arguments: call.arguments, description: call.description, type: call.type }));
  }
  setToolResult(result: unknown): this {
    return this.put({ result });
  }
  setInput(input: unknown, inputMimeType?: string): this {
    return this.guarded('setInput', isOptionalString(inputMimeType) ? undefined : 'the mime type must be a string', () => this.put({ input, inputMimeType }));
  }
  setOutput(output: unknown, outputMimeType?: string): this {
    return this.guarded('setOutput', isOptionalString(outputMimeType) ? undefined : 'the mime type must be a string', () => this.put({ output, outputMimeType }));
  }
  setContent(content: AnyContent): this {
    const problem = !isObject(content) ? 'expected a content object' : content.usage !== undefined ? usageProblem(content.usage) : undefined;
    return this.guarded('setContent', problem, () => this.put(content));
  }
  setAttributes(attributes: Attributes): this {
    if (!isObject(attributes)) return this.guarded('setAttributes', 'expected an attributes object', () => this);
    try {
      this.state.writer.writeAttributes(this.state.span, attributes, configOf(this.state));
    } catch (err) {
      diag.error('llm-trace: currentLlmSpan().setAttributes failed', err);
    }
    return this;
  }
  recordFirstToken(): this {
    try {
      this.firstToken(this.state);
    } catch (err) {
      diag.error('llm-trace: recordFirstToken failed', err);
    }
    return this;
  }
}

class NoopHandle implements LlmSpanHandle {
  readonly kind = undefined;
  readonly isRecording = false;
  setUsage(): this { return this; }
  setModel(): this { return this; }
  setInputMessages(): this { return this; }
  setOutputMessages(): this { return this; }
  setSystemInstructions(): this { return this; }
  setToolDefinitions(): this { return this; }
  setResponse(): this { return this; }
  setDocuments(): this { return this; }
  setQuery(): this { return this; }
  setToolCall(): this { return this; }
  setToolResult(): this { return this; }
  setInput(): this { return this; }
  setOutput(): this { return this; }
  setContent(): this { return this; }
  setAttributes(): this { return this; }
  recordFirstToken(): this { return this; }
}

/**
 * The handle returned outside a span: every method does nothing.
 *
 * @example
 * ```ts
 * import { NOOP_LLM_SPAN } from '@llm-trace/core/extend';
 * NOOP_LLM_SPAN.setUsage({ inputTokens: 1 }); // does nothing
 * ```
 */
export const NOOP_LLM_SPAN: LlmSpanHandle = new NoopHandle();

/**
 * A handle on one span state. `currentLlmSpan()` is this applied to the active state; exposed so
 * the engine (and tests) can build a handle for a known state.
 *
 * @example
 * ```ts
 * import { llmSpanHandle } from '@llm-trace/core/extend';
 * llmSpanHandle(undefined).setUsage({ inputTokens: 12, outputTokens: 30 }); // no state: the no-op handle
 * ```
 */
export function llmSpanHandle(state: LlmSpanState | undefined, recordFirstToken: (state: LlmSpanState) => void = recordFirstTokenDefault): LlmSpanHandle {
  if (!state || !state.span.isRecording()) return NOOP_LLM_SPAN;
  return new SpanHandle(state, recordFirstToken);
}
