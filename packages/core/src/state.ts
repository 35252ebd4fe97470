/**
 * The per-span state kept in the OTel context while a wrapped call runs, so `currentLlmSpan()`
 * and the stream wrapper find the span, its kind and its writer.
 */
import { trace, type Span } from '@opentelemetry/api';
import { getConfig } from './config';
import type { LlmSpanState } from './contracts';
import type { ContentFor, KindName } from './content/types';

// Kept on the span object under a private symbol, so the state travels with the active span in
// the OTel context at no extra context copy per call. Not a WeakMap: one entry per call made
// the collector's ephemeron work the largest single cost of a traced call. A plain OTel span
// started inside ours has no state of its own. A span object that refuses new properties
// (frozen by a foreign SDK) falls back to the WeakMap.
const STATE = Symbol('llm-trace.state');
const FALLBACK = new WeakMap<Span, LlmSpanState>();

/** Associates `state` with its span, so it is found while that span is active. */
export function setSpanState(state: LlmSpanState): void {
  const span = state.span as Span & { [STATE]?: LlmSpanState };
  if (Object.isExtensible(span)) span[STATE] = state;
  else FALLBACK.set(span, state);
}

/**
 * The state of the active span when it is an llm-trace span (undefined otherwise).
 *
 * @example
 * ```ts
 * import { getActiveSpanState } from '@llm-trace/core';
 * const state = getActiveSpanState();
 * if (state) console.log(state.kind);
 * ```
 */
export function getActiveSpanState(): LlmSpanState | undefined {
  const span = trace.getActiveSpan();
  if (span === undefined) return undefined;
  return (span as Span & { [STATE]?: LlmSpanState })[STATE] ?? FALLBACK.get(span);
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
