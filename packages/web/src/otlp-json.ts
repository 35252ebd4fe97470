/**
 * Encodes finished spans as an OTLP/JSON `ExportTraceServiceRequest` (the protobuf schema's JSON
 * mapping as the OTLP specification defines it: ids as hex, 64-bit integers as decimal strings,
 * enums as numbers). Small and dependency-free, so it bundles for any runtime.
 */
import type { AttributeValue, Attributes, HrTime, Link, SpanContext } from '@opentelemetry/api';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace-base';

/**
 * One OTLP `AnyValue`.
 *
 * @example
 * ```ts
 * import type { OtlpAnyValue } from '@llm-trace/web';
 * const v: OtlpAnyValue = { stringValue: 'qwen-plus' };
 * ```
 */
export type OtlpAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: number | string }
  | { doubleValue: number }
  | { arrayValue: { values: OtlpAnyValue[] } };

/**
 * One OTLP `KeyValue`.
 *
 * @example
 * ```ts
 * import type { OtlpKeyValue } from '@llm-trace/web';
 * const kv: OtlpKeyValue = { key: 'gen_ai.usage.input_tokens', value: { intValue: 12 } };
 * ```
 */
export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

function anyValue(value: unknown): OtlpAnyValue | undefined {
  switch (typeof value) {
    case 'string':
      return { stringValue: value };
    case 'boolean':
      return { boolValue: value };
    case 'number':
      // A safe integer as a JSON number, as OTel's own serializer writes it; larger ones as text.
      return Number.isSafeInteger(value) ? { intValue: value } : { doubleValue: value };
    case 'bigint':
      return { intValue: value.toString() };
    case 'object':
      if (Array.isArray(value)) {
        // OTel arrays may hold null/undefined slots; OTLP has an empty AnyValue for those.
        return { arrayValue: { values: value.map((v) => anyValue(v) ?? ({} as OtlpAnyValue)) } };
      }
      return undefined;
    default:
      return undefined;
  }
}

function keyValues(attributes: Attributes | undefined): OtlpKeyValue[] {
  const out: OtlpKeyValue[] = [];
  if (!attributes) return out;
  for (const key of Object.keys(attributes)) {
    const value = anyValue(attributes[key] as AttributeValue | undefined);
    if (value !== undefined) out.push({ key, value });
  }
  return out;
}

/** `[seconds, nanoseconds]` as a decimal string of nanoseconds since the epoch. */
function nanos(time: HrTime): string {
  return (BigInt(time[0]) * 1_000_000_000n + BigInt(time[1])).toString();
}

function event(e: TimedEvent) {
  return { timeUnixNano: nanos(e.time), name: e.name, attributes: keyValues(e.attributes), droppedAttributesCount: e.droppedAttributesCount ?? 0 };
}

/** W3C trace flags plus the OTLP bits saying whether the parent or linked span is remote. */
function flags(ctx: SpanContext, remote: boolean | undefined): number {
  return ctx.traceFlags | (remote ? 0x300 : 0x100);
}

function withTraceState<T extends Record<string, unknown>>(out: T, ctx: SpanContext): T {
  const state = ctx.traceState?.serialize();
  if (state) (out as Record<string, unknown>).traceState = state;
  return out;
}

function link(l: Link) {
  return withTraceState(
    {
      traceId: l.context.traceId,
      spanId: l.context.spanId,
      attributes: keyValues(l.attributes),
      droppedAttributesCount: l.droppedAttributesCount ?? 0,
      flags: flags(l.context, l.context.isRemote),
    },
    l.context,
  );
}

function parentId(parent: SpanContext | undefined): string | undefined {
  return parent?.spanId;
}

function span(s: ReadableSpan) {
  const ctx = s.spanContext();
  const out: Record<string, unknown> = {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    name: s.name,
    // OTLP numbers SPAN_KIND_UNSPECIFIED as 0, so every OTel SpanKind is one more.
    kind: s.kind + 1,
    startTimeUnixNano: nanos(s.startTime),
    endTimeUnixNano: nanos(s.endTime),
    attributes: keyValues(s.attributes),
    droppedAttributesCount: s.droppedAttributesCount,
    events: s.events.map(event),
    droppedEventsCount: s.droppedEventsCount,
    status: s.status.message === undefined ? { code: s.status.code } : { code: s.status.code, message: s.status.message },
    links: s.links.map(link),
    droppedLinksCount: s.droppedLinksCount,
    flags: flags(ctx, s.parentSpanContext?.isRemote),
  };
  withTraceState(out, ctx);
  const parent = parentId(s.parentSpanContext);
  if (parent) out.parentSpanId = parent;
  return out;
}

/**
 * The OTLP/JSON request body for `spans`, grouped by resource and instrumentation scope.
 *
 * @example
 * ```ts
 * import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
 * import { encodeOtlpJson } from '@llm-trace/web';
 * const body = JSON.stringify(encodeOtlpJson(new InMemorySpanExporter().getFinishedSpans()));
 * ```
 */
export function encodeOtlpJson(spans: readonly ReadableSpan[]): { resourceSpans: unknown[] } {
  const byResource = new Map<ReadableSpan['resource'], Map<string, { scope: ReadableSpan['instrumentationScope']; spans: unknown[] }>>();
  for (const s of spans) {
    let scopes = byResource.get(s.resource);
    if (!scopes) byResource.set(s.resource, (scopes = new Map()));
    const scope = s.instrumentationScope;
    const scopeKey = `${scope.name}\u0000${scope.version ?? ''}\u0000${scope.schemaUrl ?? ''}`;
    let group = scopes.get(scopeKey);
    if (!group) scopes.set(scopeKey, (group = { scope, spans: [] }));
    group.spans.push(span(s));
  }
  const resourceSpans: unknown[] = [];
  for (const [resource, scopes] of byResource) {
    resourceSpans.push({
      resource: { attributes: keyValues(resource.attributes), droppedAttributesCount: 0 },
      scopeSpans: [...scopes.values()].map(({ scope, spans: list }) => ({
        scope: { name: scope.name, version: scope.version ?? '' },
        spans: list,
        ...(scope.schemaUrl ? { schemaUrl: scope.schemaUrl } : {}),
      })),
      ...(resource.schemaUrl ? { schemaUrl: resource.schemaUrl } : {}),
    });
  }
  return { resourceSpans };
}
