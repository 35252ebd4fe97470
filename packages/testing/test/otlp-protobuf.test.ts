/**
 * Our OTLP/protobuf reader against what the real OTLP/protobuf exporter sends: spans exported
 * over HTTP to a local receiver must decode to exactly what was exported, and to the same
 * request OpenTelemetry's own OTLP/JSON serializer builds from those spans.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { decodeExportTraceServiceRequest } from '../src/otlp-protobuf';
import { readOtlp, UnreadableInputError } from '../src/otlp-input';

// The OTLP/JSON serializer of the same transformer version the exporter encodes with.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { JsonTraceSerializer } = require(require.resolve('@opentelemetry/otlp-transformer', { paths: [dirname(require.resolve('@opentelemetry/exporter-trace-otlp-proto'))] })) as {
  JsonTraceSerializer: { serializeRequest(spans: ReadableSpan[]): Uint8Array };
};

async function receive(send: (url: string) => Promise<void>): Promise<Buffer[]> {
  const bodies: Buffer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': 'application/x-protobuf' });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await send(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return bodies;
}

function makeSpans(): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'decoder-test', 'deployment.count': 3 }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('decoder-scope', '1.2.3');
  const parent = tracer.startSpan('parent', { kind: SpanKind.SERVER });
  const linked = tracer.startSpan('linked');
  linked.end();
  const child = tracer.startSpan(
    'child ünïcode',
    {
      kind: SpanKind.CLIENT,
      attributes: {
        str: 'text with "quotes" and ✓',
        empty: '',
        int: 42,
        negative: -7,
        big: 2 ** 53 - 1,
        double: 3.25,
        yes: true,
        no: false,
        strs: ['a', 'b', ''],
        ints: [1, -2, 3],
        doubles: [0.5, 1.5],
        bools: [true, false],
      },
      links: [{ context: linked.spanContext(), attributes: { 'link.kind': 'follows' } }],
    },
    trace.setSpan(context.active(), parent),
  );
  child.addEvent('tick', { n: 1, label: 'first' });
  child.addEvent('bare');
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'it broke' });
  child.end();
  parent.setStatus({ code: SpanStatusCode.OK });
  parent.end();
  return memory.getFinishedSpans();
}

/** OTLP/JSON ids are hex strings; protobuf carries the bytes. */
function idsToHex(o: unknown): unknown {
  if (o instanceof Uint8Array) return Buffer.from(o).toString('hex');
  if (Array.isArray(o)) return o.map(idsToHex);
  if (typeof o !== 'object' || o === null) return o;
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, idsToHex(v)]));
}

/** OTLP/JSON writes 64-bit integers as JSON numbers; the reader gives decimal strings. */
function intsAsStrings(o: unknown): unknown {
  if (Array.isArray(o)) return o.map(intsAsStrings);
  if (typeof o !== 'object' || o === null) return o;
  // An empty repeated field is not on the wire at all.
  const present = Object.entries(o).filter(([, v]) => !(Array.isArray(v) && v.length === 0));
  return Object.fromEntries(present.map(([k, v]) => [k, k === 'intValue' ? String(v) : intsAsStrings(v)]));
}

describe('OTLP/protobuf reader', () => {
  let spans: ReadableSpan[];
  let bodies: Buffer[];
  beforeAll(async () => {
    spans = makeSpans();
    bodies = await receive(async (url) => {
      const exporter = new OTLPTraceExporter({ url });
      await new Promise<void>((resolve, reject) => exporter.export(spans, (r) => (r.error ? reject(r.error) : resolve())));
      await exporter.shutdown();
    });
  });

  it('decodes what the OTLP/protobuf exporter sent into the request OTLP/JSON describes', () => {
    expect(bodies).toHaveLength(1);
    const decoded = idsToHex(decodeExportTraceServiceRequest(bodies[0]));
    const reference = intsAsStrings(JSON.parse(Buffer.from(JsonTraceSerializer.serializeRequest(spans)).toString('utf8')));
    expect(decoded).toEqual(reference);
  });

  it('keeps ids, nanosecond times, every attribute type, events, links, status, resource and scope', () => {
    const { spans: records } = readOtlp(bodies[0]);
    const child = spans.find((s) => s.name === 'child ünïcode')!;
    const record = records.find((r) => r.name === 'child ünïcode')!;
    expect(record.traceId).toBe(child.spanContext().traceId);
    expect(record.spanId).toBe(child.spanContext().spanId);
    expect(record.parentSpanId).toBe(child.parentSpanContext?.spanId);
    const nanos = (t: [number, number]) => BigInt(t[0]) * 1_000_000_000n + BigInt(t[1]);
    expect(record.startTimeUnixNano).toBe(nanos(child.startTime));
    const raw = decodeExportTraceServiceRequest(bodies[0]) as {
      resourceSpans: { resource: unknown; scopeSpans: { scope: unknown; spans: Record<string, unknown>[] }[] }[];
    };
    const wire = raw.resourceSpans[0].scopeSpans[0].spans.find((s) => s.name === 'child ünïcode')!;
    expect(wire.endTimeUnixNano).toBe(nanos(child.endTime).toString());
    expect(wire.kind).toBe(3);
    expect(wire.status).toEqual({ code: 2, message: 'it broke' });
    expect(wire.attributes).toEqual(
      expect.arrayContaining([
        { key: 'str', value: { stringValue: 'text with "quotes" and ✓' } },
        { key: 'empty', value: { stringValue: '' } },
        { key: 'int', value: { intValue: '42' } },
        { key: 'negative', value: { intValue: '-7' } },
        { key: 'big', value: { intValue: String(2 ** 53 - 1) } },
        { key: 'double', value: { doubleValue: 3.25 } },
        { key: 'no', value: { boolValue: false } },
        { key: 'strs', value: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }, { stringValue: '' }] } } },
        { key: 'ints', value: { arrayValue: { values: [{ intValue: '1' }, { intValue: '-2' }, { intValue: '3' }] } } },
        { key: 'bools', value: { arrayValue: { values: [{ boolValue: true }, { boolValue: false }] } } },
      ]),
    );
    expect((wire.events as { name: string; timeUnixNano: string }[]).map((e) => [e.name, e.timeUnixNano])).toEqual(
      child.events.map((e) => [e.name, nanos(e.time).toString()]),
    );
    expect(idsToHex((wire.links as unknown[])[0])).toMatchObject({ traceId: child.links[0].context.traceId, spanId: child.links[0].context.spanId });
    expect(raw.resourceSpans[0].resource).toMatchObject({ attributes: expect.arrayContaining([{ key: 'service.name', value: { stringValue: 'decoder-test' } }]) });
    expect(raw.resourceSpans[0].scopeSpans[0].scope).toEqual({ name: 'decoder-scope', version: '1.2.3' });
  });

  it('skips fields it does not know and rejects truncated input with a clear error', () => {
    // Field 99 (varint) and field 100 (length-delimited) before the real content.
    const unknown = Buffer.concat([Buffer.from([0x98, 0x06, 0x01, 0xa2, 0x06, 0x02, 0x68, 0x69]), bodies[0]]);
    expect(decodeExportTraceServiceRequest(unknown)).toEqual(decodeExportTraceServiceRequest(bodies[0]));
    expect(() => decodeExportTraceServiceRequest(bodies[0].subarray(0, bodies[0].length - 3))).toThrow(/past the end|truncated/);
    expect(() => readOtlp(bodies[0].subarray(0, 40))).toThrow(UnreadableInputError);
  });
});
