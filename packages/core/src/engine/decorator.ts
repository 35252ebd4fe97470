/**
 * `@llmSpan`: one method decorator for both TypeScript decorator modes, told apart at run time
 * by its arguments (legacy: `(target, key, descriptor)`; TC39: `(method, context)`).
 */
import type { LlmSpanKind } from '@llm-trace/semconv';
import type { LlmSpanOptions } from './options';
import { resolveSpec } from './span-spec';
import { wrapWithSpec, type AnyFunction } from './wrap';

/**
 * The metadata key under which `@llmSpan` records its options on the wrapped method
 * (`Reflect.getMetadata(LLM_SPAN_METADATA_KEY, Class.prototype.method)`) when `reflect-metadata`
 * is loaded, and in TC39 `context.metadata[LLM_SPAN_METADATA_KEY][methodName]`.
 *
 * @example
 * ```ts
 * import { LLM_SPAN_METADATA_KEY } from '@llm-trace/core';
 * const key: string = LLM_SPAN_METADATA_KEY; // 'llm-trace:span'
 * ```
 */
export const LLM_SPAN_METADATA_KEY = 'llm-trace:span';

/**
 * A decorator usable in both modes (what `llmSpan(...)` returns).
 * @example
 * ```ts
 * import { llmSpan, type LlmSpanDecorator } from '@llm-trace/core';
 * const traced: LlmSpanDecorator = llmSpan('TOOL');
 * ```
 */
export interface LlmSpanDecorator {
  /** Legacy `experimentalDecorators` form. */
  <T>(target: object, propertyKey: string | symbol, descriptor: TypedPropertyDescriptor<T>): TypedPropertyDescriptor<T> | void;
  /** TC39 standard form. */
  <This, Args extends any[], R>(
    method: (this: This, ...args: Args) => R,
    context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => R>,
  ): (this: This, ...args: Args) => R;
}

interface ReflectMetadataApi {
  getOwnMetadataKeys?(target: object): unknown[];
  getOwnMetadata?(key: unknown, target: object): unknown;
  defineMetadata?(key: unknown, value: unknown, target: object): void;
}

/** Copies every reflect-metadata entry of `from` to `to`, keeping entries `to` already has. */
function copyMetadata(from: object, to: object, options: LlmSpanOptions): void {
  const R = Reflect as unknown as ReflectMetadataApi;
  if (typeof R.getOwnMetadataKeys !== 'function' || typeof R.defineMetadata !== 'function' || typeof R.getOwnMetadata !== 'function') return;
  const existing = new Set(R.getOwnMetadataKeys(to));
  for (const key of R.getOwnMetadataKeys(from)) {
    if (!existing.has(key)) R.defineMetadata(key, R.getOwnMetadata(key, from), to);
  }
  R.defineMetadata(LLM_SPAN_METADATA_KEY, options, to);
}

function isTc39Context(v: unknown): v is ClassMethodDecoratorContext {
  return typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string' && 'name' in v;
}

/**
 * Method decorator: each call of the method runs inside a span. Takes a kind or options
 * (`name` defaults to the method's name). Works on instance and static methods, under legacy
 * `experimentalDecorators` and TC39 decorators; carries other decorators' `reflect-metadata`
 * entries to the wrapper whichever order they run in, and records its own options under
 * `LLM_SPAN_METADATA_KEY`.
 *
 * @example
 * ```ts
 * import { llmSpan } from '@llm-trace/core';
 * class Rag {
 *   @llmSpan({ kind: 'RETRIEVER', dataSource: 'kb' })
 *   async retrieve(query: string): Promise<string[]> { return [query]; }
 * }
 * ```
 */
export function llmSpan(kindOrOptions?: LlmSpanKind | LlmSpanOptions): LlmSpanDecorator {
  const options: LlmSpanOptions =
    kindOrOptions === undefined ? {} : typeof kindOrOptions === 'string' ? { kind: kindOrOptions } : kindOrOptions;
  if (options === null || typeof options !== 'object') throw new TypeError('llm-trace @llmSpan(): argument must be a span kind or an options object');

  function decorate(targetOrMethod: unknown, keyOrContext: unknown, descriptor?: PropertyDescriptor): unknown {
    if (isTc39Context(keyOrContext)) {
      if (keyOrContext.kind !== 'method' || typeof targetOrMethod !== 'function') {
        throw new TypeError(`llm-trace @llmSpan: only methods can be decorated, not a ${keyOrContext.kind}`);
      }
      const methodName = String(keyOrContext.name);
      const wrapped = wrapWithSpec(resolveSpec(options, methodName), targetOrMethod as AnyFunction);
      copyMetadata(targetOrMethod, wrapped, options);
      const meta = (keyOrContext as { metadata?: Record<PropertyKey, unknown> }).metadata;
      if (meta && typeof meta === 'object') {
        const own = Object.prototype.hasOwnProperty.call(meta, LLM_SPAN_METADATA_KEY)
          ? (meta[LLM_SPAN_METADATA_KEY] as Record<string, LlmSpanOptions>)
          : (meta[LLM_SPAN_METADATA_KEY] = { ...((meta[LLM_SPAN_METADATA_KEY] as object | undefined) ?? {}) } as Record<string, LlmSpanOptions>);
        own[methodName] = options;
      }
      return wrapped;
    }
    if (!descriptor || typeof descriptor.value !== 'function') {
      throw new TypeError(`llm-trace @llmSpan: only methods can be decorated ("${String(keyOrContext)}" is not a method)`);
    }
    const original = descriptor.value as AnyFunction;
    const wrapped = wrapWithSpec(resolveSpec(options, String(keyOrContext)), original);
    copyMetadata(original, wrapped, options);
    descriptor.value = wrapped;
    return descriptor;
  }
  return decorate as LlmSpanDecorator;
}
