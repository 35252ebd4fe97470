/**
 * What the validator reports. Rule ids are stable strings so CI output can be grepped and
 * suppressed by rule.
 */

/**
 * Every rule the validator checks, by id.
 *
 * @example
 * import { ConformanceRule } from '@llm-trace/testing';
 * const isTypeProblem = (rule: string) => rule === ConformanceRule.ATTRIBUTE_TYPE;
 */
export const ConformanceRule = {
  /** The span has no `gen_ai.span.kind`, or one outside the ten kinds. */
  SPAN_KIND: 'span-kind',
  /** A key the kind requires is missing. */
  REQUIRED_ATTRIBUTE: 'required-attribute',
  /** A conditionally required key is missing although its condition holds on the span. */
  CONDITIONAL_ATTRIBUTE: 'conditional-attribute',
  /** A value has the wrong type (int vs double vs string vs string[] ...). */
  ATTRIBUTE_TYPE: 'attribute-type',
  /** A value is outside a closed enumeration. */
  ENUM_VALUE: 'enum-value',
  /** `gen_ai.operation.name` belongs to another kind. */
  OPERATION_NAME: 'operation-name',
  /** A JSON-string attribute does not parse. */
  JSON_PARSE: 'json-parse',
  /** A JSON-string attribute parses but breaks its schema. */
  JSON_SCHEMA: 'json-schema',
  /** The span name does not follow the kind's pattern. */
  SPAN_NAME: 'span-name',
  /** The OTel SpanKind differs from the kind's default. */
  OTEL_SPAN_KIND: 'otel-span-kind',
  /** A `gen_ai.*` key the conventions do not define (often a typo). */
  UNKNOWN_ATTRIBUTE: 'unknown-attribute',
  /** A key the conventions deprecate. */
  DEPRECATED_ATTRIBUTE: 'deprecated-attribute',
  /** A value the conventions say to leave out (e.g. `gen_ai.request.choice.count` = 1). */
  REDUNDANT_VALUE: 'redundant-value',
  /** A STEP span whose nearest LLM ancestor is not an AGENT. */
  STEP_PARENT: 'step-parent',
  /** An ENTRY span below another span of the same service. */
  ENTRY_ROOT: 'entry-root',
  /** The input is not a span at all (no span id, no name). */
  MALFORMED_SPAN: 'malformed-span',
} as const;

/** A rule id, one of the values of `ConformanceRule`. */
export type ConformanceRule = (typeof ConformanceRule)[keyof typeof ConformanceRule];

/**
 * How serious a finding is: an `error` breaks the conventions; a `warning` is allowed but
 * probably not meant (a span name override, a custom value).
 *
 * @example
 * import type { FindingLevel } from '@llm-trace/testing';
 * const failOn: FindingLevel = 'error';
 */
export type FindingLevel = 'error' | 'warning';

/**
 * One thing the validator found wrong with one span.
 *
 * @example
 * import type { ConformanceFinding } from '@llm-trace/testing';
 * const line = (f: ConformanceFinding) => `${f.level} ${f.spanName} ${f.key ?? ''} [${f.rule}] ${f.message}`;
 */
export interface ConformanceFinding {
  /** Hex span id (empty when the input had none). */
  readonly spanId: string;
  readonly spanName: string;
  /** The attribute the finding is about, when it is about one. */
  readonly key?: string;
  readonly rule: ConformanceRule;
  readonly level: FindingLevel;
  /** What is wrong, in words a user can act on. */
  readonly message: string;
}
