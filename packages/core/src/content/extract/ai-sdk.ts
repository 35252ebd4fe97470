/**
 * Vercel AI SDK (5 and later) shapes, read structurally: the `generateText` / `streamText` call
 * options, the `generateText` result, and the `streamText` result object, which is returned at once
 * while its text, usage and finish reason arrive later as promises.
 */
import type { ChatMessage, LlmContent, MessagePart, Usage } from '../types';
import { arr, compact, num, obj, providerFromModel, str } from './shape';

/** The AI SDK's finish reasons are OTel's, spelled with dashes (`tool-calls`). */
function finishReason(r: string): string {
  return r === 'tool-calls' ? 'tool_call' : r.replace(/-/g, '_');
}

function aiPart(p: unknown): MessagePart | undefined {
  const o = obj(p);
  if (!o) return typeof p === 'string' ? { type: 'text', content: p } : undefined;
  switch (o.type) {
    case 'text':
      return typeof o.text === 'string' ? { type: 'text', content: o.text } : undefined;
    case 'reasoning':
      return typeof o.text === 'string' ? { type: 'reasoning', content: o.text } : undefined;
    case 'tool-call':
      return { type: 'tool_call', id: str(o.toolCallId) ?? null, name: str(o.toolName) ?? '', arguments: o.input ?? o.args };
    case 'tool-result': {
      const out = obj(o.output);
      // AI SDK 5+ wraps results as { type: 'json' | 'text', value }.
      const response = out && 'value' in out ? out.value : (o.output ?? o.result);
      return { type: 'tool_call_response', id: str(o.toolCallId) ?? null, response };
    }
    default:
      return undefined;
  }
}

/** An AI SDK `ModelMessage` (`{ role, content: string | parts }`). */
function aiMessage(m: unknown): ChatMessage | undefined {
  const o = obj(m);
  if (!o || typeof o.role !== 'string') return undefined;
  const content = o.content;
  const parts = typeof content === 'string' ? [{ type: 'text', content } as MessagePart] : (arr(content) ?? []).map(aiPart).filter((p): p is MessagePart => !!p);
  return { role: o.role, parts };
}

/** A `LanguageModel` object (`{ modelId, provider }`) or a model id string. */
function modelOf(v: unknown): { model?: string; provider?: string } {
  if (typeof v === 'string') return { model: v, provider: providerFromModel(v) };
  const o = obj(v);
  const model = str(o?.modelId);
  const provider = str(o?.provider)?.split('.')[0];
  return { model, provider: provider ?? providerFromModel(model) };
}

/**
 * True for the options object of `generateText` / `streamText` / `generateObject`: a `model`
 * that is a `LanguageModel` object (it has `modelId`), and a `prompt` or `messages`.
 */
export function isAiSdkCall(v: unknown): boolean {
  const o = obj(v);
  if (!o || !('prompt' in o || 'messages' in o)) return false;
  return typeof obj(o.model)?.modelId === 'string';
}

/**
 * LLM content of an AI SDK call's options: model, provider, system, messages, parameters.
 */
export function fromAiSdkCall(v: unknown): LlmContent {
  const o = obj(v)!;
  const { model, provider } = modelOf(o.model);
  const messages: ChatMessage[] = [];
  const list = arr(o.messages);
  if (list) for (const m of list) {
    const msg = aiMessage(m);
    if (msg) messages.push(msg);
  }
  if (typeof o.prompt === 'string') messages.push({ role: 'user', parts: [{ type: 'text', content: o.prompt }] });
  else if (arr(o.prompt)) for (const m of arr(o.prompt)!) {
    const msg = aiMessage(m);
    if (msg) messages.push(msg);
  }
  const stop = arr(o.stopSequences)?.filter((s): s is string => typeof s === 'string');
  const request = compact({
    temperature: num(o.temperature),
    topP: num(o.topP),
    topK: num(o.topK),
    maxTokens: num(o.maxOutputTokens) ?? num(o.maxTokens),
    frequencyPenalty: num(o.frequencyPenalty),
    presencePenalty: num(o.presencePenalty),
    seed: num(o.seed),
    stopSequences: stop && stop.length > 0 ? stop : undefined,
  });
  const toolDefs = obj(o.tools);
  return compact<LlmContent>({
    model,
    provider,
    systemInstructions: str(o.system),
    inputMessages: messages.length > 0 ? messages : undefined,
    request: Object.keys(request).length > 0 ? request : undefined,
    toolDefinitions: toolDefs
      ? Object.entries(toolDefs).map(([name, t]) => compact({ type: 'function', name, description: str(obj(t)?.description) }))
      : undefined,
  });
}

/** AI SDK usage (`inputTokens`, `outputTokens`, `totalTokens`, cache and reasoning details of 5 and 7). */
export function aiSdkUsage(v: unknown): Usage | undefined {
  const u = obj(v);
  if (!u) return undefined;
  const inputTokens = num(u.inputTokens);
  const outputTokens = num(u.outputTokens);
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  return compact<Usage>({
    inputTokens,
    outputTokens,
    totalTokens: num(u.totalTokens),
    cacheReadInputTokens: num(obj(u.inputTokenDetails)?.cacheReadTokens) ?? num(u.cachedInputTokens),
    cacheCreationInputTokens: num(obj(u.inputTokenDetails)?.cacheWriteTokens),
    reasoningOutputTokens: num(obj(u.outputTokenDetails)?.reasoningTokens) ?? num(u.reasoningTokens),
  });
}

/**
 * True for a `generateText` result (or the settled values of a `streamText` result): a string
 * `finishReason`, a `usage` with token counts, and a `response` with a `modelId`.
 */
export function isAiSdkResult(v: unknown): boolean {
  const o = obj(v);
  if (!o || typeof o.finishReason !== 'string') return false;
  return aiSdkUsage(o.usage) !== undefined && typeof obj(o.response)?.modelId === 'string';
}

/**
 * LLM content of a `generateText` result: the answer (text, and tool calls when it stopped for them), finish reason,
 * response id and model, and the usage of all steps (`totalUsage`) when the call took several.
 */
export function fromAiSdkResult(v: unknown): LlmContent {
  const o = obj(v)!;
  const reason = finishReason(o.finishReason as string);
  const parts: MessagePart[] = [];
  if (typeof o.text === 'string' && o.text !== '') parts.push({ type: 'text', content: o.text });
  // The result's tool calls are the whole loop's in AI SDK 7; they are the answer only when the
  // call stopped to have tools run.
  if (reason === 'tool_call') for (const c of arr(o.toolCalls) ?? []) {
    const part = aiPart({ ...obj(c), type: 'tool-call' });
    if (part) parts.push(part);
  }
  const response = obj(o.response)!;
  return compact<LlmContent>({
    responseId: str(response.id),
    responseModel: str(response.modelId),
    outputMessages: [{ role: 'assistant', parts, finish_reason: reason }],
    finishReasons: [reason],
    usage: aiSdkUsage(o.totalUsage) ?? aiSdkUsage(o.usage),
  });
}

/**
 * True for a `streamText` / `streamObject` result: it has the stream accessors (checked with
 * `in`, so no getter runs and no stream is teed) and no `then`.
 */
function isAiSdkStreamResult(v: unknown): v is Record<string, unknown> {
  const o = obj(v);
  return !!o && 'textStream' in o && 'fullStream' in o && 'finishReason' in o && 'usage' in o && !('then' in o);
}

/**
 * For a `streamText` result, returned at once, a promise of its final values (`text`,
 * `finishReason`, `usage`, `totalUsage`, `response`), which settles when the app has read the
 * stream; undefined for anything else. The values are read from the result's own promises, which
 * do not start or tee the stream.
 */
export function aiSdkStreamCompletion(v: unknown): PromiseLike<unknown> | undefined {
  if (!isAiSdkStreamResult(v)) return undefined;
  const keys = ['text', 'finishReason', 'usage', 'totalUsage', 'response'] as const;
  const values = keys.map((k) => (k in v ? Promise.resolve(v[k]) : Promise.resolve(undefined)));
  return Promise.all(values).then((settled) => {
    const out: Record<string, unknown> = {};
    keys.forEach((k, i) => (out[k] = settled[i]));
    return out;
  });
}
