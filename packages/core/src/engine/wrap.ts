/** The function wrappers: `withLlmSpan`, one per kind, and the immediate `traceLlmSpan`. */
import type { LlmSpanKind } from '@llm-trace/semconv';
import { llmSpanHandle, type LlmSpanHandle } from '../content';
import { getActiveSpanState, recordFirstToken } from '../state';
import type { LlmSpanOptions, SpanOptions } from './options';
import { runInSpan, tracedFunction } from './run';
import { resolveSpec, resolveSpecWith, type SpanSpec } from './span-spec';
import {
  AGENT_CAPTURE,
  CHAIN_CAPTURE,
  EMBEDDING_CAPTURE,
  ENTRY_CAPTURE,
  LLM_CAPTURE,
  RERANKER_CAPTURE,
  RETRIEVER_CAPTURE,
  STEP_CAPTURE,
  TASK_CAPTURE,
  TOOL_CAPTURE,
  type KindCapture,
} from '../capture/registry';

/**
 * Any function a wrapper accepts.
 * @example
 * ```ts
 * import type { AnyFunction } from '@llm-trace/core';
 * const f: AnyFunction = (a: number, b: string) => `${a}${b}`;
 * ```
 */
export type AnyFunction = (...args: any) => any;

/** Options for wrapping `F` as a span of kind `K`. */
type OptionsFor<K extends LlmSpanKind, F extends AnyFunction> = SpanOptions<K, Parameters<F>, Awaited<ReturnType<F>>>;

/**
 * A per-kind wrapper: `(fn)` or `(options, fn)`, returning exactly `fn`'s type.
 * @example
 * ```ts
 * import { withTool, type KindWrapper } from '@llm-trace/core';
 * const wrapTool: KindWrapper<'TOOL'> = withTool;
 * ```
 */
export interface KindWrapper<K extends LlmSpanKind> {
  <F extends AnyFunction>(fn: F): F;
  <F extends AnyFunction>(options: OptionsFor<K, F>, fn: F): F;
}

/** Wraps `fn` so each call runs inside a span described by `spec`; keeps `name` and `length`. */
export function wrapWithSpec<F extends AnyFunction>(spec: SpanSpec, fn: F): F {
  const wrapped = tracedFunction(spec, fn);
  Object.defineProperty(wrapped, 'name', { value: fn.name, configurable: true });
  Object.defineProperty(wrapped, 'length', { value: fn.length, configurable: true });
  return wrapped as unknown as F;
}

function checkFunction(fn: unknown, api: string): void {
  if (typeof fn !== 'function') throw new TypeError(`llm-trace ${api}(): argument "fn" must be a function, got ${fn === null ? 'null' : typeof fn}`);
}

function checkOptions(options: unknown, api: string): void {
  if (options === null || typeof options !== 'object') throw new TypeError(`llm-trace ${api}(): argument "options" must be an object`);
}

/**
 * Wraps `fn` in a span of any kind (`options.kind`, default CHAIN). Accepts `(fn)`,
 * `(options, fn)` or `(kind, fn)`; returns a function of exactly `fn`'s type.
 *
 * @example
 * ```ts
 * import { withLlmSpan } from '@llm-trace/core';
 * const retrieve = withLlmSpan({ kind: 'RETRIEVER', dataSource: 'kb' }, async (query: string) => [query]);
 * ```
 */
export function withLlmSpan<F extends AnyFunction>(fn: F): F;
export function withLlmSpan<F extends AnyFunction, K extends LlmSpanKind = LlmSpanKind>(options: K | LlmSpanOptions<K, Parameters<F>, Awaited<ReturnType<F>>>, fn: F): F;
export function withLlmSpan(optionsOrFn: unknown, maybeFn?: unknown): unknown {
  if (maybeFn === undefined && typeof optionsOrFn === 'function') return wrapWithSpec(resolveSpec(undefined, optionsOrFn.name), optionsOrFn as AnyFunction);
  checkFunction(maybeFn, 'withLlmSpan');
  const options = typeof optionsOrFn === 'string' ? { kind: optionsOrFn as LlmSpanKind } : optionsOrFn;
  checkOptions(options, 'withLlmSpan');
  const fn = maybeFn as AnyFunction;
  return wrapWithSpec(resolveSpec(options as LlmSpanOptions, fn.name), fn);
}

// Each per-kind wrapper carries its own kind's capture (adapter and writer) rather than looking
// the kind up at run time: an application that only imports `withTool` then bundles the tool
// capture alone, without the provider extraction of LLM spans.
function kindWrapper<K extends LlmSpanKind>(kind: K, api: string, capture: KindCapture<K>): KindWrapper<K> {
  const captureOf = (): KindCapture => capture as unknown as KindCapture;
  return function (optionsOrFn: unknown, maybeFn?: unknown): unknown {
    if (maybeFn === undefined && typeof optionsOrFn === 'function') return wrapWithSpec(resolveSpecWith({ kind }, optionsOrFn.name, captureOf), optionsOrFn as AnyFunction);
    checkFunction(maybeFn, api);
    checkOptions(optionsOrFn, api);
    const fn = maybeFn as AnyFunction;
    return wrapWithSpec(resolveSpecWith({ ...(optionsOrFn as SpanOptions), kind }, fn.name, captureOf), fn);
  } as KindWrapper<K>;
}

/**
 * Wraps a model call in an LLM span (`chat {model}`).
 * @example
 * ```ts
 * import { withLLM } from '@llm-trace/core';
 * const chat = withLLM({ model: 'gpt-4o', provider: 'openai' }, async (prompt: string) => `echo ${prompt}`);
 * ```
 */
export const withLLM: KindWrapper<'LLM'> = /* @__PURE__ */ kindWrapper('LLM', 'withLLM', LLM_CAPTURE);
/**
 * Wraps an embedding call in an EMBEDDING span.
 * @example
 * ```ts
 * import { withEmbedding } from '@llm-trace/core';
 * const embed = withEmbedding({ model: 'text-embedding-3-small' }, async (text: string) => [text.length]);
 * ```
 */
export const withEmbedding: KindWrapper<'EMBEDDING'> = /* @__PURE__ */ kindWrapper('EMBEDDING', 'withEmbedding', EMBEDDING_CAPTURE);
/**
 * Wraps a retrieval in a RETRIEVER span.
 * @example
 * ```ts
 * import { withRetriever } from '@llm-trace/core';
 * const search = withRetriever({ dataSource: 'kb' }, async (query: string) => [{ id: '1', content: query }]);
 * ```
 */
export const withRetriever: KindWrapper<'RETRIEVER'> = /* @__PURE__ */ kindWrapper('RETRIEVER', 'withRetriever', RETRIEVER_CAPTURE);
/**
 * Wraps a rerank call in a RERANKER span.
 * @example
 * ```ts
 * import { withReranker } from '@llm-trace/core';
 * const rerank = withReranker({ model: 'bge-reranker' }, async (query: string, docs: string[]) => docs);
 * ```
 */
export const withReranker: KindWrapper<'RERANKER'> = /* @__PURE__ */ kindWrapper('RERANKER', 'withReranker', RERANKER_CAPTURE);
/**
 * Wraps a tool in a TOOL span (`execute_tool {name}`).
 * @example
 * ```ts
 * import { withTool } from '@llm-trace/core';
 * const weather = withTool({ description: 'Weather by city' }, async function weather(city: string) { return `${city}: sunny`; });
 * ```
 */
export const withTool: KindWrapper<'TOOL'> = /* @__PURE__ */ kindWrapper('TOOL', 'withTool', TOOL_CAPTURE);
/**
 * Wraps an agent run in an AGENT span (`invoke_agent {name}`).
 * @example
 * ```ts
 * import { withAgent } from '@llm-trace/core';
 * const planner = withAgent({ name: 'planner' }, async (task: string) => `plan for ${task}`);
 * ```
 */
export const withAgent: KindWrapper<'AGENT'> = /* @__PURE__ */ kindWrapper('AGENT', 'withAgent', AGENT_CAPTURE);
/**
 * Wraps a pipeline in a CHAIN span (`chain {name}`).
 * @example
 * ```ts
 * import { withChain } from '@llm-trace/core';
 * const answer = withChain(async function answer(q: string) { return q; });
 * ```
 */
export const withChain: KindWrapper<'CHAIN'> = /* @__PURE__ */ kindWrapper('CHAIN', 'withChain', CHAIN_CAPTURE);
/**
 * Wraps a unit of work in a TASK span (`run_task {name}`).
 * @example
 * ```ts
 * import { withTask } from '@llm-trace/core';
 * const parse = withTask({ name: 'parse' }, (raw: string) => raw.split(','));
 * ```
 */
export const withTask: KindWrapper<'TASK'> = /* @__PURE__ */ kindWrapper('TASK', 'withTask', TASK_CAPTURE);
/**
 * Wraps the entry point of an AI application in an ENTRY span.
 * @example
 * ```ts
 * import { withEntry } from '@llm-trace/core';
 * const handle = withEntry(async (question: string) => `answer to ${question}`);
 * ```
 */
export const withEntry: KindWrapper<'ENTRY'> = /* @__PURE__ */ kindWrapper('ENTRY', 'withEntry', ENTRY_CAPTURE);
/**
 * Wraps one reasoning round of an agent in a STEP span (`react step`).
 * @example
 * ```ts
 * import { withStep } from '@llm-trace/core';
 * const step = withStep(async (round: number) => round + 1);
 * ```
 */
export const withStep: KindWrapper<'STEP'> = /* @__PURE__ */ kindWrapper('STEP', 'withStep', STEP_CAPTURE);

/**
 * Runs `callback` now, inside a span, passing the span's handle; returns what `callback`
 * returns (sync stays sync, a promise or stream keeps the span open until it settles).
 *
 * @example
 * ```ts
 * import { traceLlmSpan } from '@llm-trace/core';
 * const total = traceLlmSpan({ kind: 'TASK', name: 'sum' }, (span) => {
 *   span.setAttributes({ 'app.items': 3 });
 *   return 1 + 2;
 * });
 * ```
 */
export function traceLlmSpan<R>(options: LlmSpanKind | LlmSpanOptions, callback: (span: LlmSpanHandle) => R): R {
  checkFunction(callback, 'traceLlmSpan');
  const resolved = typeof options === 'string' ? { kind: options } : options;
  checkOptions(resolved, 'traceLlmSpan');
  const spec = resolveSpec(resolved, (resolved as LlmSpanOptions).name ?? callback.name);
  return runInSpan(spec, () => callback(llmSpanHandle(getActiveSpanState(), recordFirstToken)), undefined, []) as R;
}
