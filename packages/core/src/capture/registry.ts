/**
 * The one place the engine looks up how to turn a call into content (`getAdapter`) and how to
 * write it (`getWriter`). The engine knows nothing about providers or attribute keys; swapping
 * the content layer is a change to the two bindings below.
 */
import type { ContentWriter, KindAdapter } from '../contracts';
import type { KindName } from '../content/types';
import { CONTENT_ADAPTERS, contentWriter } from '../content';

const ADAPTERS: { readonly [K in KindName]: KindAdapter<K> } = CONTENT_ADAPTERS;
const WRITER: ContentWriter = contentWriter;

/**
 * The adapter that turns a call of `kind` into content.
 *
 * @example
 * ```ts
 * import { getAdapter } from '@llm-trace/core/extend';
 * getAdapter('TOOL').input?.([{ q: 'otel' }]);
 * ```
 */
export function getAdapter<K extends KindName>(kind: K): KindAdapter<K> {
  return ADAPTERS[kind] as KindAdapter<K>;
}

/**
 * The writer every content write goes through.
 *
 * @example
 * ```ts
 * import { getWriter } from '@llm-trace/core/extend';
 * const writer = getWriter();
 * ```
 */
export function getWriter(): ContentWriter {
  return WRITER;
}
