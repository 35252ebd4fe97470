/**
 * Everything about a span that depends only on the options, computed once when a function is
 * wrapped so each call pays for a couple of property reads.
 */
import { diag, SpanKind, type Attributes, type SpanOptions as OtelSpanOptions } from '@opentelemetry/api';
import { ATTR_GEN_AI_OPERATION_NAME, ATTR_GEN_AI_SPAN_KIND, SPAN_KIND_NAMING, type LlmSpanKind } from '@llm-trace/semconv';
import type { LlmTraceConfig } from '../config';
import { withCaptureContent } from '../content/writer';
import { captureFor, type KindCapture } from '../capture/registry';
import type { ContentWriter, KindAdapter } from '../contracts';
import type { ContentFor } from '../content/types';
import type { LlmSpanOptions } from './options';
import { validateSpanOptions } from '../validate-options';

/** A resolved wrapper configuration. */
export interface SpanSpec {
  readonly kind: LlmSpanKind;
  readonly spanName: string;
  /** True when the span name could still gain a detail (a model) from the arguments. */
  readonly nameOpen: boolean;
  readonly operation: string;
  readonly startOptions: OtelSpanOptions;
  /** Content known from the options alone, written at start. */
  readonly staticContent: ContentFor<LlmSpanKind> | undefined;
  readonly options: LlmSpanOptions;
  /** Turns this span's calls into content (the kind's adapter). */
  readonly adapter: KindAdapter;
  /** Every content write on this span goes through it. */
  readonly writer: ContentWriter;
  /**
   * The start options with the static content's attributes folded in, for one config (cached
   * per config object, so the options' names and models are redacted and mapped once).
   */
  startOptionsFor(config: LlmTraceConfig): OtelSpanOptions;
  /** `config` with this span's own `captureContent` override applied (cached per config object). */
  configFor(config: LlmTraceConfig): LlmTraceConfig;
}

const warnedKinds = new Set<string>();

function resolveKind(kind: unknown): LlmSpanKind {
  if (kind === undefined) return 'CHAIN';
  if (typeof kind === 'string' && Object.prototype.hasOwnProperty.call(SPAN_KIND_NAMING, kind)) return kind as LlmSpanKind;
  const label = typeof kind === 'string' ? kind : String(typeof kind);
  if (!warnedKinds.has(label)) {
    warnedKinds.add(label);
    diag.warn(`llm-trace: unknown span kind "${label}"; the span is recorded as CHAIN`);
  }
  return 'CHAIN';
}

type SpanNameDetails = { name?: string; model?: string; dataSource?: string };

/** Where each placeholder of the span name patterns takes its value from. */
const PLACEHOLDER_FIELDS: ReadonlyMap<string, 'operation' | keyof SpanNameDetails> = new Map([
  ['operation', 'operation'],
  ['name', 'name'],
  ['gen_ai.request.model', 'model'],
  ['reranker.model_name', 'model'],
  ['gen_ai.data_source.id', 'dataSource'],
  ['gen_ai.tool.name', 'name'],
  ['gen_ai.agent.name', 'name'],
]);

/** A span name pattern split into its text pieces and, between them, the detail each placeholder reads. */
interface SplitPattern {
  readonly texts: readonly string[];
  readonly fields: readonly ('operation' | keyof SpanNameDetails | undefined)[];
}

// The span name patterns are few and fixed, and a span whose model comes from the arguments is
// named on every call: each kind's pattern is split once, so naming is a loop over a few pieces
// rather than a regex replace, and no table of every placeholder's value is built per call.
const SPLIT_PATTERNS = new Map<LlmSpanKind, SplitPattern>();

function splitPattern(kind: LlmSpanKind): SplitPattern {
  let split = SPLIT_PATTERNS.get(kind);
  if (!split) {
    const parts = SPAN_KIND_NAMING[kind].spanNamePattern.split(/\{([^}]+)\}/);
    const texts: string[] = [];
    const fields: ('operation' | keyof SpanNameDetails | undefined)[] = [];
    parts.forEach((part, i) => (i % 2 === 0 ? texts.push(part) : fields.push(PLACEHOLDER_FIELDS.get(part))));
    split = { texts, fields };
    SPLIT_PATTERNS.set(kind, split);
  }
  return split;
}

/** The span name for `kind`, from whatever details are known; undefined while a placeholder has no value. */
export function spanNameFor(kind: LlmSpanKind, operation: string, details: SpanNameDetails): string | undefined {
  const { texts, fields } = splitPattern(kind);
  let out = texts[0]!;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const v = field === 'operation' ? operation : field === undefined ? undefined : details[field];
    if (v === undefined || v === '') return undefined;
    out += v + texts[i + 1]!;
  }
  return out;
}

function staticContentFor(kind: LlmSpanKind, o: LlmSpanOptions, name: string | undefined, operation: string): ContentFor<LlmSpanKind> | undefined {
  const c: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => {
    if (v !== undefined) c[k] = v;
  };
  switch (kind) {
    case 'LLM':
      put('operation', o.operation ? operation : undefined);
      put('model', o.model);
      put('provider', o.provider);
      break;
    case 'EMBEDDING':
    case 'RERANKER':
      put('model', o.model);
      put('provider', o.provider);
      break;
    case 'RETRIEVER':
      put('dataSource', o.dataSource);
      put('provider', o.provider);
      break;
    case 'TOOL':
      put('name', name);
      put('description', o.description);
      break;
    case 'AGENT':
      put('operation', o.operation ? operation : undefined);
      put('name', name);
      put('id', o.id);
      put('description', o.description);
      put('model', o.model);
      put('provider', o.provider);
      break;
    case 'CHAIN':
    case 'TASK':
      put('name', name);
      break;
  }
  return Object.keys(c).length ? (c as ContentFor<LlmSpanKind>) : undefined;
}

/**
 * Validates and resolves options; `fallbackName` is the function's or method's name. The
 * kind's capture comes from the full registry (the kind is known only at run time).
 */
export function resolveSpec(options: LlmSpanOptions | undefined, fallbackName: string | undefined): SpanSpec {
  return resolveSpecWith(options, fallbackName, captureFor);
}

/**
 * `resolveSpec` with the capture `captureOf` hands back for the resolved kind: a per-kind
 * wrapper passes its own kind's, so its bundle does not reach the other kinds' extraction.
 */
export function resolveSpecWith(options: LlmSpanOptions | undefined, fallbackName: string | undefined, captureOf: (kind: LlmSpanKind) => KindCapture): SpanSpec {
  const o: LlmSpanOptions = validateSpanOptions(options ?? {}, 'options');
  if (o.name !== undefined && typeof o.name !== 'string') throw new TypeError('llm-trace: option "name" must be a string');
  if (o.spanName !== undefined && typeof o.spanName !== 'string') throw new TypeError('llm-trace: option "spanName" must be a string');
  if (o.mapInput !== undefined && typeof o.mapInput !== 'function') throw new TypeError('llm-trace: option "mapInput" must be a function');
  if (o.mapOutput !== undefined && typeof o.mapOutput !== 'function') throw new TypeError('llm-trace: option "mapOutput" must be a function');
  if (o.attributes !== undefined && (o.attributes === null || typeof o.attributes !== 'object')) throw new TypeError('llm-trace: option "attributes" must be an object');
  const kind = resolveKind(o.kind);
  const def = SPAN_KIND_NAMING[kind];
  const capture = captureOf(kind);
  const operation = o.operation && def.operationNames.includes(o.operation) ? o.operation : def.operationName;
  if (o.operation && operation !== o.operation) diag.warn(`llm-trace: option "operation" "${o.operation}" is not valid for ${kind}; using "${operation}"`);
  const name = o.name || fallbackName || undefined;
  const details = { name, model: o.model, dataSource: o.dataSource };
  const built = spanNameFor(kind, operation, details);
  const spanName = o.spanName ?? built ?? def.spanNameFallback.replace('{operation}', operation);
  const nameOpen = o.spanName === undefined && built === undefined && def.spanNamePattern.includes('model');
  const attributes: Attributes = { [ATTR_GEN_AI_SPAN_KIND]: kind, [ATTR_GEN_AI_OPERATION_NAME]: operation };
  const otelKind = o.otelSpanKind ?? (def.otelSpanKind === 'CLIENT' ? SpanKind.CLIENT : SpanKind.INTERNAL);
  const startOptions: OtelSpanOptions = { kind: otelKind, attributes };
  const staticContent = staticContentFor(kind, o, name, operation);
  let cachedConfig: LlmTraceConfig | undefined;
  let overrideFor: LlmTraceConfig | undefined;
  let overridden: LlmTraceConfig | undefined;
  let cachedOptions: OtelSpanOptions = startOptions;
  return {
    kind,
    spanName,
    nameOpen,
    operation,
    startOptions,
    staticContent,
    options: o,
    adapter: capture.adapter,
    writer: capture.writer,
    startOptionsFor(config) {
      // The OpenInference dialect's span kind goes in at start too: with capture off a span may
      // see no other write to carry it.
      if (staticContent === undefined && !config.openinference) return startOptions;
      if (config !== cachedConfig) {
        cachedConfig = config;
        cachedOptions = { kind: otelKind, attributes: { ...capture.attributes(kind, staticContent ?? {}, config), ...attributes } };
      }
      return cachedOptions;
    },
    configFor(config) {
      if (o.captureContent === undefined || o.captureContent === config.captureContent) return config;
      if (config !== overrideFor) {
        overrideFor = config;
        overridden = withCaptureContent(config, o.captureContent);
      }
      return overridden!;
    },
  };
}
