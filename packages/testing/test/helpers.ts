import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { Attributes, Span } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { SEMCONV_MODEL, SPAN_KIND_DEFINITIONS, getAttributeDefinition } from '@llm-trace/semconv';
import type { LlmSpanKind } from '@llm-trace/semconv';
import type { TestTracing } from '../src/index';

export const OTEL_KIND = { CLIENT: SpanKind.CLIENT, INTERNAL: SpanKind.INTERNAL } as const;

/** Attributes that satisfy every `required` key of `kind`, from the model's own examples. */
export function requiredAttributes(kind: LlmSpanKind): Attributes {
  const def = SPAN_KIND_DEFINITIONS[kind];
  const attrs: Attributes = {};
  for (const a of def.attributes) {
    if (a.level !== 'required') continue;
    const example = getAttributeDefinition(a.key)!.example;
    attrs[a.key] = example as Attributes[string];
  }
  attrs['gen_ai.span.kind'] = kind;
  if ('gen_ai.operation.name' in attrs || def.attributes.some((a) => a.key === 'gen_ai.operation.name')) {
    attrs['gen_ai.operation.name'] = def.operationName;
  }
  return attrs;
}

/** The conformant name for a span with these attributes: the fallback unless the detail is set. */
export function conformantName(kind: LlmSpanKind, attrs: Attributes): string {
  const def = SPAN_KIND_DEFINITIONS[kind];
  const op = String(attrs['gen_ai.operation.name'] ?? def.operationName);
  const resolved = def.spanNamePattern.replace(/\{([^}]+)\}/g, (_m, p: string) => {
    if (p === 'operation') return op;
    const key = p === 'name' ? def.entityNameKey : p;
    const v = key === undefined ? undefined : attrs[key];
    return v === undefined ? '\u0000' : String(v);
  });
  return resolved.includes('\u0000') ? def.spanNameFallback.replace('{operation}', op) : resolved;
}

export interface SpanSpec {
  kind?: LlmSpanKind;
  name?: string;
  attributes?: Attributes;
  otelKind?: SpanKind;
  error?: boolean;
}

/** Records one finished span through the real SDK and returns it. */
export function recordSpan(tracing: TestTracing, spec: SpanSpec, parent?: Span): ReadableSpan {
  const kind = spec.kind;
  const attributes = { ...(kind === undefined ? {} : requiredAttributes(kind)), ...spec.attributes };
  const name = spec.name ?? (kind === undefined ? 'plain' : conformantName(kind, attributes));
  const otelKind = spec.otelKind ?? (kind === undefined ? SpanKind.INTERNAL : OTEL_KIND[SPAN_KIND_DEFINITIONS[kind].otelSpanKind]);
  const ctx = parent === undefined ? context.active() : trace.setSpan(context.active(), parent);
  const span = tracing.tracer().startSpan(name, { kind: otelKind, attributes }, ctx);
  if (spec.error === true) span.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
  span.end();
  const spans = tracing.getSpans();
  return spans[spans.length - 1]!;
}

/** Starts a span to parent others; the caller ends it. */
export function openSpan(tracing: TestTracing, spec: SpanSpec, parent?: Span): Span {
  const kind = spec.kind;
  const attributes = { ...(kind === undefined ? {} : requiredAttributes(kind)), ...spec.attributes };
  const name = spec.name ?? (kind === undefined ? 'plain' : conformantName(kind, attributes));
  const otelKind = kind === undefined ? SpanKind.INTERNAL : OTEL_KIND[SPAN_KIND_DEFINITIONS[kind].otelSpanKind];
  const ctx = parent === undefined ? context.active() : trace.setSpan(context.active(), parent);
  return tracing.tracer().startSpan(name, { kind: otelKind, attributes }, ctx);
}

export const ALL_KINDS = SEMCONV_MODEL.kinds.map((k) => k.kind as LlmSpanKind);
