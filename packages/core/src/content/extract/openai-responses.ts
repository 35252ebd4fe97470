/** OpenAI Responses API: request, response and stream events → LLM content. */
import type { ChatMessage, LlmContent, MessagePart, OutputMessage, ToolDefinition, Usage } from '../types';
import { requestParameters } from './openai-chat';
import { capText, TextBudget } from './limits';
import { arr, compact, num, obj, parseJson, providerFromModel, str } from './shape';

/** True when `v` looks like a Responses API request. */
export function isResponsesRequest(v: unknown): boolean {
  const o = obj(v);
  return !!o && o.input !== undefined && o.messages === undefined && typeof o.model === 'string';
}

/** True when `v` looks like a Responses API response. */
export function isResponsesResponse(v: unknown): boolean {
  const o = obj(v);
  return !!o && (o.object === 'response' || (Array.isArray(o.output) && typeof o.status === 'string'));
}

/** True when `v` is a Responses API stream event. */
export function isResponsesEvent(v: unknown): boolean {
  const t = obj(v)?.type;
  return typeof t === 'string' && t.startsWith('response.');
}

function inputParts(content: unknown): MessagePart[] {
  if (typeof content === 'string') return [{ type: 'text', content }];
  const parts: MessagePart[] = [];
  for (const p of arr(content) ?? []) {
    const o = obj(p);
    if (!o) continue;
    if (o.type === 'input_text' || o.type === 'output_text') parts.push({ type: 'text', content: str(o.text) ?? '' });
    else if (o.type === 'input_image') {
      if (typeof o.image_url === 'string') parts.push({ type: 'uri', modality: 'image', uri: o.image_url });
      else if (typeof o.file_id === 'string') parts.push({ type: 'file', modality: 'image', file_id: o.file_id });
    } else if (o.type === 'input_file' && typeof o.file_id === 'string') parts.push({ type: 'file', modality: 'file', file_id: o.file_id });
    else if (o.type === 'refusal') parts.push({ type: 'text', content: str(o.refusal) ?? '' });
  }
  return parts;
}

/** Items of `input` (or `output`) → messages; function calls/outputs become tool parts. */
function itemsToMessages(items: readonly unknown[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const it of items) {
    const o = obj(it);
    if (!o) continue;
    if (o.type === 'function_call') {
      out.push({ role: 'assistant', parts: [{ type: 'tool_call', id: str(o.call_id) ?? null, name: str(o.name) ?? '', arguments: parseJson(o.arguments) }] });
    } else if (o.type === 'function_call_output') {
      out.push({ role: 'tool', parts: [{ type: 'tool_call_response', id: str(o.call_id) ?? null, response: o.output }] });
    } else if (o.type === 'reasoning') {
      const text = (arr(o.summary) ?? []).map((s) => str(obj(s)?.text) ?? '').join('');
      if (text) out.push({ role: 'assistant', parts: [{ type: 'reasoning', content: text }] });
    } else if (typeof o.role === 'string') {
      out.push({ role: o.role === 'developer' ? 'system' : o.role, parts: inputParts(o.content) });
    }
  }
  return out;
}

function tools(v: unknown): ToolDefinition[] | undefined {
  const list = arr(v);
  if (!list) return undefined;
  return list.flatMap((t) => {
    const o = obj(t);
    if (!o || typeof o.type !== 'string') return [];
    return [compact<ToolDefinition>({ type: o.type, name: str(o.name) ?? o.type, description: str(o.description), parameters: o.parameters })];
  });
}

/** Responses API request → LLM input content. */
export function fromResponsesRequest(v: unknown): LlmContent {
  const o = obj(v) ?? {};
  const model = str(o.model);
  const input = typeof o.input === 'string' ? [{ role: 'user', parts: [{ type: 'text', content: o.input }] } as ChatMessage] : itemsToMessages(arr(o.input) ?? []);
  return compact<LlmContent>({
    model,
    provider: providerFromModel(model, 'openai'),
    request: requestParameters(o),
    stream: o.stream === true ? true : undefined,
    inputMessages: input,
    systemInstructions: str(o.instructions),
    toolDefinitions: tools(o.tools),
    conversationId: str(o.conversation) ?? str(obj(o.conversation)?.id),
  });
}

function usage(v: unknown): Usage | undefined {
  const u = obj(v);
  if (!u) return undefined;
  return compact<Usage>({
    inputTokens: num(u.input_tokens),
    outputTokens: num(u.output_tokens),
    totalTokens: num(u.total_tokens),
    cacheReadInputTokens: num(obj(u.input_tokens_details)?.cached_tokens),
    reasoningOutputTokens: num(obj(u.output_tokens_details)?.reasoning_tokens),
  });
}

/** Responses API response → LLM output content (all output items fold into one assistant message). */
export function fromResponsesResponse(v: unknown): LlmContent {
  const o = obj(v) ?? {};
  const parts: MessagePart[] = [];
  for (const m of itemsToMessages(arr(o.output) ?? [])) parts.push(...m.parts);
  const hasToolCall = parts.some((p) => p.type === 'tool_call');
  const incomplete = str(obj(o.incomplete_details)?.reason);
  const finish = o.status === 'incomplete' ? (incomplete === 'max_output_tokens' ? 'length' : incomplete === 'content_filter' ? 'content_filter' : 'length') : o.status === 'failed' ? 'error' : hasToolCall ? 'tool_call' : 'stop';
  const message: OutputMessage = { role: 'assistant', parts, finish_reason: finish };
  return compact<LlmContent>({
    responseId: str(o.id),
    responseModel: str(o.model),
    outputMessages: [message],
    finishReasons: [finish],
    usage: usage(o.usage),
  });
}

/**
 * Folds Responses API stream events; the `response.completed` event carries the whole response.
 * The text kept from deltas (used when no final event arrives) stops at `maxAttributeLength`
 * characters, ending with the truncation marker.
 */
export class ResponsesStreamAccumulator {
  private final?: unknown;
  private id?: string;
  private model?: string;
  private text = '';
  private readonly budget: TextBudget;

  constructor(private readonly maxLength: number) {
    this.budget = new TextBudget(maxLength);
  }

  add(event: unknown): void {
    const o = obj(event);
    if (!o) return;
    const response = obj(o.response);
    if (response) {
      this.id ??= capText(str(response.id), this.maxLength);
      this.model ??= capText(str(response.model), this.maxLength);
      if (o.type === 'response.completed' || o.type === 'response.incomplete' || o.type === 'response.failed') this.final = response;
    }
    if (o.type === 'response.output_text.delta' && typeof o.delta === 'string') this.text += this.budget.take(o.delta);
  }

  finish(): LlmContent {
    if (this.final) return fromResponsesResponse(this.final);
    return compact<LlmContent>({
      responseId: this.id,
      responseModel: this.model,
      outputMessages: [{ role: 'assistant', parts: this.text ? [{ type: 'text', content: this.text }] : [], finish_reason: 'stop' }],
      finishReasons: ['stop'],
    });
  }
}
