/**
 * Checks for the JSON documents that string attributes carry: the OTel GenAI message, part and
 * tool-definition schemas (v1.41), the retrieval-document schema, and the Alibaba rerank-document
 * and multimodal-metadata shapes. Hand-written because the schemas are small and a JSON Schema
 * engine would be a large runtime dependency for four shapes; each check names the path it
 * rejects.
 */
import type { JsonSchemaName } from '@llm-trace/semconv';

/** One way a JSON document breaks its schema: where, and what is wrong. */
export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

class Collector {
  readonly problems: SchemaProblem[] = [];
  add(path: string, message: string): void {
    // A hostile document could yield thousands of problems; the first few say enough.
    if (this.problems.length < 20) this.problems.push({ path, message });
  }
  requireString(o: Record<string, Json>, key: string, path: string): void {
    if (typeof o[key] !== 'string') this.add(`${path}.${key}`, `must be a string, got ${o[key] === undefined ? 'nothing' : describe(o[key])}`);
  }
  optionalString(o: Record<string, Json>, key: string, path: string): void {
    if (o[key] !== undefined && o[key] !== null && typeof o[key] !== 'string') this.add(`${path}.${key}`, `must be a string when present, got ${describe(o[key])}`);
  }
  array(v: Json, path: string): readonly Json[] | undefined {
    if (Array.isArray(v)) return v;
    this.add(path, `must be an array, got ${describe(v)}`);
    return undefined;
  }
}

function checkPart(c: Collector, part: Json, path: string): void {
  if (!isObject(part)) {
    c.add(path, `a part must be an object, got ${describe(part)}`);
    return;
  }
  if (typeof part.type !== 'string') {
    c.add(`${path}.type`, 'a part needs a string "type"');
    return;
  }
  switch (part.type) {
    case 'text':
    case 'reasoning':
      c.requireString(part, 'content', path);
      return;
    case 'tool_call':
      c.requireString(part, 'name', path);
      c.optionalString(part, 'id', path);
      return;
    case 'tool_call_response':
      if (!('response' in part)) c.add(`${path}.response`, 'a tool_call_response part needs "response"');
      c.optionalString(part, 'id', path);
      return;
    case 'server_tool_call':
      c.requireString(part, 'name', path);
      if (!('server_tool_call' in part)) c.add(`${path}.server_tool_call`, 'a server_tool_call part needs "server_tool_call"');
      return;
    case 'server_tool_call_response':
      if (!('server_tool_call_response' in part)) c.add(`${path}.server_tool_call_response`, 'a server_tool_call_response part needs "server_tool_call_response"');
      return;
    case 'blob':
      c.requireString(part, 'modality', path);
      c.requireString(part, 'content', path);
      c.optionalString(part, 'mime_type', path);
      return;
    case 'file':
      c.requireString(part, 'modality', path);
      c.requireString(part, 'file_id', path);
      c.optionalString(part, 'mime_type', path);
      return;
    case 'uri':
      checkUriPart(c, part, path);
      return;
    default:
      // The schema's generic part: any other "type" is allowed with any fields.
      return;
  }
}

function checkUriPart(c: Collector, part: Record<string, Json>, path: string): void {
  c.requireString(part, 'modality', path);
  c.requireString(part, 'uri', path);
  c.optionalString(part, 'mime_type', path);
}

function checkParts(c: Collector, v: Json, path: string): void {
  const parts = c.array(v, path);
  parts?.forEach((p, i) => checkPart(c, p, `${path}[${i}]`));
}

function checkMessage(c: Collector, m: Json, path: string, output: boolean): void {
  if (!isObject(m)) {
    c.add(path, `a message must be an object, got ${describe(m)}`);
    return;
  }
  c.requireString(m, 'role', path);
  if (!('parts' in m)) c.add(`${path}.parts`, 'a message needs "parts"');
  else checkParts(c, m.parts, `${path}.parts`);
  c.optionalString(m, 'name', path);
  if (output) c.requireString(m, 'finish_reason', path);
}

function checkToolDefinition(c: Collector, t: Json, path: string): void {
  if (!isObject(t)) {
    c.add(path, `a tool definition must be an object, got ${describe(t)}`);
    return;
  }
  c.requireString(t, 'type', path);
  c.requireString(t, 'name', path);
  c.optionalString(t, 'description', path);
  if (t.parameters !== undefined && t.parameters !== null && !isObject(t.parameters)) c.add(`${path}.parameters`, `must be a JSON Schema object, got ${describe(t.parameters)}`);
}

function checkDocument(c: Collector, d: Json, path: string, rerank: boolean): void {
  if (!isObject(d)) {
    c.add(path, `a document must be an object, got ${describe(d)}`);
    return;
  }
  if (!rerank) c.requireString(d, 'id', path);
  else c.optionalString(d, 'id', path);
  if (d.score !== undefined && typeof d.score !== 'number') c.add(`${path}.score`, `must be a number, got ${describe(d.score)}`);
  c.optionalString(d, 'content', path);
  if (d.metadata !== undefined && !isObject(d.metadata)) c.add(`${path}.metadata`, `must be an object, got ${describe(d.metadata)}`);
}

function checkEach(c: Collector, v: Json, check: (item: Json, path: string) => void): void {
  c.array(v, '$')?.forEach((item, i) => check(item, `$[${i}]`));
}

/**
 * Checks a parsed JSON document against one named schema; an empty list means it conforms.
 */
export function checkJsonSchema(schema: JsonSchemaName, doc: Json): SchemaProblem[] {
  const c = new Collector();
  switch (schema) {
    case 'input_messages':
      checkEach(c, doc, (m, p) => checkMessage(c, m, p, false));
      break;
    case 'output_messages':
      checkEach(c, doc, (m, p) => checkMessage(c, m, p, true));
      break;
    case 'system_instructions':
      checkParts(c, doc, '$');
      break;
    case 'tool_definitions':
      checkEach(c, doc, (t, p) => checkToolDefinition(c, t, p));
      break;
    case 'retrieval_documents':
      checkEach(c, doc, (d, p) => checkDocument(c, d, p, false));
      break;
    case 'rerank_documents':
      checkEach(c, doc, (d, p) => checkDocument(c, d, p, true));
      break;
    case 'multimodal_metadata':
      checkEach(c, doc, (u, p) => {
        if (!isObject(u) || u.type !== 'uri') c.add(p, 'multimodal metadata holds only uri parts ({"type":"uri",...})');
        else checkUriPart(c, u, p);
      });
      break;
    case 'any':
      break;
  }
  return c.problems;
}
