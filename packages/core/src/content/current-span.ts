/** `currentLlmSpan()`: the active llm-trace span as a typed handle. */
import { getActiveSpanState, recordFirstToken } from '../state';
import { llmSpanHandle, type LlmSpanHandle } from './span-handle';

/**
 * The active llm-trace span as a typed handle (usage, model, messages, documents, tool call,
 * first token, ...). Outside a span — or on a span that is not recording — a no-op handle.
 *
 * @example
 * ```ts
 * import { currentLlmSpan, withLLM } from '@llm-trace/core';
 * const chat = withLLM({ model: 'qwen-plus', provider: 'dashscope' }, async (prompt: string) => {
 *   const answer = await myModel(prompt);
 *   currentLlmSpan().setUsage({ inputTokens: answer.promptTokens, outputTokens: answer.completionTokens });
 *   return answer.text;
 * });
 * ```
 */
export function currentLlmSpan(): LlmSpanHandle {
  return llmSpanHandle(getActiveSpanState(), recordFirstToken);
}
