/**
 * LangChain.js message shapes, read structurally: `HumanMessage`, `SystemMessage`, `AIMessage`,
 * `ToolMessage` (and their chunks) are class instances without a `role`; their kind is
 * `_getType()` or `type` (`human`, `ai`, `system`, `tool`). An `AIMessage` carries
 * `usage_metadata`, `response_metadata.model_name`, `tool_calls` and the response `id`.
 */
import type { ChatMessage, LlmContent, MessagePart, Usage } from '../types';
import { arr, compact, num, obj, providerFromModel, str } from './shape';

const ROLE: Readonly<Record<string, string>> = { human: 'user', ai: 'assistant', system: 'system', tool: 'tool', developer: 'system', generic: 'user', function: 'tool' };

/** The LangChain message type (`human`, `ai`, …) of `v`, or undefined when it is not one. */
function langChainType(v: unknown): string | undefined {
  const o = obj(v);
  if (!o || !('content' in o)) return undefined;
  const getType = o._getType;
  if (typeof getType === 'function') {
    try {
      const t = (getType as () => unknown).call(o);
      if (typeof t === 'string') return t;
    } catch {
      return undefined;
    }
  }
  // Serialized or structurally copied messages keep `type` beside LangChain's namespace.
  return typeof o.type === 'string' && Array.isArray(o.lc_namespace) ? o.type : undefined;
}

/**
 * True when `v` is a LangChain message (a class instance with `_getType()`, or its copy).
 */
export function isLangChainMessage(v: unknown): boolean {
  return langChainType(v) !== undefined;
}

function textParts(content: unknown): MessagePart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', content }];
  const out: MessagePart[] = [];
  for (const p of arr(content) ?? []) {
    const o = obj(p);
    if (typeof p === 'string') out.push({ type: 'text', content: p });
    else if (o && o.type === 'text' && typeof o.text === 'string') out.push({ type: 'text', content: o.text });
  }
  return out;
}

function toolCallParts(v: unknown): MessagePart[] {
  const out: MessagePart[] = [];
  for (const c of arr(v) ?? []) {
    const o = obj(c);
    if (o && typeof o.name === 'string') out.push({ type: 'tool_call', id: str(o.id) ?? null, name: o.name, arguments: o.args });
  }
  return out;
}

/**
 * A LangChain message as an OTel chat message.
 */
export function langChainMessage(v: unknown): ChatMessage | undefined {
  const type = langChainType(v);
  if (type === undefined) return undefined;
  const o = obj(v)!;
  const role = ROLE[type] ?? (type === 'chat' ? (str(o.role) ?? 'user') : type);
  if (role === 'tool') {
    const response = typeof o.content === 'string' ? o.content : textParts(o.content);
    return { role, parts: [{ type: 'tool_call_response', id: str(o.tool_call_id) ?? null, response }] };
  }
  const parts = [...textParts(o.content), ...toolCallParts(o.tool_calls)];
  const name = str(o.name);
  return name ? { role, parts, name } : { role, parts };
}

/**
 * The input of a chat model's `invoke` / `stream`: a list of LangChain messages (a `{ messages }`
 * prompt value counts too). Plain `{ role, content }` items in the same list are read as OpenAI
 * messages; a string is the user's message.
 */
export function isLangChainInput(v: unknown): boolean {
  const list = arr(v) ?? arr(obj(v)?.messages);
  return !!list && list.length > 0 && list.some(isLangChainMessage);
}

/**
 * Input messages from a LangChain input list (LangChain messages and `{ role, content }` items).
 */
export function fromLangChainInput(v: unknown, plain: (m: unknown) => ChatMessage | undefined): LlmContent {
  const list = arr(v) ?? arr(obj(v)?.messages) ?? [];
  const inputMessages: ChatMessage[] = [];
  for (const m of list) {
    const msg = isLangChainMessage(m) ? langChainMessage(m) : typeof m === 'string' ? { role: 'user', parts: [{ type: 'text', content: m } as MessagePart] } : plain(m);
    if (msg) inputMessages.push(msg);
  }
  return { inputMessages };
}

/**
 * True for an `AIMessage` / `AIMessageChunk` (a LangChain message of type `ai`).
 */
export function isLangChainAiMessage(v: unknown): boolean {
  return langChainType(v) === 'ai';
}

function langChainUsage(v: unknown): Usage | undefined {
  const u = obj(v);
  if (!u) return undefined;
  const inputTokens = num(u.input_tokens);
  const outputTokens = num(u.output_tokens);
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  return compact<Usage>({
    inputTokens,
    outputTokens,
    totalTokens: num(u.total_tokens),
    cacheReadInputTokens: num(obj(u.input_token_details)?.cache_read),
    cacheCreationInputTokens: num(obj(u.input_token_details)?.cache_creation),
    reasoningOutputTokens: num(obj(u.output_token_details)?.reasoning),
  });
}

/**
 * LLM content of an `AIMessage` / `AIMessageChunk`: the answer and tool calls, finish reason,
 * response id and model (`response_metadata.model_name`), usage (`usage_metadata`).
 */
export function fromLangChainAiMessage(v: unknown): LlmContent {
  const o = obj(v)!;
  const meta = obj(o.response_metadata);
  const calls = toolCallParts(o.tool_calls);
  const rawReason = str(meta?.finish_reason) ?? str(meta?.stop_reason);
  const reason = rawReason === 'tool_calls' || rawReason === 'tool_use' ? 'tool_call' : (rawReason ?? (calls.length > 0 ? 'tool_call' : 'stop'));
  const model = str(meta?.model_name) ?? str(meta?.model);
  const provider = str(meta?.model_provider);
  return compact<LlmContent>({
    responseId: str(o.id),
    responseModel: model,
    provider: provider ?? providerFromModel(model),
    outputMessages: [{ role: 'assistant', parts: [...textParts(o.content), ...calls], finish_reason: reason }],
    finishReasons: [reason],
    usage: langChainUsage(o.usage_metadata),
  });
}
