/** Anthropic Messages API: request, response and stream events → LLM content. */
import type { ChatMessage, LlmContent, MessagePart, RequestParameters, ToolDefinition, Usage } from '../types';
import { capText, TextBudget, validIndex } from './limits';
import { arr, num, obj, parseJson, str } from './shape';

/** Anthropic stop reasons → OTel GenAI finish reasons. */
export function anthropicFinishReason(r: string): string {
  switch (r) {
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_call';
    case 'refusal':
      return 'content_filter';
    default:
      return r;
  }
}

const BLOCK_TYPES = new Set(['tool_use', 'tool_result', 'thinking', 'redacted_thinking', 'document']);

/** True when `v` looks like an Anthropic Messages request (a `system` field, Anthropic blocks, or a Claude model). */
export function isAnthropicRequest(v: unknown): boolean {
  const o = obj(v);
  if (!o || !Array.isArray(o.messages)) return false;
  if (o.system !== undefined || (typeof o.model === 'string' && o.model.startsWith('claude'))) return true;
  const tools = arr(o.tools);
  if (tools) for (const t of tools) if (obj(t)?.input_schema !== undefined) return true;
  for (const m of arr(o.messages)!) {
    // String content (the common case) holds no blocks.
    const content = obj(m)?.content;
    if (typeof content === 'string') continue;
    const blocks = arr(content);
    if (blocks) for (const b of blocks) if (isAnthropicBlock(b)) return true;
  }
  return false;
}

function isAnthropicBlock(b: unknown): boolean {
  const o = obj(b);
  return BLOCK_TYPES.has(String(o?.type)) || obj(o?.source) !== undefined;
}

/** True when `v` looks like an Anthropic Messages response. */
export function isAnthropicResponse(v: unknown): boolean {
  const o = obj(v);
  return !!o && o.type === 'message' && Array.isArray(o.content);
}

const EVENT_TYPES = new Set(['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop', 'ping']);

/** True when `v` is an Anthropic stream event. */
export function isAnthropicEvent(v: unknown): boolean {
  return EVENT_TYPES.has(String(obj(v)?.type));
}

function blockParts(content: unknown): MessagePart[] {
  if (typeof content === 'string') return [{ type: 'text', content }];
  const parts: MessagePart[] = [];
  for (const b of arr(content) ?? []) {
    const o = obj(b);
    if (!o) continue;
    switch (o.type) {
      case 'text':
        parts.push({ type: 'text', content: str(o.text) ?? '' });
        break;
      case 'thinking':
        parts.push({ type: 'reasoning', content: str(o.thinking) ?? '' });
        break;
      case 'tool_use':
        parts.push({ type: 'tool_call', id: str(o.id) ?? null, name: str(o.name) ?? '', arguments: o.input });
        break;
      case 'tool_result':
        parts.push({ type: 'tool_call_response', id: str(o.tool_use_id) ?? null, response: typeof o.content === 'string' ? o.content : blockParts(o.content) });
        break;
      case 'image':
      case 'document': {
        const src = obj(o.source);
        const modality = o.type === 'image' ? 'image' : 'document';
        if (src?.type === 'base64') parts.push({ type: 'blob', modality, mime_type: str(src.media_type) ?? null, content: str(src.data) ?? '' });
        else if (src?.type === 'url') parts.push({ type: 'uri', modality, uri: str(src.url) ?? '' });
        else if (src?.type === 'file') parts.push({ type: 'file', modality, file_id: str(src.file_id) ?? '' });
        break;
      }
      default:
        if (typeof o.type === 'string') parts.push({ ...o, type: o.type });
    }
  }
  return parts;
}

function tools(v: unknown): ToolDefinition[] | undefined {
  const list = arr(v);
  if (!list) return undefined;
  return list.flatMap((t) => {
    const o = obj(t);
    if (!o || typeof o.name !== 'string') return [];
    const type = typeof o.type === 'string' && o.type !== 'custom' ? o.type : 'function';
    return [{ type, name: o.name, description: str(o.description), parameters: o.input_schema }];
  });
}

/**
 * Anthropic Messages request → LLM input content (`system` → system instructions). The content is
 * built once in the shape the writer serializes; fields the request does not have stay undefined
 * (the writer skips them).
 */
export function fromAnthropicRequest(v: unknown, captureContent = true): LlmContent {
  const o = obj(v) ?? {};
  // With capture off the messages would be dropped by the writer: they are not built at all.
  const messages: ChatMessage[] | undefined = captureContent ? [] : undefined;
  const list = messages && arr(o.messages);
  if (list) {
    for (const m of list) {
      const mo = obj(m);
      if (mo && typeof mo.role === 'string') messages!.push({ role: mo.role, parts: blockParts(mo.content) });
    }
  }
  const system = !captureContent ? undefined : typeof o.system === 'string' ? o.system : o.system !== undefined ? blockParts(o.system) : undefined;
  return {
    model: str(o.model),
    provider: 'anthropic',
    request: requestParameters(o),
    stream: o.stream === true ? true : undefined,
    inputMessages: messages,
    systemInstructions: system,
    toolDefinitions: tools(o.tools),
  };
}

function requestParameters(o: Record<string, unknown>): RequestParameters | undefined {
  const r: RequestParameters = {
    temperature: num(o.temperature),
    topP: num(o.top_p),
    topK: num(o.top_k),
    maxTokens: num(o.max_tokens),
    stopSequences: arr(o.stop_sequences)?.filter((s): s is string => typeof s === 'string'),
  };
  const known = r.temperature !== undefined || r.topP !== undefined || r.topK !== undefined || r.maxTokens !== undefined || r.stopSequences !== undefined;
  return known ? r : undefined;
}

/** Anthropic usage → Usage. `input_tokens` excludes cache tokens there; OTel's includes them. */
export function anthropicUsage(v: unknown, base?: Usage): Usage | undefined {
  const u = obj(v);
  if (!u) return base;
  const fresh = num(u.input_tokens);
  const readNow = num(u.cache_read_input_tokens);
  const createdNow = num(u.cache_creation_input_tokens);
  return {
    inputTokens: fresh === undefined ? base?.inputTokens : fresh + (readNow ?? 0) + (createdNow ?? 0),
    outputTokens: num(u.output_tokens) ?? base?.outputTokens,
    cacheReadInputTokens: readNow ?? base?.cacheReadInputTokens,
    cacheCreationInputTokens: createdNow ?? base?.cacheCreationInputTokens,
  };
}

/** Anthropic Messages response → LLM output content: one output message, in its final shape. */
export function fromAnthropicResponse(v: unknown, captureContent = true): LlmContent {
  const o = obj(v) ?? {};
  const finish = anthropicFinishReason(str(o.stop_reason) ?? 'end_turn');
  return {
    responseId: str(o.id),
    responseModel: str(o.model),
    outputMessages: captureContent ? [{ role: str(o.role) ?? 'assistant', parts: blockParts(o.content), finish_reason: finish }] : undefined,
    finishReasons: [finish],
    usage: anthropicUsage(o.usage),
  };
}

/**
 * Folds Anthropic stream events into the final message. Bounded by the caps however long the
 * stream runs: block indices outside `[0, maxItems)` are ignored, only the message's id, model and
 * usage are kept from `message_start`, and all text together stops at `maxAttributeLength`
 * characters, ending with the truncation marker.
 */
export class AnthropicStreamAccumulator {
  private id?: string;
  private model?: string;
  private readonly blocks: Record<string, unknown>[] = [];
  private readonly partialJson: string[] = [];
  private usage?: Usage;
  private stop?: string;
  private readonly budget: TextBudget;

  constructor(
    private readonly maxItems: number,
    private readonly maxLength: number,
  ) {
    this.budget = new TextBudget(maxLength);
  }

  add(event: unknown): void {
    const e = obj(event);
    if (!e) return;
    switch (e.type) {
      case 'message_start': {
        const message = obj(e.message) ?? {};
        this.id = capText(str(message.id), this.maxLength);
        this.model = capText(str(message.model), this.maxLength);
        this.usage = anthropicUsage(message.usage);
        break;
      }
      case 'content_block_start': {
        const i = num(e.index) ?? this.blocks.length;
        if (!validIndex(i, this.maxItems)) break;
        const block: Record<string, unknown> = { ...(obj(e.content_block) ?? {}) };
        if (typeof block.text === 'string') block.text = this.budget.take(block.text);
        if (typeof block.thinking === 'string') block.thinking = this.budget.take(block.thinking);
        this.blocks[i] = block;
        break;
      }
      case 'content_block_delta': {
        const i = num(e.index) ?? this.blocks.length - 1;
        if (!validIndex(i, this.maxItems)) break;
        const b = (this.blocks[i] ??= { type: 'text', text: '' });
        const d = obj(e.delta);
        if (d?.type === 'text_delta') b.text = String(b.text ?? '') + this.budget.take(String(d.text ?? ''));
        else if (d?.type === 'thinking_delta') b.thinking = String(b.thinking ?? '') + this.budget.take(String(d.thinking ?? ''));
        else if (d?.type === 'input_json_delta') this.partialJson[i] = (this.partialJson[i] ?? '') + this.budget.take(String(d.partial_json ?? ''));
        break;
      }
      case 'message_delta':
        if (typeof obj(e.delta)?.stop_reason === 'string') this.stop = capText(obj(e.delta)?.stop_reason as string, this.maxLength);
        this.usage = anthropicUsage(e.usage, this.usage);
        break;
      default:
        break;
    }
  }

  finish(): LlmContent {
    this.partialJson.forEach((json, i) => {
      const b = this.blocks[i];
      if (b && json) b.input = parseJson(json);
    });
    const finish = anthropicFinishReason(this.stop ?? 'end_turn');
    return {
      responseId: this.id,
      responseModel: this.model,
      outputMessages: [{ role: 'assistant', parts: blockParts(this.blocks.filter(Boolean)), finish_reason: finish }],
      finishReasons: [finish],
      usage: this.usage,
    };
  }
}
