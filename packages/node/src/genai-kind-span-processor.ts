/**
 * Gives the GenAI spans of other libraries (the Vercel AI SDK, OpenInference, OpenLLMetry, any
 * instrumentation following the OTel GenAI conventions) the LLM Trace span kind, so backends that
 * read `gen_ai.span.kind` (ARMS) see them as LLM, TOOL, AGENT … operations like our own spans.
 */
import { diag, trace, TraceFlags, type Attributes, type AttributeValue, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_SPAN_KIND,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_NAME,
  type LlmSpanKind,
} from '@llm-trace/semconv';

/** `gen_ai.operation.name` values of the OTel GenAI conventions (and ours) → kind. */
const BY_OPERATION: Readonly<Record<string, LlmSpanKind>> = {
  chat: 'LLM',
  text_completion: 'LLM',
  generate_content: 'LLM',
  embeddings: 'EMBEDDING',
  execute_tool: 'TOOL',
  invoke_agent: 'AGENT',
  create_agent: 'AGENT',
  agent_step: 'STEP',
  react: 'STEP',
  retrieval: 'RETRIEVER',
  rerank: 'RERANKER',
  workflow: 'CHAIN',
  invoke_workflow: 'CHAIN',
  run_task: 'TASK',
  enter: 'ENTRY',
};

/** OpenInference's `openinference.span.kind` → kind. */
const BY_OPENINFERENCE: Readonly<Record<string, LlmSpanKind>> = {
  LLM: 'LLM',
  EMBEDDING: 'EMBEDDING',
  RETRIEVER: 'RETRIEVER',
  RERANKER: 'RERANKER',
  TOOL: 'TOOL',
  AGENT: 'AGENT',
  CHAIN: 'CHAIN',
  GUARDRAIL: 'TASK',
  EVALUATOR: 'TASK',
  PROMPT: 'TASK',
};

/** AI SDK 5 operation ids (`ai.operationId`, also the span name) → kind. */
const BY_AI_SDK_OPERATION: Readonly<Record<string, LlmSpanKind>> = {
  'ai.generateText': 'AGENT',
  'ai.streamText': 'AGENT',
  'ai.generateObject': 'AGENT',
  'ai.streamObject': 'AGENT',
  'ai.generateText.doGenerate': 'LLM',
  'ai.streamText.doStream': 'LLM',
  'ai.generateObject.doGenerate': 'LLM',
  'ai.streamObject.doStream': 'LLM',
  'ai.toolCall': 'TOOL',
  'ai.embed': 'EMBEDDING',
  'ai.embedMany': 'EMBEDDING',
  'ai.embed.doEmbed': 'EMBEDDING',
  'ai.embedMany.doEmbed': 'EMBEDDING',
  'ai.rerank': 'RERANKER',
  'ai.rerank.doRerank': 'RERANKER',
};

/** The operation name our conventions use for a kind, for spans that carry none. */
const OPERATION_OF: Readonly<Record<LlmSpanKind, string>> = {
  LLM: 'chat',
  EMBEDDING: 'embeddings',
  RETRIEVER: 'retrieval',
  RERANKER: 'rerank',
  TOOL: 'execute_tool',
  AGENT: 'invoke_agent',
  CHAIN: 'workflow',
  TASK: 'run_task',
  ENTRY: 'enter',
  STEP: 'react',
};

function str(v: AttributeValue | undefined): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * The LLM Trace kind a span of another library stands for, from its attributes and name, or
 * undefined when it is not a GenAI span (or already has a kind). Read in this order:
 * `gen_ai.operation.name` (OTel GenAI: AI SDK 7, OpenLLMetry), `openinference.span.kind`
 * (OpenInference), then AI SDK 5's `ai.operationId` or span name.
 *
 * @example
 * ```ts
 * import { inferGenAiKind } from '@llm-trace/node';
 * inferGenAiKind({ 'gen_ai.operation.name': 'execute_tool' }, 'execute_tool get_weather'); // 'TOOL'
 * inferGenAiKind({ 'openinference.span.kind': 'LLM' }, 'OpenAI Chat Completions'); // 'LLM'
 * ```
 */
export function inferGenAiKind(attributes: Attributes, name: string): LlmSpanKind | undefined {
  if (attributes[ATTR_GEN_AI_SPAN_KIND] !== undefined) return undefined;
  const op = str(attributes[ATTR_GEN_AI_OPERATION_NAME]);
  const byOp = op === undefined ? undefined : BY_OPERATION[op];
  if (byOp) return byOp;
  const oi = str(attributes['openinference.span.kind']);
  const byOi = oi === undefined ? undefined : BY_OPENINFERENCE[oi.toUpperCase()];
  if (byOi) return byOi;
  const aiOp = str(attributes['ai.operationId']) ?? (name.startsWith('ai.') ? name : undefined);
  return aiOp === undefined ? undefined : BY_AI_SDK_OPERATION[aiOp];
}

/** OpenInference token counts → the OTel GenAI usage keys. */
const FROM_OPENINFERENCE: readonly (readonly [string, string])[] = [
  ['llm.token_count.prompt', 'gen_ai.usage.input_tokens'],
  ['llm.token_count.completion', 'gen_ai.usage.output_tokens'],
  ['llm.token_count.total', 'gen_ai.usage.total_tokens'],
  ['llm.model_name', 'gen_ai.request.model'],
  ['llm.model_name', 'gen_ai.response.model'],
  ['llm.provider', 'gen_ai.provider.name'],
];

/** `ls_provider` from a LangChain span's JSON `metadata` attribute (bounded: only short metadata is parsed). */
function lsProvider(metadata: AttributeValue | undefined): string | undefined {
  if (typeof metadata !== 'string' || metadata.length > 65_536 || !metadata.includes('"ls_provider"')) return undefined;
  try {
    const provider = (JSON.parse(metadata) as { ls_provider?: unknown }).ls_provider;
    return typeof provider === 'string' && provider !== '' ? provider : undefined;
  } catch {
    return undefined;
  }
}

/** Spans this processor gave a kind, so the keys that arrive late are still completed at the end. */
const STAMPED = new WeakMap<Span, LlmSpanKind>();

function stamp(span: Span): void {
  const kind = STAMPED.get(span) ?? inferGenAiKind(span.attributes, span.name);
  if (kind === undefined) return;
  if (!STAMPED.has(span)) {
    STAMPED.set(span, kind);
    span.setAttribute(ATTR_GEN_AI_SPAN_KIND, kind);
  }
  const a = span.attributes;
  // The conventions pair every kind with an operation; a span that had none gets ours.
  if (a[ATTR_GEN_AI_OPERATION_NAME] === undefined) span.setAttribute(ATTR_GEN_AI_OPERATION_NAME, OPERATION_OF[kind]);
  // `gen_ai.system` is the former name of `gen_ai.provider.name` (AI SDK 5 writes "openai.chat").
  const system = str(a['gen_ai.system']);
  if (system !== undefined && a[ATTR_GEN_AI_PROVIDER_NAME] === undefined) span.setAttribute(ATTR_GEN_AI_PROVIDER_NAME, system.split('.')[0]!);
  // OpenInference writes the model, provider and token counts under its own keys.
  if (str(a['openinference.span.kind']) !== undefined) {
    for (const [from, to] of FROM_OPENINFERENCE) if (span.attributes[to] === undefined && a[from] !== undefined) span.setAttribute(to, a[from]!);
    // LangChain's spans name the provider only in their metadata (`ls_provider`).
    if (span.attributes[ATTR_GEN_AI_PROVIDER_NAME] === undefined) {
      const provider = lsProvider(a.metadata);
      if (provider) span.setAttribute(ATTR_GEN_AI_PROVIDER_NAME, provider);
    }
  }
  // AI SDK 5 names its tool spans' ids in its own keys; the structural ones are copied (not content).
  if (kind === 'TOOL') {
    const tool = str(a['ai.toolCall.name']);
    const id = str(a['ai.toolCall.id']);
    if (tool !== undefined && a[ATTR_GEN_AI_TOOL_NAME] === undefined) span.setAttribute(ATTR_GEN_AI_TOOL_NAME, tool);
    if (id !== undefined && a[ATTR_GEN_AI_TOOL_CALL_ID] === undefined) span.setAttribute(ATTR_GEN_AI_TOOL_CALL_ID, id);
  }
}

/**
 * How `GenAiKindSpanProcessor` treats an auto-instrumentation LLM span (OpenInference's
 * `OpenAI Chat Completions`, an OpenLLMetry `openai.chat`) that appears directly inside one of our
 * LLM spans for the same model call.
 *
 * @example
 * ```ts
 * import { GenAiKindSpanProcessor, type GenAiKindSpanProcessorOptions } from '@llm-trace/node';
 * const options: GenAiKindSpanProcessorOptions = { duplicateLlmSpans: 'keep' };
 * const processor = new GenAiKindSpanProcessor(options);
 * ```
 */
export interface GenAiKindSpanProcessorOptions {
  /**
   * `'merge'` (default): one LLM span per model call. Our span takes the usage, models, response
   * id and finish reasons the inner span knew and ours did not (never its content: our span's
   * content switch and redaction decide what content it holds), and the inner span is not
   * exported, so tokens and calls are counted once in both dialects. Spans that the inner span
   * parented keep their parent id. `'keep'`: both spans are exported as they are.
   */
  readonly duplicateLlmSpans?: 'merge' | 'keep';
}

/** Structural keys an inner LLM span may know that ours lacks (never content). */
const MERGED_KEYS = [
  'gen_ai.provider.name',
  'gen_ai.request.model',
  'gen_ai.response.model',
  'gen_ai.response.id',
  'gen_ai.response.finish_reasons',
  'gen_ai.usage.input_tokens',
  'gen_ai.usage.output_tokens',
  'gen_ai.usage.total_tokens',
  'gen_ai.usage.cache_read.input_tokens',
  'gen_ai.usage.cache_creation.input_tokens',
  'gen_ai.usage.reasoning.output_tokens',
] as const;


const OI_TOKEN_KEYS = ['llm.token_count.prompt', 'llm.token_count.completion', 'llm.token_count.total'];

/** Inner duplicate span → our LLM span it duplicates. */
const DUPLICATE_OF = new WeakMap<Span, Span>();

function ourLlmParent(parentContext: Context): Span | undefined {
  const parent = trace.getSpan(parentContext) as Partial<Span> | undefined;
  if (!parent || typeof parent.setAttribute !== 'function' || !parent.attributes) return undefined;
  const scope = parent.instrumentationScope?.name;
  if (typeof scope !== 'string' || !scope.startsWith('@llm-trace/')) return undefined;
  return parent.attributes[ATTR_GEN_AI_SPAN_KIND] === 'LLM' ? (parent as Span) : undefined;
}

function mergeInto(ours: Span, inner: Span): void {
  const a = inner.attributes;
  const have = ours.attributes;
  for (const key of MERGED_KEYS) if (have[key] === undefined && a[key] !== undefined) ours.setAttribute(key, a[key]!);
  for (const [from, to] of FROM_OPENINFERENCE) {
    if (ours.attributes[to] === undefined && a[from] !== undefined) ours.setAttribute(to, a[from]!);
  }
  // Our span in the openinference dialect counts tokens under the same keys as the inner span.
  if (have['openinference.span.kind'] !== undefined) for (const key of OI_TOKEN_KEYS) if (have[key] === undefined && a[key] !== undefined) ours.setAttribute(key, a[key]!);
}

/**
 * Keeps the inner span from every exporter: span processors export only sampled spans, and the
 * span's context object is the one `spanContext()` hands out, so clearing its sampled flag before
 * the exporters' `onEnd` run is the one way a processor can withhold a span.
 */
function withhold(span: Span): void {
  const ctx = span.spanContext();
  ctx.traceFlags &= ~TraceFlags.SAMPLED;
}

/**
 * Adds `gen_ai.span.kind` to the GenAI spans of other libraries (with the keys our conventions
 * require beside it when the span has them under another name: `gen_ai.operation.name` from the
 * kind, `gen_ai.provider.name` from the former `gen_ai.system`, OpenInference's model, provider
 * and token counts, an AI SDK 5 tool's name and call id). Kinds are inferred by `inferGenAiKind`: when the span starts, and again just before it ends for
 * libraries that set their attributes late. Spans that already carry a kind (ours) and spans that
 * are not GenAI spans are left alone. An auto-instrumentation LLM span directly inside one of our
 * LLM spans is merged into ours by default (see `GenAiKindSpanProcessorOptions`). `register()` installs it; the session keys come from the
 * `SessionSpanProcessor` beside it.
 *
 * @example
 * ```ts
 * import { GenAiKindSpanProcessor } from '@llm-trace/node';
 * import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
 * const provider = new BasicTracerProvider({ spanProcessors: [new GenAiKindSpanProcessor()] });
 * ```
 */
export class GenAiKindSpanProcessor implements SpanProcessor {
  private readonly merge: boolean;

  constructor(options: GenAiKindSpanProcessorOptions = {}) {
    if (options === null || typeof options !== 'object') throw new TypeError('GenAiKindSpanProcessor: expected an options object');
    const mode = options.duplicateLlmSpans ?? 'merge';
    if (mode !== 'merge' && mode !== 'keep') {
      throw new TypeError(`GenAiKindSpanProcessor: option "duplicateLlmSpans" must be "merge" or "keep", got ${JSON.stringify(mode)}`);
    }
    this.merge = mode === 'merge';
  }

  onStart(span: Span, parentContext: Context): void {
    try {
      stamp(span);
      // Whether it is an LLM span may only be known at its end; the parent is known now.
      if (this.merge && !span.instrumentationScope?.name?.startsWith('@llm-trace/')) {
        const ours = ourLlmParent(parentContext);
        if (ours) DUPLICATE_OF.set(span, ours);
      }
    } catch (err) {
      diag.error('llm-trace: GenAiKindSpanProcessor could not read a span', err);
    }
  }

  /** Called by OTel SDK 2.x while the span can still take attributes. */
  onEnding(span: Span): void {
    try {
      stamp(span);
      const ours = DUPLICATE_OF.get(span);
      if (ours && span.attributes[ATTR_GEN_AI_SPAN_KIND] === 'LLM') {
        mergeInto(ours, span);
        withhold(span);
      }
    } catch (err) {
      diag.error('llm-trace: GenAiKindSpanProcessor could not read a span', err);
    }
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
