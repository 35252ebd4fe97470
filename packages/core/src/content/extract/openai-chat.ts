/**
 * OpenAI Chat Completions (and OpenAI-compatible providers such as DashScope/Qwen, DeepSeek):
 * request, response and stream chunks → LLM content.
 */
import type { LlmContent, MessagePart, OutputMessage, ChatMessage, ToolDefinition, Usage, RequestParameters } from '../types';
import { capText, TextBudget, validIndex } from './limits';
import { arr, num, obj, parseJson, providerFromModel, str } from './shape';

/** OpenAI finish reasons → OTel GenAI finish reasons. */
export function chatFinishReason(r: string): string {
  return r === 'tool_calls' || r === 'function_call' ? 'tool_call' : r;
}

/** True when `v` looks like a Chat Completions request. */
export function isChatRequest(v: unknown): boolean {
  const o = obj(v);
  return !!o && Array.isArray(o.messages) && o.system === undefined;
}

/** True when `v` looks like a Chat Completions response. */
export function isChatResponse(v: unknown): boolean {
  const o = obj(v);
  return !!o && (o.object === 'chat.completion' || (Array.isArray(o.choices) && obj(arr(o.choices)?.[0])?.message !== undefined));
}

/** True when `v` looks like a Chat Completions stream chunk. */
export function isChatChunk(v: unknown): boolean {
  const o = obj(v);
  return !!o && (o.object === 'chat.completion.chunk' || (Array.isArray(o.choices) && (o.choices.length === 0 ? o.usage !== undefined : obj(o.choices[0])?.delta !== undefined)));
}

/** Appends the parts of a message's `content` (a string or a list of content parts) to `parts`. */
function pushContentParts(parts: MessagePart[], content: unknown): void {
  if (typeof content === 'string') {
    parts.push({ type: 'text', content });
    return;
  }
  const list = arr(content);
  if (!list) return;
  for (const p of list) {
    const o = obj(p);
    if (!o) continue;
    switch (o.type) {
      case 'text':
        parts.push({ type: 'text', content: str(o.text) ?? '' });
        break;
      case 'image_url': {
        const url = str(obj(o.image_url)?.url) ?? str(o.image_url) ?? '';
        const m = /^data:([^;]+);base64,(.*)$/.exec(url);
        parts.push(m ? { type: 'blob', modality: 'image', mime_type: m[1], content: m[2] ?? '' } : { type: 'uri', modality: 'image', uri: url });
        break;
      }
      case 'input_audio':
        parts.push({ type: 'blob', modality: 'audio', mime_type: `audio/${str(obj(o.input_audio)?.format) ?? 'wav'}`, content: str(obj(o.input_audio)?.data) ?? '' });
        break;
      case 'file':
        parts.push({ type: 'file', modality: 'file', file_id: str(obj(o.file)?.file_id) ?? '' });
        break;
      case 'refusal':
        parts.push({ type: 'text', content: str(o.refusal) ?? '' });
        break;
      default:
        if (typeof o.type === 'string') parts.push({ ...o, type: o.type });
    }
  }
}

function pushToolCallParts(parts: MessagePart[], toolCalls: unknown): void {
  const list = arr(toolCalls);
  if (!list) return;
  for (const t of list) {
    const o = obj(t);
    const fn = obj(o?.function);
    if (!o || !fn) continue;
    parts.push({ type: 'tool_call', id: str(o.id) ?? null, name: str(fn.name) ?? '', arguments: parseJson(fn.arguments) });
  }
}

/** The parts of one Chat Completions message other than a tool result: reasoning, content, tool calls. */
function messageParts(o: Record<string, unknown>): MessagePart[] {
  const parts: MessagePart[] = [];
  const reasoning = o.reasoning_content;
  if (typeof reasoning === 'string' && reasoning) parts.push({ type: 'reasoning', content: reasoning });
  if (o.content !== null && o.content !== undefined) pushContentParts(parts, o.content);
  if (o.tool_calls !== undefined) pushToolCallParts(parts, o.tool_calls);
  return parts;
}

/** A `tool` message's result part: its content as a string, or as parts. */
function toolResultParts(o: Record<string, unknown>): MessagePart[] {
  let response: unknown = o.content;
  if (typeof response !== 'string') {
    const parts: MessagePart[] = [];
    pushContentParts(parts, response);
    response = parts;
  }
  return [{ type: 'tool_call_response', id: str(o.tool_call_id) ?? null, response }];
}

/** One Chat Completions message → OTel ChatMessage. */
export function chatMessage(m: unknown): ChatMessage | undefined {
  const o = obj(m);
  if (!o || typeof o.role !== 'string') return undefined;
  if (o.role === 'tool') return { role: 'tool', parts: toolResultParts(o) };
  const role = o.role === 'developer' ? 'system' : o.role;
  const parts = messageParts(o);
  const name = o.name;
  return typeof name === 'string' && name ? { role, parts, name } : { role, parts };
}

/**
 * One choice's message → the OTel output message, built in its final shape (the writer
 * serializes it as it is): the same fields as `chatMessage`, then the finish reason.
 */
function chatOutputMessage(m: unknown, finish: string): OutputMessage | undefined {
  const o = obj(m);
  if (!o || typeof o.role !== 'string') return undefined;
  if (o.role === 'tool') return { role: 'tool', parts: toolResultParts(o), finish_reason: finish };
  const role = o.role === 'developer' ? 'system' : o.role;
  const parts = messageParts(o);
  const name = o.name;
  return typeof name === 'string' && name ? { role, parts, name, finish_reason: finish } : { role, parts, finish_reason: finish };
}

function tools(v: unknown): ToolDefinition[] | undefined {
  const list = arr(v);
  if (!list) return undefined;
  const out: ToolDefinition[] = [];
  for (const t of list) {
    const o = obj(t);
    if (!o) continue;
    const fn = obj(o.function);
    if (fn) out.push({ type: str(o.type) ?? 'function', name: str(fn.name) ?? '', description: str(fn.description), parameters: fn.parameters });
    else if (typeof o.name === 'string') out.push({ type: str(o.type) ?? 'function', name: o.name, description: str(o.description), parameters: o.parameters ?? o.input_schema });
    else if (typeof o.type === 'string') out.push({ type: o.type, name: o.type });
  }
  return out;
}

/**
 * Request parameters shared by the OpenAI-shaped APIs; undefined when the request sets none.
 * Fields the request does not set stay undefined (the writer skips them).
 */
export function requestParameters(o: Record<string, unknown>): RequestParameters | undefined {
  const stop = o.stop ?? o.stop_sequences;
  const format = obj(o.response_format)?.type ?? obj(obj(o.text)?.format)?.type;
  const r: RequestParameters = {
    temperature: num(o.temperature),
    topP: num(o.top_p),
    topK: num(o.top_k),
    maxTokens: num(o.max_completion_tokens) ?? num(o.max_tokens) ?? num(o.max_output_tokens),
    frequencyPenalty: num(o.frequency_penalty),
    presencePenalty: num(o.presence_penalty),
    stopSequences: typeof stop === 'string' ? [stop] : arr(stop)?.filter((s): s is string => typeof s === 'string'),
    seed: num(o.seed),
    choiceCount: num(o.n),
    outputType: format === 'json_object' || format === 'json_schema' ? 'json' : format === 'text' ? 'text' : undefined,
  };
  return hasAnyField(r) ? r : undefined;
}

function hasAnyField(r: RequestParameters): boolean {
  return (
    r.temperature !== undefined ||
    r.topP !== undefined ||
    r.topK !== undefined ||
    r.maxTokens !== undefined ||
    r.frequencyPenalty !== undefined ||
    r.presencePenalty !== undefined ||
    r.stopSequences !== undefined ||
    r.seed !== undefined ||
    r.choiceCount !== undefined ||
    r.outputType !== undefined
  );
}

/**
 * Chat Completions request → LLM input content. The content is built once in the shape the writer
 * serializes; fields the request does not have stay undefined (the writer skips them).
 */
export function fromChatRequest(v: unknown, captureContent = true): LlmContent {
  const o = obj(v) ?? {};
  const model = str(o.model);
  // With capture off the messages would be dropped by the writer: they are not built at all.
  const inputMessages: ChatMessage[] | undefined = captureContent ? [] : undefined;
  const list = inputMessages && arr(o.messages);
  if (list) {
    for (const m of list) {
      const message = chatMessage(m);
      if (message) inputMessages!.push(message);
    }
  }
  return {
    model,
    provider: providerFromModel(model, 'openai'),
    request: requestParameters(o),
    stream: o.stream === true ? true : undefined,
    inputMessages,
    toolDefinitions: tools(o.tools),
  };
}

/** Chat Completions usage → Usage. */
export function chatUsage(v: unknown): Usage | undefined {
  const u = obj(v);
  if (!u) return undefined;
  return {
    inputTokens: num(u.prompt_tokens),
    outputTokens: num(u.completion_tokens),
    totalTokens: num(u.total_tokens),
    cacheReadInputTokens: num(obj(u.prompt_tokens_details)?.cached_tokens),
    reasoningOutputTokens: num(obj(u.completion_tokens_details)?.reasoning_tokens),
  };
}

/** Chat Completions response → LLM output content: one output message per choice. */
export function fromChatResponse(v: unknown, captureContent = true): LlmContent {
  const o = obj(v) ?? {};
  // With capture off the messages would be dropped by the writer: they are not built at all.
  const outputMessages: OutputMessage[] | undefined = captureContent ? [] : undefined;
  const finishReasons: string[] = [];
  const choices = arr(o.choices);
  if (choices) {
    for (const c of choices) {
      const choice = obj(c);
      const finish = chatFinishReason(str(choice?.finish_reason) ?? 'stop');
      finishReasons.push(finish);
      if (!outputMessages) continue;
      const message = chatOutputMessage(choice?.message, finish);
      if (message) outputMessages.push(message);
    }
  }
  return {
    responseId: str(o.id),
    responseModel: str(o.model),
    outputMessages,
    finishReasons,
    usage: chatUsage(o.usage),
  };
}

interface ToolCallAcc {
  id?: string;
  name: string;
  args: string;
}
interface ChoiceAcc {
  role: string;
  text: string;
  reasoning: string;
  tools: ToolCallAcc[];
  finish?: string;
}

/**
 * Folds Chat Completions stream chunks (incl. the `include_usage` final chunk). Bounded by the
 * caps however long the stream runs: choice and tool-call indices outside `[0, maxItems)` are
 * ignored (a chunk naming index 1e8 would otherwise make `finish()` walk a sparse array), and all
 * text together stops at `maxAttributeLength` characters, ending with the truncation marker.
 */
export class ChatStreamAccumulator {
  private id?: string = undefined;
  private model?: string = undefined;
  private usage?: Usage = undefined;
  private readonly choices: ChoiceAcc[] = [];
  private readonly budget: TextBudget;
  /** The fold of choice 0, once a chunk created it: what the common one-choice chunk adds to. */
  private first?: ChoiceAcc = undefined;

  constructor(
    private readonly maxItems: number,
    private readonly maxLength: number,
  ) {
    this.budget = new TextBudget(maxLength);
  }

  add(chunk: unknown): void {
    const o = obj(chunk);
    if (!o) return;
    if (this.id === undefined) this.id = capText(str(o.id), this.maxLength);
    if (this.model === undefined) this.model = capText(str(o.model), this.maxLength);
    if (o.usage) this.usage = chatUsage(o.usage) ?? this.usage;
    // Not through `arr()`: the loops below read at most `maxItems` entries, so a longer list needs
    // no copy.
    const choices = o.choices;
    if (!Array.isArray(choices)) return;
    // Nearly every chunk of a streamed answer carries one choice, index 0, whose delta adds a
    // little text: folded here with only the checks that shape needs (index 0 is always within
    // the cap). Anything else, and the chunk that first names choice 0, takes the general loop.
    const first = this.first;
    if (first !== undefined && choices.length === 1) {
      const choice: unknown = choices[0];
      if (choice !== null && typeof choice === 'object' && !Array.isArray(choice) && (choice as Record<string, unknown>).index === 0) {
        this.addTextChoice(first, choice as Record<string, unknown>);
        return;
      }
    }
    for (let c = 0, n = Math.min(choices.length, this.maxItems); c < n; c++) {
      const choice = obj(choices[c]);
      if (!choice) continue;
      const i = num(choice.index) ?? 0;
      if (!validIndex(i, this.maxItems)) continue;
      const acc = (this.choices[i] ??= { role: 'assistant', text: '', reasoning: '', tools: [] });
      if (i === 0) this.first = acc;
      this.addChoice(acc, choice);
    }
  }

  /**
   * `addChoice` for the usual delta, text alone: the same result, with the fields that are absent
   * checked once together. A delta with a role, reasoning or tool calls goes to `addChoice`.
   */
  private addTextChoice(acc: ChoiceAcc, choice: Record<string, unknown>): void {
    const d = choice.delta;
    if (d !== null && typeof d === 'object' && !Array.isArray(d)) {
      const delta = d as Record<string, unknown>;
      // Null is what some providers send for an absent field; `addChoice` skips it as well.
      if (delta.role != null || delta.reasoning_content != null || delta.tool_calls != null) {
        this.addChoice(acc, choice);
        return;
      }
      const text = delta.content;
      if (typeof text === 'string') acc.text += this.budget.take(text);
    }
    const finish = choice.finish_reason;
    if (typeof finish === 'string') acc.finish = capText(chatFinishReason(finish), this.maxLength);
  }

  /** Folds one choice's delta and finish reason into its accumulator. */
  private addChoice(acc: ChoiceAcc, choice: Record<string, unknown>): void {
    const d = obj(choice.delta);
    if (d) {
      if (typeof d.role === 'string') acc.role = capText(d.role, this.maxLength)!;
      if (typeof d.content === 'string') acc.text += this.budget.take(d.content);
      if (typeof d.reasoning_content === 'string') acc.reasoning += this.budget.take(d.reasoning_content);
      if (Array.isArray(d.tool_calls)) this.addToolCalls(acc, d.tool_calls);
    }
    if (typeof choice.finish_reason === 'string') acc.finish = capText(chatFinishReason(choice.finish_reason), this.maxLength);
  }

  private addToolCalls(acc: ChoiceAcc, calls: readonly unknown[]): void {
    const budget = this.budget;
    for (let k = 0, n = Math.min(calls.length, this.maxItems); k < n; k++) {
      const tc = obj(calls[k]);
      if (!tc) continue;
      const ti = num(tc.index) ?? acc.tools.length;
      if (!validIndex(ti, this.maxItems)) continue;
      const tacc = (acc.tools[ti] ??= { name: '', args: '' });
      if (typeof tc.id === 'string') tacc.id = capText(tc.id, this.maxLength);
      const fn = obj(tc.function);
      if (typeof fn?.name === 'string') tacc.name += budget.take(fn.name);
      if (typeof fn?.arguments === 'string') tacc.args += budget.take(fn.arguments);
    }
  }

  finish(): LlmContent {
    const outputMessages: OutputMessage[] = [];
    const finishReasons: string[] = [];
    for (const acc of this.choices) {
      if (!acc) continue;
      const parts: MessagePart[] = [];
      if (acc.reasoning) parts.push({ type: 'reasoning', content: acc.reasoning });
      if (acc.text) parts.push({ type: 'text', content: acc.text });
      for (const t of acc.tools) if (t) parts.push({ type: 'tool_call', id: t.id ?? null, name: t.name, arguments: parseJson(t.args) });
      const finish = acc.finish ?? 'stop';
      finishReasons.push(finish);
      outputMessages.push({ role: acc.role, parts, finish_reason: finish });
    }
    return { responseId: this.id, responseModel: this.model, outputMessages, finishReasons, usage: this.usage };
  }
}
