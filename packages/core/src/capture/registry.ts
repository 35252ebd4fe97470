/**
 * Where the engine finds how to turn a call into content (the kind's adapter) and how to write
 * it (the writer). The engine knows nothing about providers or attribute keys; swapping the
 * content layer is a change to the bindings below.
 *
 * Each per-kind wrapper (`withTool`, `withLLM`, ...) carries its own kind's capture, so a bundle
 * that only wraps tools reaches the tool adapter and the tool mapping alone, never the provider
 * extraction an LLM span needs. The generic forms (`withLlmSpan`, `traceLlmSpan`, the decorator)
 * take their kind at run time and look it up in the full registry.
 */
import type { Attributes } from '@opentelemetry/api';
import type { LlmTraceConfig } from '../config';
import type { ContentWriter, KindAdapter } from '../contracts';
import type { ContentFor, KindName } from '../content/types';
import { CONTENT_ADAPTERS, contentAttributes, contentWriter } from '../content';
import {
  AGENT_ADAPTER,
  CHAIN_ADAPTER,
  EMBEDDING_ADAPTER,
  ENTRY_ADAPTER,
  LLM_ADAPTER,
  RERANKER_ADAPTER,
  RETRIEVER_ADAPTER,
  STEP_ADAPTER,
  TASK_ADAPTER,
  TOOL_ADAPTER,
} from '../content/adapters';
import {
  agentMapper,
  chainMapper,
  embeddingMapper,
  entryMapper,
  llmMapper,
  mappedAttributes,
  rerankerMapper,
  retrieverMapper,
  stepMapper,
  taskMapper,
  toolMapper,
  writerMapping,
  type AttributeMapping,
  type ContentMapper,
} from '../content/writer';

const ADAPTERS: { readonly [K in KindName]: KindAdapter<K> } = CONTENT_ADAPTERS;
const WRITER: ContentWriter = contentWriter;

/**
 * The adapter that turns a call of `kind` into content.
 *
 * @example
 * ```ts
 * import { getAdapter } from '@llm-trace/core/extend';
 * getAdapter('TOOL').input?.([{ q: 'otel' }]);
 * ```
 */
export function getAdapter<K extends KindName>(kind: K): KindAdapter<K> {
  return ADAPTERS[kind] as KindAdapter<K>;
}

/**
 * The writer every content write of the generic forms goes through (a per-kind wrapper's
 * writer maps the same way, for its own kind only).
 *
 * @example
 * ```ts
 * import { getWriter } from '@llm-trace/core/extend';
 * const writer = getWriter();
 * ```
 */
export function getWriter(): ContentWriter {
  return WRITER;
}

/** How a span of one kind captures content: its adapter, its writer and its start attributes. */
export interface KindCapture<K extends KindName = KindName> {
  readonly adapter: KindAdapter<K>;
  /** The writer every content write on the span goes through. */
  readonly writer: ContentWriter;
  /** The attributes `content` maps to, without a span (the content known from the options, at start). */
  readonly attributes: AttributeMapping;
}

/** One kind's capture, built from that kind's adapter and mapper only. */
function kindCapture<K extends KindName>(kind: K, adapter: KindAdapter<K>, mapper: ContentMapper<K>): KindCapture<K> {
  // The engine writes a span's content under the span's own kind, which is this kind.
  const attributes = ((_kind: KindName, content: ContentFor<K>, config: LlmTraceConfig): Attributes => mappedAttributes(kind, mapper, content, config)) as AttributeMapping;
  return { adapter, writer: writerMapping(attributes), attributes };
}

/**
 * The capture of any kind through the full registry, for the wrappers whose kind is known only
 * at run time (`withLlmSpan`, `traceLlmSpan`, the decorator).
 */
export function captureFor<K extends KindName>(kind: K): KindCapture<K> {
  return { adapter: getAdapter(kind), writer: getWriter(), attributes: contentAttributes };
}

// One capture per kind, each reaching only its own adapter and mapper. `@__PURE__` lets a
// bundler drop the ones an application never uses.
/** The LLM kind's capture: provider request, response and stream extraction. */
export const LLM_CAPTURE: KindCapture<'LLM'> = /* @__PURE__ */ kindCapture('LLM', LLM_ADAPTER, llmMapper);
/** The EMBEDDING kind's capture. */
export const EMBEDDING_CAPTURE: KindCapture<'EMBEDDING'> = /* @__PURE__ */ kindCapture('EMBEDDING', EMBEDDING_ADAPTER, embeddingMapper);
/** The RETRIEVER kind's capture. */
export const RETRIEVER_CAPTURE: KindCapture<'RETRIEVER'> = /* @__PURE__ */ kindCapture('RETRIEVER', RETRIEVER_ADAPTER, retrieverMapper);
/** The RERANKER kind's capture. */
export const RERANKER_CAPTURE: KindCapture<'RERANKER'> = /* @__PURE__ */ kindCapture('RERANKER', RERANKER_ADAPTER, rerankerMapper);
/** The TOOL kind's capture. */
export const TOOL_CAPTURE: KindCapture<'TOOL'> = /* @__PURE__ */ kindCapture('TOOL', TOOL_ADAPTER, toolMapper);
/** The AGENT kind's capture. */
export const AGENT_CAPTURE: KindCapture<'AGENT'> = /* @__PURE__ */ kindCapture('AGENT', AGENT_ADAPTER, agentMapper);
/** The CHAIN kind's capture. */
export const CHAIN_CAPTURE: KindCapture<'CHAIN'> = /* @__PURE__ */ kindCapture('CHAIN', CHAIN_ADAPTER, chainMapper);
/** The TASK kind's capture. */
export const TASK_CAPTURE: KindCapture<'TASK'> = /* @__PURE__ */ kindCapture('TASK', TASK_ADAPTER, taskMapper);
/** The ENTRY kind's capture. */
export const ENTRY_CAPTURE: KindCapture<'ENTRY'> = /* @__PURE__ */ kindCapture('ENTRY', ENTRY_ADAPTER, entryMapper);
/** The STEP kind's capture. */
export const STEP_CAPTURE: KindCapture<'STEP'> = /* @__PURE__ */ kindCapture('STEP', STEP_ADAPTER, stepMapper);
