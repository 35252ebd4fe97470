/**
 * Test-only OTLP/JSON → OTLP/protobuf encoder, to turn the JSON fixtures into binary files.
 * It walks the same schema the reader uses; the reader itself is checked against the real
 * OTLP/protobuf exporter in otlp-protobuf.test.ts, so a schema mistake cannot hide here.
 */
import { exportTraceServiceRequest } from '../../src/otlp-protobuf';
import type { Field, Schema, Scalar } from '../../src/otlp-protobuf';

const WIRE: Record<Scalar, number> = { string: 2, bytes: 2, bool: 0, uint32: 0, enum: 0, int64: 0, fixed32: 5, fixed64: 1, double: 1 };

function varint(n: bigint): number[] {
  let v = BigInt.asUintN(64, n);
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) b |= 0x80;
    out.push(b);
  } while (v !== 0n);
  return out;
}

function lengthDelimited(bytes: Uint8Array): number[] {
  return [...varint(BigInt(bytes.length)), ...bytes];
}

function scalar(type: Scalar, v: unknown, key: string): number[] {
  switch (type) {
    case 'string':
      return lengthDelimited(Buffer.from(String(v), 'utf8'));
    case 'bytes':
      // OTLP/JSON ids are hex; other bytes values are base64.
      return lengthDelimited(Buffer.from(String(v), /Id$/.test(key) ? 'hex' : 'base64'));
    case 'bool':
      return [v ? 1 : 0];
    case 'uint32':
    case 'enum':
    case 'int64':
      return varint(BigInt(v as string | number));
    case 'fixed32': {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(Number(v));
      return [...b];
    }
    case 'fixed64': {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(BigInt(v as string | number));
      return [...b];
    }
    case 'double': {
      const b = Buffer.alloc(8);
      b.writeDoubleLE(Number(v));
      return [...b];
    }
  }
}

function message(schema: Schema, o: Record<string, unknown>): number[] {
  const out: number[] = [];
  for (const [number, field] of Object.entries(schema) as [string, Field][]) {
    const v = o[field.name];
    if (v === undefined || v === null) continue;
    for (const item of field.repeated ? (v as unknown[]) : [v]) {
      const wire = typeof field.type === 'string' ? WIRE[field.type] : 2;
      out.push(...varint((BigInt(number) << 3n) | BigInt(wire)));
      if (typeof field.type === 'string') out.push(...scalar(field.type, item, field.name));
      else out.push(...lengthDelimited(Uint8Array.from(message(field.type, item as Record<string, unknown>))));
    }
  }
  return out;
}

/** Encodes one OTLP/JSON `ExportTraceServiceRequest` as protobuf bytes. */
export function toProtobuf(json: unknown): Uint8Array {
  return Uint8Array.from(message(exportTraceServiceRequest, json as Record<string, unknown>));
}
