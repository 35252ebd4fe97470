/**
 * The typed handle `currentLlmSpan()` returns. Every write goes through the span's content writer,
 * so redaction, capture rules, caps and dialects apply exactly as they do to the engine's writes.
 */
import { diag, type Attributes } from '@opentelemetry/api';
import { getConfig } from '../config';
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

/** Fallback first-token recording when the engine's is not supplied: once per span, in ns. */
function recordFirstTokenDefault(state: LlmSpanState): void {
  if (state.firstTokenAt !== undefined) return;
  state.firstTokenAt = monotonicNow();
  const ns = (state.firstTokenAt - state.startedAt) * 1e6;
  state.writer.write(state.span, state.kind, { timeToFirstTokenNs: ns } as ContentFor<typeof state.kind>, getConfig());
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
      this.state.writer.write(this.state.span, this.state.kind, content as ContentFor<KindName>, getConfig());
    } catch (err) {
      diag.error('llm-trace: currentLlmSpan() write failed', err);
    }
    return this;
  }

  setUsage(usage: Usage): this {
    return this.put({ usage });
  }
  setModel(model: string, provider?: string): this {
    return this.put(provider === undefined ? { model } : { model, provider });
  }
  setInputMessages(inputMessages: readonly MessageInput[]): this {
    return this.put({ inputMessages });
  }
  setOutputMessages(outputMessages: readonly OutputMessageInput[]): this {
    return this.put({ outputMessages });
  }
  setSystemInstructions(systemInstructions: string | readonly MessagePart[]): this {
    return this.put({ systemInstructions });
  }
  setToolDefinitions(toolDefinitions: readonly ToolDefinition[]): this {
    return this.put({ toolDefinitions });
  }
  setResponse(r: ResponseInfo): this {
    return this.put({ responseId: r.id, responseModel: r.model, finishReasons: r.finishReasons });
  }
  setDocuments(documents: readonly Document[]): this {
    return this.put(documentsContent(this.state.kind, documents));
  }
  setQuery(query: string): this {
    return this.put({ query });
  }
  setToolCall(call: ToolCallInfo): this {
    return this.put({ name: call.name, callId: call.callId, arguments: call.arguments, description: call.description, type: call.type });
  }
  setToolResult(result: unknown): this {
    return this.put({ result });
  }
  setInput(input: unknown, inputMimeType?: string): this {
    return this.put({ input, inputMimeType });
  }
  setOutput(output: unknown, outputMimeType?: string): this {
    return this.put({ output, outputMimeType });
  }
  setContent(content: AnyContent): this {
    return this.put(content);
  }
  setAttributes(attributes: Attributes): this {
    try {
      this.state.writer.writeAttributes(this.state.span, attributes, getConfig());
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
 * import { NOOP_LLM_SPAN } from '@llm-trace/core';
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
 * import { llmSpanHandle } from '@llm-trace/core';
 * llmSpanHandle(undefined).setUsage({ inputTokens: 12, outputTokens: 30 }); // no state: the no-op handle
 * ```
 */
export function llmSpanHandle(state: LlmSpanState | undefined, recordFirstToken: (state: LlmSpanState) => void = recordFirstTokenDefault): LlmSpanHandle {
  if (!state || !state.span.isRecording()) return NOOP_LLM_SPAN;
  return new SpanHandle(state, recordFirstToken);
}
