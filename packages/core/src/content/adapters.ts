/**
 * The per-kind adapters the engine calls: arguments, results and stream chunks → typed content,
 * recognising provider shapes without depending on any provider SDK.
 */
import type { KindAdapter, StreamAggregator } from '../contracts';
import { AnthropicStreamAccumulator, fromAnthropicRequest, fromAnthropicResponse, isAnthropicEvent, isAnthropicRequest, isAnthropicResponse } from './extract/anthropic';
import { aiSdkStreamCompletion, fromAiSdkCall, fromAiSdkResult, isAiSdkCall, isAiSdkResult } from './extract/ai-sdk';
import { fromEmbeddingResult, toDocuments } from './extract/documents';
import { fromLangChainAiMessage, fromLangChainInput, isLangChainAiMessage, isLangChainInput } from './extract/langchain';
import { frameworkToolContent } from './extract/framework-tool-args';
import { ChatStreamAccumulator, chatMessage, fromChatRequest, fromChatResponse, isChatChunk, isChatRequest, isChatResponse } from './extract/openai-chat';
import { fromResponsesRequest, fromResponsesResponse, isResponsesEvent, isResponsesRequest, isResponsesResponse, ResponsesStreamAccumulator } from './extract/openai-responses';
import { maxItems, maxLength, TextBudget } from './extract/limits';
import { arr, compact, num, obj, parseJson, providerFromModel, str } from './extract/shape';
import type { ChatMessage, ContentFor, KindName, LlmContent, MessageInput, OutputMessageInput, ToolContent } from './types';

/** The first `maxItems` entries of `v` when they are `{role, ...}` messages. */
function messageList(v: unknown): readonly unknown[] | undefined {
  const a = arr(v);
  return a && a.length > 0 && a.every((m) => typeof obj(m)?.role === 'string') ? a : undefined;
}

/** Plain arguments → input messages: a prompt string, or a `{role, content}` list. */
function messagesFromArgs(args: readonly unknown[]): MessageInput[] | undefined {
  const first = args[0];
  if (typeof first === 'string') return [{ role: 'user', content: first }];
  const list = messageList(first) ?? messageList(obj(first)?.messages);
  return list ? list.map(chatMessage).filter((m): m is ChatMessage => !!m) : undefined;
}

/** A plain result → output messages: a string answer. */
function messagesFromResult(result: unknown): OutputMessageInput[] | undefined {
  if (typeof result === 'string') return [{ role: 'assistant', content: result, finish_reason: 'stop' }];
  return undefined;
}

function llmInput(args: readonly unknown[], captureContent = true): LlmContent | undefined {
  const first = args[0];
  // Framework shapes first: an AI SDK call also has `messages`, as a Chat Completions request does.
  if (isAiSdkCall(first)) return fromAiSdkCall(first);
  if (isLangChainInput(first)) return fromLangChainInput(first, chatMessage);
  if (isAnthropicRequest(first)) return fromAnthropicRequest(first, captureContent);
  if (isChatRequest(first)) return fromChatRequest(first, captureContent);
  if (isResponsesRequest(first)) return fromResponsesRequest(first);
  const messages = messagesFromArgs(args);
  return messages ? { inputMessages: messages } : undefined;
}

function llmOutput(result: unknown, captureContent = true): LlmContent | undefined {
  if (isChatResponse(result)) return fromChatResponse(result, captureContent);
  if (isAnthropicResponse(result)) return fromAnthropicResponse(result, captureContent);
  if (isResponsesResponse(result)) return fromResponsesResponse(result);
  if (isAiSdkResult(result)) return fromAiSdkResult(result);
  if (isLangChainAiMessage(result)) return fromLangChainAiMessage(result);
  const messages = messagesFromResult(result);
  return messages ? { outputMessages: messages, finishReasons: ['stop'] } : undefined;
}

/**
 * Picks the provider accumulator from the first recognised chunk; plain strings concatenate, up
 * to `maxAttributeLength` characters (then the text ends with the truncation marker).
 */
class LlmStreamAggregator implements StreamAggregator<'LLM'> {
  private acc?: ChatStreamAccumulator | ResponsesStreamAccumulator | AnthropicStreamAccumulator = undefined;
  private text = '';
  private readonly budget = new TextBudget(maxLength());

  add(chunk: unknown): void {
    // Once a provider accumulator is chosen, every chunk goes to it: `finish()` then writes what it
    // folded and nothing of the plain text, so a string chunk is not worth joining any more.
    const acc = this.acc;
    if (acc !== undefined) {
      acc.add(chunk);
      return;
    }
    if (typeof chunk === 'string') {
      this.text += this.budget.take(chunk);
      return;
    }
    // Provider chunks are objects; anything else is skipped without probing each shape.
    if (chunk === null || typeof chunk !== 'object') return;
    if (isChatChunk(chunk)) this.acc = new ChatStreamAccumulator(maxItems(), maxLength());
    else if (isAnthropicEvent(chunk)) this.acc = new AnthropicStreamAccumulator(maxItems(), maxLength());
    else if (isResponsesEvent(chunk)) this.acc = new ResponsesStreamAccumulator(maxLength());
    else return;
    this.acc.add(chunk);
  }

  finish(): LlmContent | undefined {
    if (this.acc) return this.acc.finish();
    if (this.text) return { outputMessages: [{ role: 'assistant', content: this.text, finish_reason: 'stop' }], finishReasons: ['stop'] };
    return undefined;
  }
}

/**
 * Joins string chunks; keeps other chunks as a list. Bounded by the caps: the text stops at
 * `maxAttributeLength` characters (ending with the truncation marker), the list at `maxItems`
 * chunks (the serializer writes no more), its strings sharing one text budget; a longer list
 * ends with a `"[+N more]"` entry in place of its last chunk, as the serializer marks a cut list.
 */
class ValueStreamAggregator {
  private readonly chunks: unknown[] = [];
  private count = 0;
  private text = '';
  private allStrings = true;
  private readonly budget = new TextBudget(maxLength());
  private readonly listBudget = new TextBudget(maxLength());
  private readonly maxItems = maxItems();

  add(chunk: unknown): void {
    this.count++;
    if (typeof chunk === 'string') this.text += this.budget.take(chunk);
    else this.allStrings = false;
    if (this.chunks.length < this.maxItems) this.chunks.push(typeof chunk === 'string' ? this.listBudget.take(chunk) : chunk);
  }

  value(): unknown {
    if (this.count === 0) return undefined;
    if (this.allStrings) return this.text;
    if (this.count <= this.chunks.length) return this.chunks;
    const shown = this.chunks.slice(0, Math.max(0, this.maxItems - 1));
    shown.push(`[+${this.count - shown.length} more]`);
    return shown;
  }
}

function valueInput(args: readonly unknown[]): unknown {
  return args.length === 0 ? undefined : args.length === 1 ? args[0] : [...args];
}

function messageKindAdapter<K extends 'AGENT' | 'ENTRY'>(): KindAdapter<K> {
  return {
    inputIsContent: true,
    outputIsContent: true,
    input: (args) => {
      const inputMessages = messagesFromArgs(args);
      return (inputMessages ? { inputMessages } : undefined) as ContentFor<K> | undefined;
    },
    output: (result) => {
      const outputMessages = messagesFromResult(result);
      return (outputMessages ? { outputMessages } : undefined) as ContentFor<K> | undefined;
    },
    stream: () => {
      const agg = new ValueStreamAggregator();
      return {
        add: (c) => agg.add(c),
        finish: () => {
          const v = agg.value();
          return (typeof v === 'string' ? { outputMessages: [{ role: 'assistant', content: v, finish_reason: 'stop' }] } : undefined) as ContentFor<K> | undefined;
        },
      };
    },
  };
}

function valueKindAdapter<K extends 'CHAIN' | 'TASK'>(): KindAdapter<K> {
  return {
    inputIsContent: true,
    outputIsContent: true,
    input: (args) => {
      const input = valueInput(args);
      return (input === undefined ? undefined : { input }) as ContentFor<K> | undefined;
    },
    output: (output) => (output === undefined ? undefined : { output }) as ContentFor<K>,
    stream: () => {
      const agg = new ValueStreamAggregator();
      return {
        add: (c) => agg.add(c),
        finish: () => {
          const output = agg.value();
          return (output === undefined ? undefined : { output }) as ContentFor<K> | undefined;
        },
      };
    },
  };
}

/** An OpenAI/Anthropic tool call object handed to a tool function. */
function toolCallArgs(v: unknown): ToolContent | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const fn = obj(o.function);
  if (fn && typeof fn.name === 'string' && typeof o.id === 'string') return compact({ callId: o.id, name: fn.name, arguments: parseJson(fn.arguments) });
  if (o.type === 'tool_use' && typeof o.name === 'string') return compact({ callId: str(o.id), name: o.name, arguments: o.input });
  if (o.type === 'function_call' && typeof o.name === 'string') return compact({ callId: str(o.call_id), name: o.name, arguments: parseJson(o.arguments) });
  return undefined;
}

// Each kind's adapter on its own, for the per-kind wrappers: `withTool` then reaches the tool
// adapter alone, and a bundle that only wraps tools leaves the provider extraction out.

export const LLM_ADAPTER: KindAdapter<'LLM'> = {
  input: llmInput,
  output: llmOutput,
  stream: () => new LlmStreamAggregator(),
  completion: aiSdkStreamCompletion,
};

export const EMBEDDING_ADAPTER: KindAdapter<'EMBEDDING'> = {
  input: (args) => {
    const first = args[0];
    if (typeof first === 'string') return { inputs: [first] };
    const list = arr(first);
    if (list && list.every((s) => typeof s === 'string')) return { inputs: list as string[] };
    const o = obj(first);
    if (!o) return undefined;
    const model = str(o.model);
    const input = o.input ?? o.texts ?? obj(o.input)?.texts;
    const format = str(o.encoding_format);
    return compact({
      model,
      provider: providerFromModel(model),
      inputs: typeof input === 'string' ? [input] : arr(input)?.filter((s): s is string => typeof s === 'string'),
      encodingFormats: format ? [format] : undefined,
      dimensionCount: num(o.dimensions),
    });
  },
  output: fromEmbeddingResult,
};

export const RETRIEVER_ADAPTER: KindAdapter<'RETRIEVER'> = {
  input: (args) => {
    const first = args[0];
    if (typeof first === 'string') return compact({ query: first, topK: num(args[1]) ?? num(obj(args[1])?.k) ?? num(obj(args[1])?.topK) });
    const o = obj(first);
    if (!o) return undefined;
    const query = str(o.query) ?? str(o.q) ?? str(o.text) ?? str(o.question);
    return query === undefined ? undefined : compact({ query, topK: num(o.topK) ?? num(o.top_k) ?? num(o.k) ?? num(o.limit) });
  },
  output: (result) => {
    const documents = toDocuments(result);
    return documents ? { documents } : undefined;
  },
};

export const RERANKER_ADAPTER: KindAdapter<'RERANKER'> = {
  input: (args) => {
    const [first, second, third] = args;
    if (typeof first === 'string') {
      return compact({ query: first, inputDocuments: toDocuments(second), topK: num(third) ?? num(obj(third)?.topK) ?? num(obj(third)?.top_n) });
    }
    const o = obj(first);
    if (!o) return undefined;
    const model = str(o.model);
    const input = obj(o.input);
    return compact({
      query: str(o.query) ?? str(input?.query),
      model,
      provider: providerFromModel(model),
      topK: num(o.top_n) ?? num(o.topK) ?? num(o.top_k) ?? num(obj(o.parameters)?.top_n),
      inputDocuments: toDocuments(o.documents ?? input?.documents),
    });
  },
  output: (result) => {
    const outputDocuments = toDocuments(result);
    const model = str(obj(result)?.model);
    return outputDocuments || model ? compact({ outputDocuments, model }) : undefined;
  },
};

export const TOOL_ADAPTER: KindAdapter<'TOOL'> = {
  input: (args, captureContent) => {
    if (args.length === 0) return undefined;
    const call = args.length === 1 ? toolCallArgs(args[0]) : frameworkToolContent(args, captureContent);
    // With capture off plain arguments are content the writer would drop: not built at all.
    if (call !== undefined || captureContent === false) return call;
    return { arguments: valueInput(args) };
  },
  output: (result) => (result === undefined ? undefined : { result }),
  outputIsContent: true,
};

export const AGENT_ADAPTER: KindAdapter<'AGENT'> = /* @__PURE__ */ messageKindAdapter<'AGENT'>();

export const ENTRY_ADAPTER: KindAdapter<'ENTRY'> = /* @__PURE__ */ messageKindAdapter<'ENTRY'>();

export const STEP_ADAPTER: KindAdapter<'STEP'> = {
  input: (args) => {
    const o = obj(args[0]);
    const round = num(args[0]) ?? num(o?.round);
    return round === undefined ? undefined : { round };
  },
  output: (result) => {
    const o = obj(result);
    const finishReason = str(o?.finishReason) ?? str(o?.finish_reason);
    return finishReason ? { finishReason } : undefined;
  },
};

export const CHAIN_ADAPTER: KindAdapter<'CHAIN'> = /* @__PURE__ */ valueKindAdapter<'CHAIN'>();

export const TASK_ADAPTER: KindAdapter<'TASK'> = /* @__PURE__ */ valueKindAdapter<'TASK'>();

/**
 * The content adapter for every kind.
 *
 * @example
 * ```ts
 * import { CONTENT_ADAPTERS } from '@llm-trace/core/extend';
 * CONTENT_ADAPTERS.RETRIEVER.output?.([{ id: 'd1', pageContent: 'text', score: 0.9 }]);
 * // { documents: [{ id: 'd1', content: 'text', score: 0.9 }] }
 * ```
 */
export const CONTENT_ADAPTERS: { readonly [K in KindName]: KindAdapter<K> } = {
  LLM: LLM_ADAPTER,
  EMBEDDING: EMBEDDING_ADAPTER,
  RETRIEVER: RETRIEVER_ADAPTER,
  RERANKER: RERANKER_ADAPTER,
  TOOL: TOOL_ADAPTER,
  AGENT: AGENT_ADAPTER,
  ENTRY: ENTRY_ADAPTER,
  STEP: STEP_ADAPTER,
  CHAIN: CHAIN_ADAPTER,
  TASK: TASK_ADAPTER,
};

const NESTED = new Set(['request', 'usage']);

/**
 * Merges two contents of one kind: fields of `over` win, undefined fields do not erase, and the
 * nested `request`/`usage` objects merge field by field. The engine uses it to lay the user's
 * `mapInput`/`mapOutput` result over the adapter's.
 *
 * @example
 * ```ts
 * import { mergeContent } from '@llm-trace/core/extend';
 * mergeContent('LLM', { model: 'gpt-4o', usage: { inputTokens: 3 } }, { usage: { outputTokens: 5 } });
 * // { model: 'gpt-4o', usage: { inputTokens: 3, outputTokens: 5 } }
 * ```
 */
export function mergeContent<K extends KindName>(_kind: K, base: ContentFor<K> | undefined, over: ContentFor<K> | undefined): ContentFor<K> | undefined {
  if (!base) return over;
  if (!over) return base;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    const prev = out[k];
    out[k] = NESTED.has(k) && obj(prev) && obj(v) ? { ...(prev as object), ...compact(v as object) } : v;
  }
  return out as ContentFor<K>;
}
