import type { AttributeDefinition } from './model-types';
import { SEMCONV_MODEL } from './generated/model';
import { SPAN_KIND_NAMING } from './generated/kind-naming';
import type { LlmSpanKind } from './generated/enums';

let attributesByKey: ReadonlyMap<string, AttributeDefinition> | undefined;

/**
 * The model's definition of an attribute key, or `undefined` when the model does not know it.
 *
 * @example
 * const type = getAttributeDefinition('gen_ai.usage.input_tokens')?.type; // 'int'
 */
export function getAttributeDefinition(key: string): AttributeDefinition | undefined {
  // Built on first use so that importing a constant costs nothing.
  attributesByKey ??= new Map(SEMCONV_MODEL.attributes.map((a) => [a.key, a]));
  return attributesByKey.get(key);
}

/**
 * True when `value` is one of the ten LLM span kinds (exact, upper-case spelling).
 *
 * @example
 * const fromConfig: unknown = 'TOOL';
 * const operation = isLlmSpanKind(fromConfig) ? SPAN_KIND_DEFINITIONS[fromConfig].operationName : undefined;
 */
export function isLlmSpanKind(value: unknown): value is LlmSpanKind {
  // The naming table, not the definitions: checking a kind should not pull the attribute tables.
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SPAN_KIND_NAMING, value);
}
