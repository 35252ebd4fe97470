/**
 * The shape of the spec model: what `model/semconv.yaml` holds once parsed, and what
 * `SEMCONV_MODEL` exports. The generator, the docs table, core and the conformance
 * validator all read this one structure, so it is the contract between them.
 */

/** How an attribute's value is typed on the wire (OTel attribute value types). */
export type AttributeValueType =
  | 'string'
  | 'int'
  | 'double'
  | 'boolean'
  | 'string[]'
  | 'int[]'
  | 'double[]';

/**
 * The JSON document a string attribute carries, when it carries one.
 * `any` means "a JSON value with no schema"; the others name the OTel GenAI schemas
 * (and the Alibaba rerank-document shape).
 */
export type JsonSchemaName =
  | 'input_messages'
  | 'output_messages'
  | 'system_instructions'
  | 'tool_definitions'
  | 'retrieval_documents'
  | 'rerank_documents'
  | 'multimodal_metadata'
  | 'any';

/** Requirement level of an attribute on one span kind. */
export type RequirementLevel = 'required' | 'conditionally_required' | 'recommended' | 'opt_in';

/** Which output dialect writes the attribute (the default keys, or also the OpenInference ones). */
export type Dialect = 'llm-trace' | 'openinference';

/** Stability as the source marks it; `development` becomes `@experimental` in JSDoc. */
export type Stability = 'stable' | 'development' | 'deprecated';

/** Where a key comes from: the Alibaba 2026 edition, OTel GenAI v1.41, OpenInference, or us. */
export type SpecSource = 'alibaba' | 'otel' | 'openinference' | 'llm-trace';

/** One attribute key, as registered once for the whole model. */
export interface AttributeDefinition {
  /** The attribute key, e.g. `gen_ai.usage.input_tokens`. */
  readonly key: string;
  /** The exported constant, derived from the key: `ATTR_GEN_AI_USAGE_INPUT_TOKENS`. */
  readonly constName: string;
  readonly type: AttributeValueType;
  /** Set when a `string` value must parse as this JSON document. */
  readonly json?: JsonSchemaName;
  /** One line, in our own words. */
  readonly brief: string;
  /** An example value, as it would appear on a span. */
  readonly example: string | number | boolean | readonly string[] | readonly number[];
  readonly dialect: Dialect;
  readonly stability: Stability;
  readonly sources: readonly SpecSource[];
  /** Name of the enum (in `SemconvModel.enums`) whose values this attribute takes. */
  readonly enum?: string;
  /** Unit for numeric values: `ns`, `ms`, `s`, `{token}`. */
  readonly unit?: string;
  /** True when the value is user content, gated by content capture. */
  readonly content?: boolean;
  /** Deprecation note, when `stability` is `deprecated`. */
  readonly deprecated?: string;
  /**
   * True when the key is an OpenInference flattening prefix: it never carries a value itself;
   * values live at `<key>.<i>.<suffix>` (e.g. `llm.input_messages.0.message.role`).
   */
  readonly prefix?: boolean;
}

/** An attribute as one span kind uses it. */
export interface KindAttribute {
  readonly key: string;
  readonly level: RequirementLevel;
  /** For conditional requirements: when it applies, in words. */
  readonly condition?: string;
}

/** Everything llm-trace writes for one span kind. */
export interface SpanKindDefinition {
  /** CHAIN, LLM, ... */
  readonly kind: string;
  readonly brief: string;
  /** The operation name written by default. */
  readonly operationName: string;
  /** Every operation name this kind may carry (the default first). */
  readonly operationNames: readonly string[];
  /** OTel SpanKind. */
  readonly otelSpanKind: 'CLIENT' | 'INTERNAL';
  /**
   * Span-name pattern, with `{attribute.key}` or `{name}` placeholders,
   * e.g. `chat {gen_ai.request.model}`; `{operation}` stands for the operation name.
   */
  readonly spanNamePattern: string;
  /** The span name when the detail is unknown (the bare operation name, or a fixed name). */
  readonly spanNameFallback: string;
  /** The attribute that names the entity (`gen_ai.tool.name`, ...), when the kind has one. */
  readonly entityNameKey?: string;
  /** The kind's attributes in the default (`llm-trace`) dialect, with levels. */
  readonly attributes: readonly KindAttribute[];
  /** The OpenInference span kind. */
  readonly openinferenceKind: string;
}

/**
 * The part of a span kind's definition that names its spans (`SPAN_KIND_NAMING`), without the
 * attribute tables.
 *
 * @example
 * const naming: SpanKindNaming = { kind: 'TASK', operationName: 'run_task', operationNames: ['run_task'], otelSpanKind: 'INTERNAL', spanNamePattern: 'run_task {name}', spanNameFallback: 'run_task' };
 */
export type SpanKindNaming = Pick<SpanKindDefinition, 'kind' | 'operationName' | 'operationNames' | 'otelSpanKind' | 'spanNamePattern' | 'spanNameFallback'>;

/** One member of an enumeration. */
export interface EnumMember {
  readonly value: string;
  /** The exported constant, e.g. `GEN_AI_OPERATION_NAME_VALUE_CHAT`. */
  readonly constName: string;
  readonly brief: string;
  readonly stability: Stability;
}

/** A closed or open set of values. */
export interface EnumDefinition {
  /** Enum name, e.g. `gen_ai.operation.name`, or `llm_span_kind`. */
  readonly name: string;
  readonly brief: string;
  /** True when the spec allows values outside the list (e.g. custom operation names). */
  readonly allowCustomValues: boolean;
  readonly members: readonly EnumMember[];
}

/** The whole model. */
export interface SemconvModel {
  /** Version of the model file. */
  readonly version: string;
  /** The sources the model was built from, with their editions. */
  readonly sources: Readonly<Record<SpecSource, string>>;
  readonly attributes: readonly AttributeDefinition[];
  readonly enums: readonly EnumDefinition[];
  readonly kinds: readonly SpanKindDefinition[];
  /** Resource attributes (`service.name`, `acs.arms.service.feature`, ...) with levels. */
  readonly resource: readonly KindAttribute[];
}
