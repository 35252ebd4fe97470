/**
 * The content writer: the single choke point where typed content becomes span attributes.
 * Capture rules, redaction, the length cap, JSON encoding per the OTel GenAI
 * schemas, total tokens (rule 7), time to first token (rule 6) and the dialects (rule 12).
 */
import { diag, type Attributes, type Span } from '@opentelemetry/api';
import type { LlmTraceConfig } from '../config';
import type { ContentWriter } from '../contracts';
import { AttributeSink, keySlot } from './attribute-sink';
import { toChatMessage, toChatMessages, toDocument, toInstructionParts, toOutputMessage, toOutputMessages, toToolDefinition, totalTokens } from './normalize';
import { OPENINFERENCE_SPAN_KIND, oiDocuments, oiInputMessages, oiOutputMessages, oiProvider, oiTools, oiUsage } from './openinference';
import type {
  AgentContent,
  ChainContent,
  ContentFor,
  EmbeddingContent,
  EntryContent,
  KindName,
  LlmContent,
  MessageInput,
  MessagePart,
  OutputMessageInput,
  RequestParameters,
  RerankerContent,
  RetrieverContent,
  StepContent,
  TaskContent,
  ToolContent,
  ToolDefinition,
  Usage,
} from './types';


function usage(sink: AttributeSink, u: Usage | undefined, outputs = true): void {
  if (!u) return;
  // The token counts are numbers nearly always: written under constant keys (see `llm`), and
  // anything else (a user's mapOutput may hand in a string) through the sink's full rules.
  const a = sink.attributes;
  const input = u.inputTokens;
  if (typeof input === 'number') {
    if (Number.isFinite(input)) a['gen_ai.usage.input_tokens'] = input;
  } else if (input != null) sink.value('gen_ai.usage.input_tokens', input);
  if (outputs) {
    const output = u.outputTokens;
    if (typeof output === 'number') {
      if (Number.isFinite(output)) a['gen_ai.usage.output_tokens'] = output;
    } else if (output != null) sink.value('gen_ai.usage.output_tokens', output);
  }
  const total = outputs ? totalTokens(u) : u.totalTokens ?? u.inputTokens;
  if (typeof total === 'number') {
    if (Number.isFinite(total)) a['gen_ai.usage.total_tokens'] = total;
  } else if (total != null) sink.value('gen_ai.usage.total_tokens', total);
  if (u.cacheReadInputTokens !== undefined) sink.value('gen_ai.usage.cache_read.input_tokens', u.cacheReadInputTokens);
  if (u.cacheCreationInputTokens !== undefined) sink.value('gen_ai.usage.cache_creation.input_tokens', u.cacheCreationInputTokens);
  if (outputs && u.reasoningOutputTokens !== undefined) sink.value('gen_ai.usage.reasoning.output_tokens', u.reasoningOutputTokens);
  if (sink.openinference) oiUsage(sink, outputs ? u : { inputTokens: u.inputTokens, totalTokens: u.totalTokens ?? u.inputTokens });
}

const INPUT_MESSAGES = /* @__PURE__ */ keySlot('gen_ai.input.messages');
const SYSTEM_INSTRUCTIONS = /* @__PURE__ */ keySlot('gen_ai.system_instructions');
const OUTPUT_MESSAGES = /* @__PURE__ */ keySlot('gen_ai.output.messages');

function messages(sink: AttributeSink, c: { inputMessages?: readonly MessageInput[]; outputMessages?: readonly OutputMessageInput[]; systemInstructions?: string | readonly MessagePart[] }): void {
  if (!sink.capture) return;
  // Under constant keys, as the values in `llm` are.
  const a = sink.attributes;
  const system = c.systemInstructions === undefined ? undefined : toInstructionParts(c.systemInstructions);
  if (c.inputMessages) a['gen_ai.input.messages'] = sink.jsonAt(INPUT_MESSAGES, toChatMessages(sink.list(c.inputMessages)));
  if (system) a['gen_ai.system_instructions'] = sink.jsonAt(SYSTEM_INSTRUCTIONS, system);
  if (c.outputMessages) a['gen_ai.output.messages'] = sink.jsonAt(OUTPUT_MESSAGES, toOutputMessages(sink.list(c.outputMessages)));
}

function toolDefinitions(sink: AttributeSink, tools: readonly ToolDefinition[] | undefined): void {
  if (!tools) return;
  sink.json('gen_ai.tool.definitions', sink.list(tools).map((t) => toToolDefinition(t, sink.capture)));
  if (sink.openinference) oiTools(sink, tools);
}

/** Writes time to first token in each key rule 6 asks for. */
function ttft(sink: AttributeSink, kind: KindName, ns: number | undefined): void {
  if (typeof ns !== 'number' || !Number.isFinite(ns) || ns < 0) return;
  const intNs = Math.round(ns);
  if (kind === 'CHAIN') {
    sink.value('gen_ai.user.time_to_first_token', intNs);
    return;
  }
  if (kind === 'LLM' || kind === 'AGENT' || kind === 'ENTRY') sink.value('gen_ai.response.time_to_first_token', intNs);
  if (kind === 'LLM') sink.value('gen_ai.response.time_to_first_chunk', ns / 1e9);
}

/** The request parameters under their API names, for OpenInference's `llm.invocation_parameters`. */
const INVOCATION_NAMES: readonly (readonly [keyof RequestParameters, string])[] = [
  ['temperature', 'temperature'],
  ['topP', 'top_p'],
  ['topK', 'top_k'],
  ['maxTokens', 'max_tokens'],
  ['frequencyPenalty', 'frequency_penalty'],
  ['presencePenalty', 'presence_penalty'],
  ['stopSequences', 'stop'],
  ['seed', 'seed'],
  ['outputType', 'response_format'],
];

function request(sink: AttributeSink, r: RequestParameters | undefined): void {
  if (!r) return;
  // Field by field rather than a loop over a table: each read is then of one known property,
  // which the engine looks up far faster than a computed one. Temperature and the token limit
  // are set on most calls and are numbers: stored under constant keys (see `llm`); the rest
  // are mostly unset, and the sink is called only for those that are.
  const a = sink.attributes;
  const temperature = r.temperature;
  if (typeof temperature === 'number') {
    if (Number.isFinite(temperature)) a['gen_ai.request.temperature'] = temperature;
  } else if (temperature != null) sink.value('gen_ai.request.temperature', temperature);
  if (r.topP !== undefined) sink.value('gen_ai.request.top_p', r.topP);
  if (r.topK !== undefined) sink.value('gen_ai.request.top_k', r.topK);
  const maxTokens = r.maxTokens;
  if (typeof maxTokens === 'number') {
    if (Number.isFinite(maxTokens)) a['gen_ai.request.max_tokens'] = maxTokens;
  } else if (maxTokens != null) sink.value('gen_ai.request.max_tokens', maxTokens);
  if (r.frequencyPenalty !== undefined) sink.value('gen_ai.request.frequency_penalty', r.frequencyPenalty);
  if (r.presencePenalty !== undefined) sink.value('gen_ai.request.presence_penalty', r.presencePenalty);
  if (r.stopSequences !== undefined) sink.value('gen_ai.request.stop_sequences', r.stopSequences);
  if (r.seed !== undefined) sink.value('gen_ai.request.seed', r.seed);
  if (r.outputType !== undefined) sink.value('gen_ai.output.type', r.outputType);
  const n = typeof r.choiceCount === 'number' && r.choiceCount !== 1 ? r.choiceCount : undefined;
  if (n !== undefined) sink.value('gen_ai.request.choice.count', n);
  if (sink.openinference) invocationParameters(sink, r, n);
}

/** The OpenInference `llm.invocation_parameters`: the request's parameters under their API names. */
function invocationParameters(sink: AttributeSink, r: RequestParameters, n: number | undefined): void {
  const params: Record<string, unknown> = {};
  let any = false;
  for (const [field, oiName] of INVOCATION_NAMES) {
    const v = r[field];
    if (v === undefined) continue;
    params[oiName] = v;
    any = true;
  }
  if (n !== undefined) {
    params.n = n;
    any = true;
  }
  if (any) sink.json('llm.invocation_parameters', params);
}

// The keys every model call writes, each with its plan for the current config (see `KeySlot`).
const REQUEST_MODEL = /* @__PURE__ */ keySlot('gen_ai.request.model');
const PROVIDER = /* @__PURE__ */ keySlot('gen_ai.provider.name');
const RESPONSE_ID = /* @__PURE__ */ keySlot('gen_ai.response.id');
const RESPONSE_MODEL = /* @__PURE__ */ keySlot('gen_ai.response.model');
const FINISH_REASONS = /* @__PURE__ */ keySlot('gen_ai.response.finish_reasons');

function llm(sink: AttributeSink, c: LlmContent): void {
  // The values every model call has (model, provider, response id and model, finish reasons)
  // are stored under constant keys, each from its own line: the engine then stores each into an
  // attribute object of the same shape as the call before, which is far cheaper than one store
  // for every key through `value`. They pass the same redaction and cap (`textAt`, `stringsAt`),
  // and a value of another type goes through `value` as before.
  const a = sink.attributes;
  if (c.operation !== undefined) sink.value('gen_ai.operation.name', c.operation);
  const model = c.model;
  if (typeof model === 'string') a['gen_ai.request.model'] = sink.textAt(REQUEST_MODEL, model);
  else if (model != null) sink.value('gen_ai.request.model', model);
  const provider = c.provider;
  if (typeof provider === 'string') a['gen_ai.provider.name'] = sink.textAt(PROVIDER, provider);
  else if (provider != null) sink.value('gen_ai.provider.name', provider);
  if (c.conversationId !== undefined) sink.value('gen_ai.conversation.id', c.conversationId);
  request(sink, c.request);
  if (c.stream) sink.value('gen_ai.request.stream', true);
  messages(sink, c);
  toolDefinitions(sink, c.toolDefinitions);
  usage(sink, c.usage);
  const id = c.responseId;
  if (typeof id === 'string') a['gen_ai.response.id'] = sink.textAt(RESPONSE_ID, id);
  else if (id != null) sink.value('gen_ai.response.id', id);
  const responseModel = c.responseModel;
  if (typeof responseModel === 'string') a['gen_ai.response.model'] = sink.textAt(RESPONSE_MODEL, responseModel);
  else if (responseModel != null) sink.value('gen_ai.response.model', responseModel);
  const reasons = c.finishReasons;
  if (reasons) {
    // value() copies a list itself; anything else (content from a user's mapOutput) becomes one.
    const strings = Array.isArray(reasons) ? sink.stringsAt(FINISH_REASONS, reasons) : undefined;
    if (strings !== undefined) a['gen_ai.response.finish_reasons'] = strings;
    else sink.value('gen_ai.response.finish_reasons', Array.isArray(reasons) ? reasons : [...sink.list(reasons)]);
  }
  if (c.timeToFirstTokenNs !== undefined) ttft(sink, 'LLM', c.timeToFirstTokenNs);
  if (c.reasoningTimeMs !== undefined) sink.value('gen_ai.response.reasoning_time', Math.round(c.reasoningTimeMs));
  if (!sink.openinference) return;
  sink.value('llm.model_name', c.responseModel ?? c.model);
  if (c.responseModel && c.model && c.responseModel !== c.model) {
    sink.value('llm.request.model_name', c.model);
    sink.value('llm.response.model_name', c.responseModel);
  }
  if (c.provider) {
    sink.value('llm.provider', oiProvider(c.provider));
    sink.value('llm.system', oiProvider(c.provider));
  }
  const system = c.systemInstructions === undefined ? undefined : toInstructionParts(c.systemInstructions);
  if (c.inputMessages || system) oiInputMessages(sink, c.inputMessages, system);
  oiOutputMessages(sink, c.outputMessages);
  if (c.finishReasons && c.finishReasons.length > 0) sink.value('llm.finish_reason', c.finishReasons[0]);
}

function embedding(sink: AttributeSink, c: EmbeddingContent): void {
  sink.value('gen_ai.request.model', c.model);
  sink.value('gen_ai.provider.name', c.provider);
  sink.value('gen_ai.response.model', c.responseModel);
  sink.value('gen_ai.embeddings.dimension.count', c.dimensionCount);
  if (c.encodingFormats) sink.value('gen_ai.request.encoding_formats', [...sink.list(c.encodingFormats)]);
  usage(sink, c.usage, false);
  if (!sink.openinference) return;
  sink.value('embedding.model_name', c.responseModel ?? c.model);
  if (c.inputs) sink.list(c.inputs).forEach((t, i) => sink.content(`embedding.embeddings.${i}.embedding.text`, t));
}

function retriever(sink: AttributeSink, c: RetrieverContent): void {
  sink.value('gen_ai.data_source.id', c.dataSource);
  sink.value('gen_ai.provider.name', c.provider);
  sink.value('gen_ai.request.model', c.model);
  sink.value('gen_ai.request.top_k', c.topK);
  sink.content('gen_ai.retrieval.query.text', c.query);
  if (c.documents) sink.json('gen_ai.retrieval.documents', sink.list(c.documents).map((d) => toDocument(d, sink.capture)));
  if (!sink.openinference) return;
  if (c.query !== undefined) sink.io('input', c.query);
  if (c.documents) oiDocuments(sink, 'retrieval.documents', c.documents);
}

function reranker(sink: AttributeSink, c: RerankerContent): void {
  sink.value('gen_ai.request.model', c.model);
  sink.value('reranker.model_name', c.model);
  sink.value('gen_ai.provider.name', c.provider);
  sink.value('reranker.top_k', c.topK);
  sink.content('reranker.query', c.query);
  if (c.inputDocuments) sink.json('reranker.input_document', sink.list(c.inputDocuments).map((d) => toDocument(d, sink.capture)));
  if (c.outputDocuments) sink.json('reranker.output_document', sink.list(c.outputDocuments).map((d) => toDocument(d, sink.capture)));
  if (!sink.openinference) return;
  if (c.inputDocuments) oiDocuments(sink, 'reranker.input_documents', c.inputDocuments);
  if (c.outputDocuments) oiDocuments(sink, 'reranker.output_documents', c.outputDocuments);
}

function tool(sink: AttributeSink, c: ToolContent): void {
  sink.value('gen_ai.tool.name', c.name);
  sink.value('gen_ai.tool.description', c.description);
  sink.value('gen_ai.tool.type', c.type);
  sink.value('gen_ai.tool.call.id', c.callId);
  sink.contentJson('gen_ai.tool.call.arguments', c.arguments);
  sink.contentJson('gen_ai.tool.call.result', c.result);
  if (!sink.openinference) return;
  sink.value('tool.name', c.name);
  sink.value('tool.description', c.description);
  sink.value('tool.id', c.callId);
  if (c.parameters !== undefined) sink.json('tool.parameters', c.parameters);
  sink.io('input', c.arguments);
  sink.io('output', c.result);
}

function agent(sink: AttributeSink, c: AgentContent): void {
  sink.value('gen_ai.operation.name', c.operation);
  sink.value('gen_ai.agent.name', c.name);
  sink.value('gen_ai.agent.id', c.id);
  sink.value('gen_ai.agent.description', c.description);
  sink.value('gen_ai.request.model', c.model);
  sink.value('gen_ai.provider.name', c.provider);
  sink.value('gen_ai.conversation.id', c.conversationId);
  sink.value('gen_ai.data_source.id', c.dataSource);
  messages(sink, c);
  toolDefinitions(sink, c.toolDefinitions);
  usage(sink, c.usage);
  ttft(sink, 'AGENT', c.timeToFirstTokenNs);
  if (!sink.openinference) return;
  sink.value('agent.name', c.name);
  if (c.inputMessages) sink.io('input', sink.list(c.inputMessages).map(toChatMessage));
  if (c.outputMessages) sink.io('output', sink.list(c.outputMessages).map(toOutputMessage));
}

function step(sink: AttributeSink, c: StepContent): void {
  sink.value('gen_ai.react.round', c.round);
  sink.value('gen_ai.react.finish_reason', c.finishReason);
}

function entry(sink: AttributeSink, c: EntryContent): void {
  sink.value('gen_ai.session.id', c.sessionId);
  sink.value('gen_ai.user.id', c.userId);
  messages(sink, c);
  ttft(sink, 'ENTRY', c.timeToFirstTokenNs);
  if (!sink.openinference) return;
  sink.value('session.id', c.sessionId);
  sink.value('user.id', c.userId);
  if (c.inputMessages) sink.io('input', sink.list(c.inputMessages).map(toChatMessage));
  if (c.outputMessages) sink.io('output', sink.list(c.outputMessages).map(toOutputMessage));
}

function values(sink: AttributeSink, c: ChainContent | TaskContent): void {
  sink.io('input', c.input, c.inputMimeType);
  sink.io('output', c.output, c.outputMimeType);
}

function chain(sink: AttributeSink, c: ChainContent): void {
  values(sink, c);
  ttft(sink, 'CHAIN', c.timeToFirstTokenNs);
}

/** How one kind's content becomes attributes. */
export type ContentMapper<K extends KindName> = (sink: AttributeSink, c: ContentFor<K>) => void;

// Each kind's mapper on its own, for the per-kind wrappers: a bundle that only wraps tools then
// carries only the tool mapping, not every kind's through `MAPPERS`.
export { llm as llmMapper, embedding as embeddingMapper, retriever as retrieverMapper, reranker as rerankerMapper, tool as toolMapper };
export { agent as agentMapper, step as stepMapper, entry as entryMapper, chain as chainMapper, values as taskMapper };

const MAPPERS: { readonly [K in KindName]: ContentMapper<K> } = {
  LLM: llm,
  EMBEDDING: embedding,
  RETRIEVER: retriever,
  RERANKER: reranker,
  TOOL: tool,
  AGENT: agent,
  STEP: step,
  ENTRY: entry,
  CHAIN: chain,
  TASK: values,
};

/**
 * The attributes one content write produces, without touching a span. Never throws: a fault is
 * reported through `diag` and whatever was collected before it is returned.
 *
 * @example
 * ```ts
 * import { getConfig } from '@llm-trace/core';
 * import { contentAttributes } from '@llm-trace/core/extend';
 * contentAttributes('TOOL', { name: 'search', arguments: { q: 'otel' } }, getConfig());
 * // { 'gen_ai.tool.name': 'search', 'gen_ai.tool.call.arguments': '{"q":"otel"}' }
 * ```
 */
export function contentAttributes<K extends KindName>(kind: K, content: ContentFor<K>, config: LlmTraceConfig): Attributes {
  return mappedAttributes(kind, MAPPERS[kind] as ContentMapper<K>, content, config);
}

/**
 * `contentAttributes` through one kind's mapper, without the table of every kind's.
 *
 * @example
 * ```ts
 * import { getConfig } from '@llm-trace/core';
 * import { mappedAttributes, toolMapper } from './writer';
 * mappedAttributes('TOOL', toolMapper, { name: 'search' }, getConfig()); // { 'gen_ai.tool.name': 'search' }
 * ```
 */
export function mappedAttributes<K extends KindName>(kind: K, mapper: ContentMapper<K>, content: ContentFor<K>, config: LlmTraceConfig): Attributes {
  const sink = new AttributeSink(config);
  try {
    if (config.openinference) sink.value('openinference.span.kind', OPENINFERENCE_SPAN_KIND[kind]);
    if (content && typeof content === 'object') mapper(sink, content);
  } catch (err) {
    diag.error(`llm-trace: could not map ${kind} content to attributes`, err);
  }
  return sink.attributes;
}

/**
 * Raw attributes (the `attributes` option, `setAttributes`), redacted and capped like content.
 *
 * @example
 * ```ts
 * import { getConfig } from '@llm-trace/core';
 * import { rawAttributes } from '@llm-trace/core/extend';
 * rawAttributes({ 'app.note': 'Bearer abcdefghijkl' }, getConfig()); // { 'app.note': 'Bearer [REDACTED]' }
 * ```
 */
export function rawAttributes(attributes: Attributes, config: LlmTraceConfig): Attributes {
  const sink = new AttributeSink(config);
  try {
    for (const [key, v] of Object.entries(attributes ?? {})) sink.value(key, v);
  } catch (err) {
    diag.error('llm-trace: could not write attributes', err);
  }
  return sink.attributes;
}

/** Most writes with capture off produce nothing; the SDK's setAttributes would still walk them. */
function setNonEmpty(span: Span, attributes: Attributes): void {
  for (const _ in attributes) {
    span.setAttributes(attributes);
    return;
  }
}

// The attributes of the last frozen content written. The engine writes one frozen constant on
// every streamed model call (the stream flag); mapping it through every LLM rule each time cost
// ~0.3 us a stream. Frozen content, the same kind and the same config object (configs are
// replaced, never changed) always map to the same attributes.
let frozenContent: unknown;
let frozenKind: KindName | undefined;
let frozenConfig: LlmTraceConfig | undefined;
let frozenAttributes: Attributes | undefined;

/** What a writer maps content with: `contentAttributes`, or one kind's mapping alone. */
export type AttributeMapping = <K extends KindName>(kind: K, content: ContentFor<K>, config: LlmTraceConfig) => Attributes;

function attributesFor(map: AttributeMapping, kind: KindName, content: unknown, config: LlmTraceConfig): Attributes {
  // Shared by every writer: one kind's content maps to the same attributes through any of them.
  if (content === frozenContent && kind === frozenKind && config === frozenConfig) return frozenAttributes!;
  const attributes = map(kind, content as ContentFor<KindName>, config);
  if (content !== null && typeof content === 'object' && Object.isFrozen(content)) {
    frozenContent = content;
    frozenKind = kind;
    frozenConfig = config;
    // Frozen too: it is handed out again, and setAttributes only reads it.
    frozenAttributes = Object.freeze(attributes);
  }
  return attributes;
}

/**
 * The content writer every content write goes through (engine and `currentLlmSpan()` alike).
 *
 * @example
 * ```ts
 * import { trace } from '@opentelemetry/api';
 * import { getConfig } from '@llm-trace/core';
 * import { contentWriter } from '@llm-trace/core/extend';
 * const span = trace.getTracer('app').startSpan('chat gpt-4o');
 * contentWriter.write(span, 'LLM', { model: 'gpt-4o', usage: { inputTokens: 3, outputTokens: 5 } }, getConfig());
 * span.end();
 * ```
 */
export const contentWriter: ContentWriter = /* @__PURE__ */ writerMapping(contentAttributes);

/**
 * A content writer that maps content with `map` (a per-kind wrapper's writer maps its own kind only).
 *
 * @example
 * ```ts
 * import { mappedAttributes, toolMapper, writerMapping } from './writer';
 * const toolWriter = writerMapping((kind, content, config) => mappedAttributes(kind, toolMapper as never, content, config));
 * ```
 */
export function writerMapping(map: AttributeMapping): ContentWriter {
  return {
    write(span: Span, kind, content, config): void {
      try {
        if (!span.isRecording()) return;
        setNonEmpty(span, attributesFor(map, kind, content, config));
      } catch (err) {
        diag.error('llm-trace: content write failed', err);
      }
    },
    writeAttributes(span: Span, attributes: Attributes, config: LlmTraceConfig): void {
      try {
        if (!span.isRecording()) return;
        setNonEmpty(span, rawAttributes(attributes, config));
      } catch (err) {
        diag.error('llm-trace: attribute write failed', err);
      }
    },
  };
}

/**
 * The config for one span with its own `captureContent` override (the per-span switch).
 *
 * @example
 * ```ts
 * import { getConfig } from '@llm-trace/core';
 * import { withCaptureContent } from '@llm-trace/core/extend';
 * const quiet = withCaptureContent(getConfig(), false);
 * ```
 */
export function withCaptureContent(config: LlmTraceConfig, captureContent: boolean | undefined): LlmTraceConfig {
  if (captureContent === undefined || captureContent === config.captureContent) return config;
  return { ...config, captureContent };
}

