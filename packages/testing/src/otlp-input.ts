/**
 * Reads exported trace files: OTLP JSON (one `ExportTraceServiceRequest` per line, as the
 * Collector's file exporter writes it, or one JSON document) and OTLP protobuf (one message, or
 * the file exporter's 4-byte big-endian length-prefixed sequence). The format is decided by the
 * content, not the file name.
 */
import { decodeExportTraceServiceRequest } from './otlp-protobuf';
import { recordsFromOtlpRequest } from './span-record';
import type { SpanRecord } from './span-record';

/** Thrown for input that cannot be read as OTLP; the message says why. */
export class UnreadableInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableInputError';
  }
}

function decodeProto(bytes: Uint8Array): unknown {
  return decodeExportTraceServiceRequest(bytes);
}

function isRequest(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Array.isArray((v as { resourceSpans?: unknown }).resourceSpans);
}

function requestsFromJson(text: string): unknown[] {
  let whole: unknown;
  let wholeError: unknown;
  try {
    whole = JSON.parse(text);
  } catch (e) {
    wholeError = e;
  }
  if (wholeError === undefined) {
    const list = Array.isArray(whole) ? whole : [whole];
    list.forEach((r, i) => {
      if (!isRequest(r)) throw new UnreadableInputError(`${Array.isArray(whole) ? `item ${i}` : 'the document'} is not an OTLP ExportTraceServiceRequest (no "resourceSpans" array)`);
    });
    return list;
  }
  const lines = text.split(/\r?\n/);
  const out: unknown[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      throw new UnreadableInputError(`line ${i + 1} is not JSON: ${(e as Error).message}`);
    }
    if (!isRequest(parsed)) throw new UnreadableInputError(`line ${i + 1} is not an OTLP ExportTraceServiceRequest (no "resourceSpans" array)`);
    out.push(parsed);
  });
  return out;
}

function requestsFromProto(bytes: Uint8Array): unknown[] {
  if (bytes[0] === 0x0a) {
    try {
      return [decodeProto(bytes)];
    } catch (e) {
      throw new UnreadableInputError(`not a valid OTLP protobuf ExportTraceServiceRequest: ${(e as Error).message}`);
    }
  }
  const out: unknown[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + 4 > bytes.length) throw new UnreadableInputError(`truncated length prefix at byte ${offset}`);
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 4);
    const length = view.getUint32(0, false);
    const start = offset + 4;
    if (start + length > bytes.length) throw new UnreadableInputError(`message at byte ${offset} claims ${length} bytes, but only ${bytes.length - start} remain`);
    try {
      out.push(decodeProto(bytes.subarray(start, start + length)));
    } catch (e) {
      throw new UnreadableInputError(`message at byte ${offset} is not a valid OTLP protobuf ExportTraceServiceRequest: ${(e as Error).message}`);
    }
    offset = start + length;
  }
  return out;
}

/** Which encoding a file holds, judged from its first bytes. */
export type OtlpEncoding = 'json' | 'protobuf' | 'empty';

/**
 * Parses the bytes of one exported file into span records.
 * Throws `UnreadableInputError` when the content is neither OTLP JSON nor OTLP protobuf.
 */
export function readOtlp(bytes: Uint8Array): { encoding: OtlpEncoding; spans: SpanRecord[] } {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (i === bytes.length) return { encoding: 'empty', spans: [] };
  const first = bytes[i];
  let encoding: OtlpEncoding;
  let requests: unknown[];
  if (first === 0x7b || first === 0x5b) {
    encoding = 'json';
    requests = requestsFromJson(new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(i)));
  } else if (bytes[0] === 0x0a || bytes[0] === 0x00) {
    // A protobuf request starts with field 1 (resource_spans, length-delimited): 0x0A. The
    // file exporter's framing starts with a big-endian length, whose first byte is 0 below 16 MiB.
    encoding = 'protobuf';
    requests = requestsFromProto(bytes);
  } else {
    throw new UnreadableInputError('neither OTLP JSON (starts with "{") nor OTLP protobuf (an ExportTraceServiceRequest)');
  }
  return { encoding, spans: requests.flatMap((r) => recordsFromOtlpRequest(r)) };
}
