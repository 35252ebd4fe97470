/**
 * Decodes an OTLP/protobuf `ExportTraceServiceRequest` (opentelemetry-proto, trace v1) into the
 * same plain-object shape OTLP/JSON parses to: camelCase field names, 64-bit integers as decimal
 * strings (nanosecond times stay exact), enums as numbers, ids as bytes. Only fields present on
 * the wire appear. Fields this schema does not know are skipped, as protobuf readers must, so
 * messages from newer exporters still read.
 *
 * Written for the trace messages only, so that reading a file does not pull in a second
 * OpenTelemetry SDK and a protobuf runtime.
 */

/** A protobuf scalar type as the OTLP schema names it. */
export type Scalar = 'string' | 'bytes' | 'bool' | 'uint32' | 'enum' | 'int64' | 'fixed32' | 'fixed64' | 'double';
/** One field of a message: its JSON name, type and whether it repeats. */
export interface Field {
  readonly name: string;
  readonly type: Scalar | Schema;
  readonly repeated?: boolean;
}
/** Field number → field, for one message type. */
export interface Schema {
  readonly [fieldNumber: number]: Field;
}

const anyValue: Record<number, Field> = {};
const keyValue: Schema = { 1: { name: 'key', type: 'string' }, 2: { name: 'value', type: anyValue } };
const attributes: Field = { name: 'attributes', type: keyValue, repeated: true };
const droppedAttributes: Field = { name: 'droppedAttributesCount', type: 'uint32' };
Object.assign(anyValue, {
  1: { name: 'stringValue', type: 'string' },
  2: { name: 'boolValue', type: 'bool' },
  3: { name: 'intValue', type: 'int64' },
  4: { name: 'doubleValue', type: 'double' },
  5: { name: 'arrayValue', type: { 1: { name: 'values', type: anyValue, repeated: true } } },
  6: { name: 'kvlistValue', type: { 1: { name: 'values', type: keyValue, repeated: true } } },
  7: { name: 'bytesValue', type: 'bytes' },
});

const event: Schema = {
  1: { name: 'timeUnixNano', type: 'fixed64' },
  2: { name: 'name', type: 'string' },
  3: attributes,
  4: droppedAttributes,
};
const link: Schema = {
  1: { name: 'traceId', type: 'bytes' },
  2: { name: 'spanId', type: 'bytes' },
  3: { name: 'traceState', type: 'string' },
  4: attributes,
  5: droppedAttributes,
  6: { name: 'flags', type: 'fixed32' },
};
const span: Schema = {
  1: { name: 'traceId', type: 'bytes' },
  2: { name: 'spanId', type: 'bytes' },
  3: { name: 'traceState', type: 'string' },
  4: { name: 'parentSpanId', type: 'bytes' },
  5: { name: 'name', type: 'string' },
  6: { name: 'kind', type: 'enum' },
  7: { name: 'startTimeUnixNano', type: 'fixed64' },
  8: { name: 'endTimeUnixNano', type: 'fixed64' },
  9: attributes,
  10: droppedAttributes,
  11: { name: 'events', type: event, repeated: true },
  12: { name: 'droppedEventsCount', type: 'uint32' },
  13: { name: 'links', type: link, repeated: true },
  14: { name: 'droppedLinksCount', type: 'uint32' },
  15: { name: 'status', type: { 2: { name: 'message', type: 'string' }, 3: { name: 'code', type: 'enum' } } },
  16: { name: 'flags', type: 'fixed32' },
};
const scope: Schema = {
  1: { name: 'name', type: 'string' },
  2: { name: 'version', type: 'string' },
  3: attributes,
  4: droppedAttributes,
};
/** The `ExportTraceServiceRequest` message, as far as trace data goes. */
export const exportTraceServiceRequest: Schema = {
  1: {
    name: 'resourceSpans',
    repeated: true,
    type: {
      1: { name: 'resource', type: { 1: attributes, 2: droppedAttributes } },
      2: {
        name: 'scopeSpans',
        repeated: true,
        type: { 1: { name: 'scope', type: scope }, 2: { name: 'spans', type: span, repeated: true }, 3: { name: 'schemaUrl', type: 'string' } },
      },
      3: { name: 'schemaUrl', type: 'string' },
    },
  },
};

const VARINT = 0;
const I64 = 1;
const LEN = 2;
const I32 = 5;
const wireTypeOf: Record<Scalar, number> = {
  string: LEN, bytes: LEN, bool: VARINT, uint32: VARINT, enum: VARINT, int64: VARINT, fixed32: I32, fixed64: I64, double: I64,
};

const utf8 = new TextDecoder('utf-8');

class Reader {
  pos: number;
  constructor(readonly bytes: Uint8Array, start: number, readonly end: number) {
    this.pos = start;
  }

  need(n: number, what: string): void {
    if (this.pos + n > this.end) throw new Error(`truncated ${what} at byte ${this.pos}`);
  }

  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      this.need(1, 'varint');
      const b = this.bytes[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    throw new Error(`varint longer than 10 bytes at byte ${this.pos}`);
  }

  fixed(n: 4 | 8): DataView {
    this.need(n, `${n * 8}-bit value`);
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, n);
    this.pos += n;
    return view;
  }

  length(): number {
    const n = this.varint();
    if (n > BigInt(this.end - this.pos)) throw new Error(`length ${n} at byte ${this.pos} runs past the end of its message`);
    return Number(n);
  }

  skip(wireType: number): void {
    if (wireType === VARINT) this.varint();
    else if (wireType === I64) this.fixed(8);
    else if (wireType === I32) this.fixed(4);
    else if (wireType === LEN) {
      // Read the length first: `this.pos += this.length()` would add it to the old position.
      const n = this.length();
      this.pos += n;
    }
    else throw new Error(`unsupported wire type ${wireType} at byte ${this.pos}`);
  }
}

function readScalar(r: Reader, type: Scalar): unknown {
  switch (type) {
    case 'string': {
      const n = r.length();
      const s = utf8.decode(r.bytes.subarray(r.pos, r.pos + n));
      r.pos += n;
      return s;
    }
    case 'bytes': {
      const n = r.length();
      const b = r.bytes.slice(r.pos, r.pos + n);
      r.pos += n;
      return b;
    }
    case 'bool':
      return r.varint() !== 0n;
    case 'uint32':
      return Number(BigInt.asUintN(32, r.varint()));
    case 'enum':
      return Number(BigInt.asIntN(32, r.varint()));
    case 'int64':
      return BigInt.asIntN(64, r.varint()).toString();
    case 'fixed32':
      return r.fixed(4).getUint32(0, true);
    case 'fixed64':
      return r.fixed(8).getBigUint64(0, true).toString();
    case 'double':
      return r.fixed(8).getFloat64(0, true);
  }
}

function readMessage(r: Reader, schema: Schema, end: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  while (r.pos < end) {
    const tag = r.varint();
    const number = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    if (number === 0) throw new Error(`field number 0 at byte ${r.pos} (not protobuf)`);
    const field = schema[number];
    if (field === undefined) {
      r.skip(wireType);
      continue;
    }
    const expected = typeof field.type === 'string' ? wireTypeOf[field.type] : LEN;
    if (wireType !== expected) throw new Error(`field "${field.name}" has wire type ${wireType}, expected ${expected}`);
    let value: unknown;
    if (typeof field.type === 'string') {
      value = readScalar(r, field.type);
    } else {
      const n = r.length();
      const sub = new Reader(r.bytes, r.pos, r.pos + n);
      value = readMessage(sub, field.type, r.pos + n);
      r.pos += n;
    }
    if (r.pos > end) throw new Error(`field "${field.name}" runs past the end of its message`);
    if (field.repeated) ((out[field.name] ??= []) as unknown[]).push(value);
    else out[field.name] = value;
  }
  return out;
}

/**
 * Decodes one OTLP/protobuf `ExportTraceServiceRequest`. Throws an `Error` saying where the
 * bytes stop being a valid message.
 *
 * Use it in a test receiver to read what an OTLP/protobuf exporter posts to `/v1/traces`.
 *
 * @example
 * import { decodeExportTraceServiceRequest } from '@llm-trace/testing';
 * const request = decodeExportTraceServiceRequest(new Uint8Array([])); // { resourceSpans: [] }
 */
export function decodeExportTraceServiceRequest(bytes: Uint8Array): Record<string, unknown> {
  const r = new Reader(bytes, 0, bytes.length);
  const out = readMessage(r, exportTraceServiceRequest, bytes.length);
  out.resourceSpans ??= [];
  return out;
}
