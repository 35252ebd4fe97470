/**
 * One internal shape for every span the validator reads, whether it came from the OTel SDK
 * (`ReadableSpan`) or from an OTLP JSON export. Normalizing once keeps every rule oblivious to
 * where the span came from, and keeps the wire type of a number (OTLP `intValue` vs
 * `doubleValue`) so int-vs-double can be judged exactly when the source says it.
 */

/** An attribute value with the wire type the source gave it. */
export type RecordedValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'boolean'; readonly value: boolean }
  /** A JS number from the SDK: int or double cannot be told apart beyond `Number.isInteger`. */
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'array'; readonly value: readonly RecordedValue[] }
  | { readonly type: 'other'; readonly value: unknown };

/** OTel SpanKind by name (OTLP and the SDK number them differently). */
export type OtelSpanKindName = 'INTERNAL' | 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER' | 'UNSPECIFIED';

/** A span as the rules see it. */
export interface SpanRecord {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly name: string;
  readonly otelKind: OtelSpanKindName;
  readonly statusCode: 'UNSET' | 'OK' | 'ERROR';
  readonly attributes: ReadonlyMap<string, RecordedValue>;
  readonly resource: ReadonlyMap<string, RecordedValue>;
  readonly events: readonly string[];
  readonly startTimeUnixNano: bigint | undefined;
  /** Name of the instrumentation scope (the tracer) that made the span, when known. */
  readonly scope?: string;
}

const SDK_KINDS: readonly OtelSpanKindName[] = ['INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const OTLP_KINDS: readonly OtelSpanKindName[] = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Reads a property without letting a throwing getter escape. */
function get(o: unknown, key: string): unknown {
  if (!isObject(o)) return undefined;
  try {
    return o[key];
  } catch {
    return undefined;
  }
}

/** String(v) for values whose toString may be missing or throw (hostile or Long-like objects). */
function safeString(v: unknown): string | undefined {
  try {
    return String(v);
  } catch {
    return undefined;
  }
}

function asString(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Plain JS attribute value (SDK side) → RecordedValue. */
export function recordSdkValue(v: unknown): RecordedValue {
  if (typeof v === 'string') return { type: 'string', value: v };
  if (typeof v === 'boolean') return { type: 'boolean', value: v };
  if (typeof v === 'number') return { type: 'number', value: v };
  if (Array.isArray(v)) {
    const items: RecordedValue[] = [];
    for (let i = 0; i < v.length; i++) items.push(recordSdkValue(get(v, String(i))));
    return { type: 'array', value: items };
  }
  return { type: 'other', value: v };
}

/** OTLP JSON `AnyValue` → RecordedValue. */
export function recordOtlpValue(v: unknown): RecordedValue {
  if (!isObject(v)) return { type: 'other', value: v };
  const s = get(v, 'stringValue');
  if (typeof s === 'string') return { type: 'string', value: s };
  const b = get(v, 'boolValue');
  if (typeof b === 'boolean') return { type: 'boolean', value: b };
  const i = get(v, 'intValue');
  if (i !== undefined && i !== null) {
    // proto3 JSON writes int64 as a string; protobufjs may hand a Long-like object.
    const n = typeof i === 'string' || typeof i === 'number' ? Number(i) : Number(safeString(i));
    return Number.isFinite(n) ? { type: 'int', value: n } : { type: 'other', value: i };
  }
  const d = get(v, 'doubleValue');
  if (d !== undefined && d !== null) {
    // proto3 JSON spells non-finite doubles as strings ("NaN", "Infinity").
    const n = typeof d === 'number' || typeof d === 'string' ? Number(d) : Number.NaN;
    return Number.isNaN(n) && d !== 'NaN' ? { type: 'other', value: d } : { type: 'double', value: n };
  }
  const arr = get(get(v, 'arrayValue'), 'values');
  if (get(v, 'arrayValue') != null) {
    return { type: 'array', value: Array.isArray(arr) ? arr.map(recordOtlpValue) : [] };
  }
  return { type: 'other', value: v };
}

function otlpAttributes(list: unknown): Map<string, RecordedValue> {
  const out = new Map<string, RecordedValue>();
  if (!Array.isArray(list)) return out;
  for (const kv of list) {
    const key = get(kv, 'key');
    if (typeof key === 'string') out.set(key, recordOtlpValue(get(kv, 'value')));
  }
  return out;
}

function sdkAttributes(attrs: unknown): Map<string, RecordedValue> {
  const out = new Map<string, RecordedValue>();
  if (!isObject(attrs)) return out;
  let keys: string[] = [];
  try {
    keys = Object.keys(attrs);
  } catch {
    return out;
  }
  for (const key of keys) out.set(key, recordSdkValue(get(attrs, key)));
  return out;
}

/** Hex ids: OTLP JSON uses hex; protobuf decoding yields bytes, which we turn into hex. */
function idString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  return '';
}

function otlpKind(v: unknown): OtelSpanKindName {
  if (typeof v === 'number') return OTLP_KINDS[v] ?? 'UNSPECIFIED';
  if (typeof v === 'string') {
    const name = v.replace(/^SPAN_KIND_/, '') as OtelSpanKindName;
    return OTLP_KINDS.includes(name) ? name : 'UNSPECIFIED';
  }
  return 'UNSPECIFIED';
}

function statusFromCode(code: unknown): SpanRecord['statusCode'] {
  // SDK and OTLP share the numbering 0 UNSET, 1 OK, 2 ERROR; OTLP JSON may spell the names.
  if (code === 2 || code === 'STATUS_CODE_ERROR') return 'ERROR';
  if (code === 1 || code === 'STATUS_CODE_OK') return 'OK';
  return 'UNSET';
}

function hrTimeToNanos(v: unknown): bigint | undefined {
  if (Array.isArray(v) && Number.isFinite(v[0]) && Number.isFinite(v[1])) {
    return BigInt(Math.trunc(v[0])) * 1_000_000_000n + BigInt(Math.trunc(v[1]));
  }
  if (typeof v === 'string' && /^\d+$/.test(v)) return BigInt(v);
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return BigInt(Math.trunc(v));
  if (isObject(v)) {
    const s = safeString(v);
    if (s !== undefined && /^\d+$/.test(s)) return BigInt(s);
  }
  return undefined;
}

/** True when `span` looks like an SDK `ReadableSpan` (it has `spanContext()`). */
function isSdkSpan(span: unknown): boolean {
  return typeof get(span, 'spanContext') === 'function';
}

/**
 * Turns an SDK `ReadableSpan` or an OTLP JSON span into a `SpanRecord`. Never throws: fields it
 * cannot read come back empty, so the rules report them instead.
 */
export function toSpanRecord(span: unknown, resource?: ReadonlyMap<string, RecordedValue>, scope?: string): SpanRecord {
  if (isSdkSpan(span)) {
    let ctx: unknown;
    try {
      ctx = (span as { spanContext(): unknown }).spanContext();
    } catch {
      ctx = undefined;
    }
    const kind = get(span, 'kind');
    const events = get(span, 'events');
    return {
      traceId: asString(get(ctx, 'traceId')),
      spanId: asString(get(ctx, 'spanId')),
      parentSpanId: asString(get(get(span, 'parentSpanContext'), 'spanId')) || undefined,
      name: asString(get(span, 'name')),
      otelKind: typeof kind === 'number' ? (SDK_KINDS[kind] ?? 'UNSPECIFIED') : 'UNSPECIFIED',
      statusCode: statusFromCode(get(get(span, 'status'), 'code')),
      attributes: sdkAttributes(get(span, 'attributes')),
      resource: resource ?? sdkAttributes(get(get(span, 'resource'), 'attributes')),
      events: Array.isArray(events) ? events.map((e) => asString(get(e, 'name'))) : [],
      startTimeUnixNano: hrTimeToNanos(get(span, 'startTime')),
      scope: asString(get(get(span, 'instrumentationScope') ?? get(span, 'instrumentationLibrary'), 'name')) || undefined,
    };
  }
  const events = get(span, 'events');
  return {
    traceId: idString(get(span, 'traceId')),
    spanId: idString(get(span, 'spanId')),
    parentSpanId: idString(get(span, 'parentSpanId')) || undefined,
    name: asString(get(span, 'name')),
    otelKind: otlpKind(get(span, 'kind')),
    statusCode: statusFromCode(get(get(span, 'status'), 'code')),
    attributes: otlpAttributes(get(span, 'attributes')),
    resource: resource ?? new Map(),
    events: Array.isArray(events) ? events.map((e) => asString(get(e, 'name'))) : [],
    startTimeUnixNano: hrTimeToNanos(get(span, 'startTimeUnixNano')),
    scope,
  };
}

/** Reads the OTLP resource attributes of one `ResourceSpans` entry. */
export function otlpResource(resourceSpans: unknown): Map<string, RecordedValue> {
  return otlpAttributes(get(get(resourceSpans, 'resource'), 'attributes'));
}

/** The spans of an OTLP `ExportTraceServiceRequest` (JSON shape), each with its resource. */
export function recordsFromOtlpRequest(request: unknown): SpanRecord[] {
  const out: SpanRecord[] = [];
  const resourceSpans = get(request, 'resourceSpans');
  if (!Array.isArray(resourceSpans)) return out;
  for (const rs of resourceSpans) {
    const resource = otlpResource(rs);
    const scopeSpans = get(rs, 'scopeSpans');
    if (!Array.isArray(scopeSpans)) continue;
    for (const ss of scopeSpans) {
      const spans = get(ss, 'spans');
      if (!Array.isArray(spans)) continue;
      const scope = asString(get(get(ss, 'scope'), 'name')) || undefined;
      for (const s of spans) out.push(toSpanRecord(s, resource, scope));
    }
  }
  return out;
}

/** A recorded value as plain JS, for messages and matchers. */
export function plainValue(v: RecordedValue): unknown {
  return v.type === 'array' ? v.value.map(plainValue) : v.value;
}
