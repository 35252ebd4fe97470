/**
 * The per-span state kept in the OTel context while a wrapped call runs, so `currentLlmSpan()`
 * and the stream wrapper find the span, its kind and its writer.
 */
import { context, createContextKey, type Context } from '@opentelemetry/api';
import { getConfig } from './config';
import type { LlmSpanState } from './contracts';
import type { ContentFor, KindName } from './content/types';

const STATE_KEY = createContextKey('llm-trace.span-state');

/** `ctx` with `state` stored under the engine's context key. */
export function setSpanState(ctx: Context, state: LlmSpanState): Context {
  return ctx.setValue(STATE_KEY, state);
}

/**
 * The state of the innermost llm-trace span active in the current context, if any.
 *
 * @example
 * ```ts
 * import { getActiveSpanState } from '@llm-trace/core';
 * const state = getActiveSpanState();
 * if (state) console.log(state.kind);
 * ```
 */
export function getActiveSpanState(): LlmSpanState | undefined {
  return context.active().getValue(STATE_KEY) as LlmSpanState | undefined;
}

/**
 * Records time to first token/chunk on the span once (house rule 6); later calls do nothing.
 * Shared by the stream wrapper and `currentLlmSpan().recordFirstToken()`.
 *
 * @example
 * ```ts
 * import { getActiveSpanState, recordFirstToken } from '@llm-trace/core';
 * const state = getActiveSpanState();
 * if (state) recordFirstToken(state);
 * ```
 */
export function recordFirstToken(state: LlmSpanState): void {
  if (state.firstTokenAt !== undefined) return;
  state.firstTokenAt = performance.now();
  const ns = Math.round((state.firstTokenAt - state.startedAt) * 1e6);
  state.writer.write(state.span, state.kind, { timeToFirstTokenNs: ns } as ContentFor<KindName>, getConfig());
}
