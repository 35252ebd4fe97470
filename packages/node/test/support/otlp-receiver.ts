/**
 * An OTLP/HTTP receiver for tests. Bodies are decoded with @llm-trace/testing's OTLP/protobuf
 * reader, which its own tests check against what the real OTLP/protobuf exporter sends (and
 * against OpenTelemetry's OTLP/JSON serializer for the same spans), so a wire-format mistake in
 * what we send cannot hide behind a matching mistake in the reader.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { decodeExportTraceServiceRequest } from '../../../testing/src/otlp-protobuf';

/** One received span, flattened with its resource for easy assertions. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  /** OTLP SpanKind number: 1 INTERNAL, 3 CLIENT. */
  kind: number;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  scope: string;
  status: { code: number; message?: string };
  events: { name: string; attributes: Record<string, unknown> }[];
}

/** One received HTTP request. */
export interface ReceivedRequest {
  path: string;
  contentType: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

export interface OtlpReceiver {
  /** Traces URL, e.g. `http://127.0.0.1:4711/v1/traces`. */
  readonly url: string;
  readonly spans: ReceivedSpan[];
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
}
interface KeyValue {
  key: string;
  value?: AnyValue;
}

function value(v: AnyValue | undefined): unknown {
  if (!v) return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(value);
  if (v.kvlistValue) return attributes(v.kvlistValue.values);
  return undefined;
}

function attributes(list: KeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of list ?? []) out[kv.key] = value(kv.value);
  return out;
}

function hex(bytes: Uint8Array | undefined): string | undefined {
  return bytes && bytes.length > 0 ? Buffer.from(bytes).toString('hex') : undefined;
}

/** Decodes one `ExportTraceServiceRequest` body into flat spans. */
export function decodeTraces(body: Buffer): ReceivedSpan[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const data = decodeExportTraceServiceRequest(body) as any;
  const spans: ReceivedSpan[] = [];
  for (const rs of data.resourceSpans ?? []) {
    const resource = attributes(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        spans.push({
          traceId: hex(s.traceId)!,
          spanId: hex(s.spanId)!,
          parentSpanId: hex(s.parentSpanId),
          name: s.name,
          kind: s.kind ?? 0,
          attributes: attributes(s.attributes),
          resource,
          scope: ss.scope?.name ?? '',
          status: { code: s.status?.code ?? 0, message: s.status?.message },
          events: (s.events ?? []).map((e: { name: string; attributes?: KeyValue[] }) => ({
            name: e.name,
            attributes: attributes(e.attributes),
          })),
        });
      }
    }
  }
  return spans;
}

/** Starts a receiver on 127.0.0.1 with a free port; it answers 200 with an empty protobuf body. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', contentType: req.headers['content-type'], headers: req.headers });
      try {
        spans.push(...decodeTraces(Buffer.concat(chunks)));
        res.writeHead(200, { 'content-type': 'application/x-protobuf' });
        res.end();
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    spans,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** A port that was free a moment ago and now has nothing listening: a collector that is down. */
export async function deadEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1/traces`;
}

/** A collector that accepts requests and never answers: the slow-collector case. */
export async function startHangingReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((req) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        spans.push(...decodeTraces(Buffer.concat(chunks)));
      } catch {
        // Counting what arrives is all this receiver is for.
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    spans,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
