/**
 * Session context: the session and user of a conversation, carried in the OTel context (and
 * optionally W3C baggage) so every span started inside carries `gen_ai.session.id` / `gen_ai.user.id`.
 */
import { context, createContextKey, propagation, type Attributes, type Context } from '@opentelemetry/api';
import { getConfig, type LlmTraceConfig } from '../config';
import { AttributeSink } from '../content/attribute-sink';
import { hasContextManager } from '../context-check';

/**
 * The session fields in force for a context.
 *
 * @example
 * ```ts
 * import { getSession, type SessionInfo } from '@llm-trace/core';
 * const s: SessionInfo | undefined = getSession();
 * ```
 */
export interface SessionInfo {
  readonly sessionId?: string;
  readonly userId?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly tags?: readonly string[];
}

/**
 * Options of `withSession`.
 *
 * @example
 * ```ts
 * import type { SessionOptions } from '@llm-trace/core';
 * const o: SessionOptions = { sessionId: 'conv-42', userId: 'u-7', propagate: true };
 * ```
 */
export interface SessionOptions extends SessionInfo {
  /**
   * Also write `gen_ai.session.id` / `gen_ai.user.id` to W3C baggage, so a propagator carries
   * them to downstream services. @default false
   */
  readonly propagate?: boolean;
}

const SESSION_KEY = createContextKey('llm-trace.session');

/**
 * Baggage entry names; the Alibaba/LoongSuite ENTRY spans use the same.
 *
 * @example
 * ```ts
 * import { propagation, context } from '@opentelemetry/api';
 * import { BAGGAGE_SESSION_ID } from '@llm-trace/core/extend';
 * propagation.getBaggage(context.active())?.getEntry(BAGGAGE_SESSION_ID)?.value;
 * ```
 */
export const BAGGAGE_SESSION_ID = 'gen_ai.session.id';
/**
 * Baggage entry name for the user id.
 *
 * @example
 * ```ts
 * import { propagation, context } from '@opentelemetry/api';
 * import { BAGGAGE_USER_ID } from '@llm-trace/core/extend';
 * propagation.getBaggage(context.active())?.getEntry(BAGGAGE_USER_ID)?.value;
 * ```
 */
export const BAGGAGE_USER_ID = 'gen_ai.user.id';

function checkOptions(options: SessionOptions): void {
  if (options === null || typeof options !== 'object') throw new TypeError('llm-trace withSession(): expected an options object');
  for (const name of ['sessionId', 'userId'] as const) {
    const v = options[name];
    if (v !== undefined && typeof v !== 'string') throw new TypeError(`llm-trace withSession(): option "${name}" must be a string`);
  }
  if (options.metadata !== undefined && (options.metadata === null || typeof options.metadata !== 'object' || Array.isArray(options.metadata))) {
    throw new TypeError('llm-trace withSession(): option "metadata" must be a plain object');
  }
  if (options.tags !== undefined && !(Array.isArray(options.tags) && options.tags.every((t) => typeof t === 'string'))) {
    throw new TypeError('llm-trace withSession(): option "tags" must be an array of strings');
  }
  if (options.propagate !== undefined && typeof options.propagate !== 'boolean') {
    throw new TypeError('llm-trace withSession(): option "propagate" must be a boolean');
  }
}

/**
 * The context `withSession(options, ...)` runs in: the parent session with `options` laid over it
 * field by field (metadata merges key by key; tags replace).
 *
 * @example
 * ```ts
 * import { context } from '@opentelemetry/api';
 * import { getSession, sessionContext } from '@llm-trace/core';
 * context.with(sessionContext({ sessionId: 's-1' }), () => getSession()?.sessionId); // 's-1'
 * ```
 */
export function sessionContext(options: SessionOptions, parent: Context = context.active()): Context {
  checkOptions(options);
  const prev = parent.getValue(SESSION_KEY) as SessionInfo | undefined;
  const next: SessionInfo = {
    sessionId: options.sessionId ?? prev?.sessionId,
    userId: options.userId ?? prev?.userId,
    metadata: options.metadata ? { ...prev?.metadata, ...options.metadata } : prev?.metadata,
    tags: options.tags ?? prev?.tags,
  };
  let ctx = parent.setValue(SESSION_KEY, next);
  if (options.propagate) {
    let bag = propagation.getBaggage(ctx) ?? propagation.createBaggage();
    if (next.sessionId !== undefined) bag = bag.setEntry(BAGGAGE_SESSION_ID, { value: next.sessionId });
    if (next.userId !== undefined) bag = bag.setEntry(BAGGAGE_USER_ID, { value: next.userId });
    ctx = propagation.setBaggage(ctx, bag);
  }
  return ctx;
}

/**
 * Runs `fn` inside a session: every span started inside — across `await`, timers and streams —
 * carries the session and user ids. Returns exactly what `fn` returns (sync stays sync, the same
 * promise comes back). Throws a `TypeError` naming the option when an option is invalid.
 *
 * @example
 * ```ts
 * import { withSession } from '@llm-trace/core';
 * const agent = async (q: string) => `answer to ${q}`;
 * const answer = await withSession({ sessionId: 'conv-42', userId: 'u-7', tags: ['beta'] }, () => agent('hi'));
 * ```
 */
export function withSession<R>(options: SessionOptions, fn: () => R): R {
  if (typeof fn !== 'function') throw new TypeError('llm-trace withSession(): expected a function as the second argument');
  const ctx = sessionContext(options);
  hasContextManager();
  return context.with(ctx, fn);
}

/**
 * The session in force for `ctx`: the one set by `withSession`, else the ids found in W3C
 * baggage (a session started by an upstream service), else `undefined`.
 *
 * @example
 * ```ts
 * import { getSession } from '@llm-trace/core';
 * getSession()?.sessionId;
 * ```
 */
export function getSession(ctx: Context = context.active()): SessionInfo | undefined {
  const s = ctx.getValue(SESSION_KEY) as SessionInfo | undefined;
  if (s) return s;
  const bag = propagation.getBaggage(ctx);
  if (!bag) return undefined;
  const sessionId = bag.getEntry(BAGGAGE_SESSION_ID)?.value;
  const userId = bag.getEntry(BAGGAGE_USER_ID)?.value;
  if (sessionId === undefined && userId === undefined) return undefined;
  return { sessionId, userId };
}

/**
 * True when `ctx` may hold a session (a `withSession` value or W3C baggage): two map reads, no
 * allocation, so the engine can skip `sessionAttributes` on every span outside a session.
 *
 * @example
 * ```ts
 * import { context } from '@opentelemetry/api';
 * import { mayHaveSession } from '@llm-trace/core/extend';
 * mayHaveSession(context.active()); // false outside withSession()
 * ```
 */
export function mayHaveSession(ctx: Context): boolean {
  return ctx.getValue(SESSION_KEY) !== undefined || propagation.getBaggage(ctx) !== undefined;
}

/**
 * The attributes a span started in `ctx` carries for its session (`gen_ai.session.id`,
 * `gen_ai.user.id`; with the OpenInference dialect also `session.id`, `user.id`, `metadata`,
 * `tag.tags`). Empty outside a session. Never throws.
 *
 * @example
 * ```ts
 * import { context, trace } from '@opentelemetry/api';
 * import { sessionAttributes } from '@llm-trace/core/extend';
 * trace.getActiveSpan()?.setAttributes(sessionAttributes(context.active()));
 * ```
 */
export function sessionAttributes(ctx: Context = context.active(), config: LlmTraceConfig = getConfig()): Attributes {
  try {
    const s = getSession(ctx);
    if (!s) return {};
    const sink = new AttributeSink(config);
    sink.value('gen_ai.session.id', s.sessionId);
    sink.value('gen_ai.user.id', s.userId);
    if (config.openinference) {
      sink.value('session.id', s.sessionId);
      sink.value('user.id', s.userId);
      if (s.metadata) sink.json('metadata', s.metadata);
      if (s.tags) sink.value('tag.tags', [...s.tags]);
    }
    return sink.attributes;
  } catch {
    return {};
  }
}
