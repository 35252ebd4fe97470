/**
 * The per-span state kept in the OTel context while a wrapped call runs, so `currentLlmSpan()`
 * and the stream wrapper find the span, its kind and its writer.
 */
import { context, createContextKey, ROOT_CONTEXT, trace, type Context, type Span } from '@opentelemetry/api';
import { getConfig } from './config';
import { hasContextManager } from './context-check';
import { monotonicNow } from './clock';
import type { LlmSpanState } from './contracts';
import type { ContentFor, KindName } from './content/types';

// The API's own key for the active span: `createContextKey` is `Symbol.for(description)`, shared
// by every copy of the API by design. Checked below before it is relied on.
const SPAN_KEY = createContextKey('OpenTelemetry Context Key SPAN');
const STATE_KEY = createContextKey('llm-trace span state');

/**
 * The context a wrapped call runs in: its parent plus our span and its state, without copying
 * the parent. `trace.setSpan()` copies the parent's whole map into a new context on every call
 * (a measurable share of a traced call); this node answers its two keys itself and asks its
 * parent for the rest. Anyone setting a value on it gets an ordinary copy (made once).
 */
class SpanStateContext implements Context {
  private copy: Context | undefined = undefined;
  constructor(
    private readonly parent: Context,
    private readonly span: Span,
    private readonly state: LlmSpanState,
  ) {}
  getValue(key: symbol): unknown {
    if (key === SPAN_KEY) return this.span;
    if (key === STATE_KEY) return this.state;
    return this.parent.getValue(key);
  }
  setValue(key: symbol, value: unknown): Context {
    return this.materialize().setValue(key, value);
  }
  deleteValue(key: symbol): Context {
    return this.materialize().deleteValue(key);
  }
  private materialize(): Context {
    return (this.copy ??= trace.setSpan(this.parent, this.span).setValue(STATE_KEY, this.state));
  }
}

function nodeWorks(): boolean {
  try {
    const probe = trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 });
    const node = new SpanStateContext(ROOT_CONTEXT, probe, {} as LlmSpanState);
    return trace.getSpan(node) === probe && trace.getSpan(node.setValue(createContextKey('probe'), 1)) === probe && trace.getSpan(ROOT_CONTEXT.setValue(SPAN_KEY, probe)) === probe;
  } catch {
    return false;
  }
}
const USE_NODE = nodeWorks();

/** `parent` with `state.span` as the active span and `state` findable by `getActiveSpanState()`. */
export function contextWithSpanState(parent: Context, state: LlmSpanState): Context {
  // Only recording spans get here, so this checks once that a provider has a context manager.
  hasContextManager();
  if (USE_NODE) return new SpanStateContext(parent, state.span, state);
  return trace.setSpan(parent, state.span).setValue(STATE_KEY, state);
}

/**
 * Milliseconds on the `performance.now()` clock (`Date.now()` where a runtime has no
 * `performance`), for durations such as time to first token.
 *
 * @example
 * ```ts
 * import { getActiveSpanState } from '@llm-trace/core';
 * // The clock `startedAt` and `firstTokenAt` are on.
 * const state = getActiveSpanState();
 * const sinceStart = state ? performance.now() - state.startedAt : 0;
 * ```
 */
export function now(): number {
  return monotonicNow();
}

/**
 * The state of the active span when it is an llm-trace span (undefined otherwise, including
 * inside a plain OTel span started within ours).
 *
 * @example
 * ```ts
 * import { getActiveSpanState } from '@llm-trace/core';
 * const state = getActiveSpanState();
 * if (state) console.log(state.kind);
 * ```
 */
export function getActiveSpanState(): LlmSpanState | undefined {
  const ctx = context.active();
  const state = ctx.getValue(STATE_KEY) as LlmSpanState | undefined;
  if (state === undefined) return undefined;
  return ctx.getValue(SPAN_KEY) === state.span ? state : undefined;
}

/**
 * Records time to first token/chunk on the span once; later calls do nothing.
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
  state.firstTokenAt = now();
  const ns = Math.round((state.firstTokenAt - state.startedAt) * 1e6);
  state.writer.write(state.span, state.kind, { timeToFirstTokenNs: ns } as ContentFor<KindName>, getConfig());
}
