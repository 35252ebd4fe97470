/** Options accepted by the decorator and the wrappers. */
import type { Attributes, SpanKind } from '@opentelemetry/api';
import type { LlmSpanKind } from '@llm-trace/semconv';
import type { ContentFor } from '../content/types';

/**
 * Options shared by every kind. `A` is the wrapped function's parameter list and `R` its
 * awaited result, so `mapInput` / `mapOutput` are typed by the function they describe.
 *
 * @example
 * ```ts
 * import type { SpanOptions } from '@llm-trace/core';
 * const options: SpanOptions<'TOOL', [string], number> = {
 *   name: 'count',
 *   mapInput: ([text]) => ({ arguments: { text } }),
 *   mapOutput: (n) => ({ result: n }),
 * };
 * ```
 */
export interface SpanOptions<K extends LlmSpanKind = LlmSpanKind, A extends readonly unknown[] = any[], R = any> {
  /** The entity's name (tool, agent, chain, task); defaults to the function's or method's name. */
  readonly name?: string;
  /** Overrides the span name built from the kind and its details (`chat {model}`, `execute_tool {name}`, …). */
  readonly spanName?: string;
  /** Extra attributes written at start (redacted and capped like content). */
  readonly attributes?: Attributes;
  /** Arguments → this kind's content, laid over what the default capture found. */
  readonly mapInput?: (args: A) => ContentFor<K> | undefined;
  /** Result (awaited; for streams, the aggregated content is written instead) → this kind's content. */
  readonly mapOutput?: (result: R) => ContentFor<K> | undefined;
  /** Per-span override of `configure({ captureContent })`. */
  readonly captureContent?: boolean;
  /** Overrides the OTel SpanKind (CLIENT for LLM, EMBEDDING, RETRIEVER and RERANKER; INTERNAL otherwise). */
  readonly otelSpanKind?: SpanKind;
  /** Model name (LLM, EMBEDDING, RERANKER, AGENT). */
  readonly model?: string;
  /** Provider name, e.g. `openai` (LLM, EMBEDDING, RERANKER, AGENT, RETRIEVER). */
  readonly provider?: string;
  /** Description (TOOL, AGENT). */
  readonly description?: string;
  /** Agent id (AGENT). */
  readonly id?: string;
  /** Data source id (RETRIEVER). */
  readonly dataSource?: string;
  /** Operation name override: `generate_content` / `text_completion` (LLM), `create_agent` (AGENT). */
  readonly operation?: string;
}

/**
 * Options of `withLlmSpan` and the decorator: `SpanOptions` plus the `kind` (default CHAIN).
 *
 * @example
 * ```ts
 * import type { LlmSpanOptions } from '@llm-trace/core';
 * const options: LlmSpanOptions<'RETRIEVER'> = { kind: 'RETRIEVER', dataSource: 'kb' };
 * ```
 */
export interface LlmSpanOptions<K extends LlmSpanKind = LlmSpanKind, A extends readonly unknown[] = any[], R = any>
  extends SpanOptions<K, A, R> {
  /** The span kind. @default 'CHAIN' */
  readonly kind?: K;
}
