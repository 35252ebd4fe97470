/**
 * The conformance validator. Every requirement comes from the semconv model (required keys per
 * kind, value types, enums, JSON schema names, span-name pattern, OTel span kind, conditions
 * phrased as "when <key> is set"); this file only knows how to judge a span against it.
 */
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_REQUEST_CHOICE_COUNT,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_SESSION_ID,
  ATTR_GEN_AI_SPAN_KIND,
  ATTR_GEN_AI_USER_ID,
  ATTR_SERVICE_NAME,
  SEMCONV_MODEL,
  SPAN_KIND_DEFINITIONS,
  getAttributeDefinition,
  isLlmSpanKind,
} from '@llm-trace/semconv';
import type { AttributeDefinition, EnumDefinition, SpanKindDefinition } from '@llm-trace/semconv';
import { checkJsonSchema } from './json-schemas';
import { ConformanceRule } from './findings';
import type { ConformanceFinding, FindingLevel } from './findings';
import { plainValue, toSpanRecord } from './span-record';
import type { RecordedValue, SpanRecord } from './span-record';

/**
 * Options for `validateSpans`.
 *
 * @example
 * import { validateSpans } from '@llm-trace/testing';
 * import type { ValidateOptions } from '@llm-trace/testing';
 * const options: ValidateOptions = { includeNonLlmSpans: true };
 * const findings = validateSpans([], options);
 */
export interface ValidateOptions {
  /**
   * Also report spans that carry no `gen_ai.*` key at all (HTTP, database spans ...).
   * Default false: a trace mixes LLM spans with others, and only the LLM ones are in scope.
   */
  readonly includeNonLlmSpans?: boolean;
  /**
   * Check only spans whose instrumentation scope (the tracer's name) is one of these; a name
   * ending in `*` matches every scope that starts with the rest (`'@llm-trace/*'`). Default: every
   * span. Spans of other libraries in the same trace are then left out of the report.
   */
  readonly scopes?: readonly string[];
  /** Check only the spans llm-trace itself made: the same as `scopes: LLM_TRACE_SCOPES`. */
  readonly ownSpansOnly?: boolean;
}

/**
 * The instrumentation scopes of llm-trace's own spans (`@llm-trace/core`, and the bridges such as
 * `@llm-trace/openai-agents`).
 *
 * @example
 * import { LLM_TRACE_SCOPES, validateSpans } from '@llm-trace/testing';
 * const findings = validateSpans([], { scopes: [...LLM_TRACE_SCOPES, 'my-app'] });
 */
export const LLM_TRACE_SCOPES: readonly string[] = Object.freeze(['@llm-trace/*']);

/**
 * A test for instrumentation scope names: exact names, or prefixes written with a trailing `*`.
 *
 * @example
 * import { scopeMatcher } from '@llm-trace/testing';
 * const ours = scopeMatcher(['@llm-trace/*', 'my-app']);
 * ours('@llm-trace/core'); // true
 */
export function scopeMatcher(patterns: readonly string[]): (scope: string | undefined) => boolean {
  const exact = new Set(patterns.filter((p) => !p.endsWith('*')));
  const prefixes = patterns.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1));
  return (scope) => scope !== undefined && (exact.has(scope) || prefixes.some((p) => scope.startsWith(p)));
}

const isOwnScope = scopeMatcher(LLM_TRACE_SCOPES);

/**
 * Keys the OTel GenAI conventions put on every GenAI span (the operation, and the provider under
 * its current and its former name): a span with one of them follows those conventions.
 */
const OTEL_GENAI_MARKERS = ['gen_ai.operation.name', 'gen_ai.provider.name', 'gen_ai.system'] as const;

function followsOtelGenAi(span: SpanRecord): string | undefined {
  for (const key of OTEL_GENAI_MARKERS) {
    const v = span.attributes.get(key);
    if (v?.type === 'string' && v.value !== '') return `${key} ${JSON.stringify(v.value)}`;
  }
  return undefined;
}

function checkScopesOption(options: ValidateOptions): ((scope: string | undefined) => boolean) | undefined {
  const { scopes, ownSpansOnly } = options;
  if (ownSpansOnly !== undefined && typeof ownSpansOnly !== 'boolean') throw new TypeError(`validateSpans: option "ownSpansOnly" must be a boolean, got ${typeof ownSpansOnly}`);
  if (scopes !== undefined && (!Array.isArray(scopes) || scopes.some((x) => typeof x !== 'string' || x === ''))) {
    throw new TypeError('validateSpans: option "scopes" must be an array of non-empty instrumentation scope names');
  }
  const patterns = [...(scopes ?? []), ...(ownSpansOnly === true ? LLM_TRACE_SCOPES : [])];
  return scopes === undefined && ownSpansOnly !== true ? undefined : scopeMatcher(patterns);
}

let enumsByName: ReadonlyMap<string, EnumDefinition> | undefined;
function enumDefinition(name: string): EnumDefinition | undefined {
  enumsByName ??= new Map(SEMCONV_MODEL.enums.map((e) => [e.name, e]));
  return enumsByName.get(name);
}

const CONDITION_WHEN_SET = /^when ([a-z0-9_.]+) is set$/;

class Findings {
  readonly list: ConformanceFinding[] = [];
  constructor(private readonly span: SpanRecord) {}
  add(rule: ConformanceRule, level: FindingLevel, message: string, key?: string): void {
    const f: ConformanceFinding = key === undefined
      ? { spanId: this.span.spanId, spanName: this.span.name, rule, level, message }
      : { spanId: this.span.spanId, spanName: this.span.name, key, rule, level, message };
    this.list.push(f);
  }
}

function show(v: RecordedValue): string {
  try {
    const s = JSON.stringify(plainValue(v));
    return s === undefined ? String(v.value) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(v.type);
  }
}

function wireTypeName(v: RecordedValue): string {
  if (v.type === 'number') return Number.isInteger(v.value) ? 'int' : 'double';
  if (v.type === 'array') {
    const inner = new Set(v.value.map(wireTypeName));
    return inner.size === 1 ? `${[...inner][0]}[]` : inner.size === 0 ? 'empty array' : 'mixed array';
  }
  return v.type;
}

/** Does the value fit the model type? `warn` marks a fit that loses the wire type (int for double). */
function fitsType(v: RecordedValue, type: AttributeDefinition['type']): 'ok' | 'warn' | 'no' {
  switch (type) {
    case 'string':
      return v.type === 'string' ? 'ok' : 'no';
    case 'boolean':
      return v.type === 'boolean' ? 'ok' : 'no';
    case 'int':
      return v.type === 'int' || (v.type === 'number' && Number.isInteger(v.value)) ? 'ok' : 'no';
    case 'double':
      return v.type === 'double' || v.type === 'number' ? 'ok' : v.type === 'int' ? 'warn' : 'no';
    case 'string[]':
    case 'int[]':
    case 'double[]': {
      if (v.type !== 'array') return 'no';
      const item = type.slice(0, -2) as 'string' | 'int' | 'double';
      let result: 'ok' | 'warn' = 'ok';
      for (const x of v.value) {
        const r = fitsType(x, item);
        if (r === 'no') return 'no';
        if (r === 'warn') result = 'warn';
      }
      return result;
    }
  }
}

function checkEnum(f: Findings, key: string, def: AttributeDefinition, v: RecordedValue): void {
  if (def.enum === undefined || key === ATTR_GEN_AI_SPAN_KIND) return;
  const e = enumDefinition(def.enum);
  if (e === undefined || e.allowCustomValues) return;
  const values = v.type === 'array' ? v.value : [v];
  const known = new Set(e.members.map((m) => m.value));
  for (const x of values) {
    if (x.type === 'string' && !known.has(x.value)) {
      f.add(ConformanceRule.ENUM_VALUE, 'error', `${show(x)} is not one of ${[...known].join(', ')}`, key);
    }
  }
}

function checkJson(f: Findings, key: string, def: AttributeDefinition, v: RecordedValue): void {
  if (def.json === undefined || v.type !== 'string') return;
  let doc: unknown;
  try {
    doc = JSON.parse(v.value);
  } catch (e) {
    f.add(ConformanceRule.JSON_PARSE, 'error', `must be a JSON string (${def.json}): ${(e as Error).message}`, key);
    return;
  }
  const problems = checkJsonSchema(def.json, doc);
  if (problems.length > 0) {
    const detail = problems.slice(0, 3).map((p) => `${p.path} ${p.message}`).join('; ');
    const more = problems.length > 3 ? ` (+${problems.length - 3} more)` : '';
    f.add(ConformanceRule.JSON_SCHEMA, 'error', `does not match the ${def.json} schema: ${detail}${more}`, key);
  }
}

function checkAttribute(f: Findings, key: string, v: RecordedValue): void {
  const def = getAttributeDefinition(key);
  if (def === undefined) {
    if (key.startsWith('gen_ai.')) f.add(ConformanceRule.UNKNOWN_ATTRIBUTE, 'warning', 'is not a key of the LLM Trace conventions (a typo?)', key);
    return;
  }
  if (def.prefix === true) {
    f.add(ConformanceRule.ATTRIBUTE_TYPE, 'error', `is a flattening prefix and never carries a value; values go under ${key}.<i>.*`, key);
    return;
  }
  if (def.stability === 'deprecated') {
    f.add(ConformanceRule.DEPRECATED_ATTRIBUTE, 'warning', `is deprecated${def.deprecated ? `: ${def.deprecated}` : ''}`, key);
  }
  const fit = fitsType(v, def.type);
  if (fit === 'no') {
    f.add(ConformanceRule.ATTRIBUTE_TYPE, 'error', `must be ${def.type}, got ${wireTypeName(v)} ${show(v)}`, key);
    return;
  }
  if (fit === 'warn') f.add(ConformanceRule.ATTRIBUTE_TYPE, 'warning', `should be sent as ${def.type}, got ${wireTypeName(v)}`, key);
  checkEnum(f, key, def, v);
  checkJson(f, key, def, v);
}

function stringAttr(span: SpanRecord, key: string): string | undefined {
  const v = span.attributes.get(key);
  return v?.type === 'string' && v.value !== '' ? v.value : undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function checkSpanName(f: Findings, span: SpanRecord, def: SpanKindDefinition): void {
  if (span.name === '') {
    f.add(ConformanceRule.SPAN_NAME, 'error', 'the span has no name');
    return;
  }
  const operation = stringAttr(span, ATTR_GEN_AI_OPERATION_NAME) ?? def.operationName;
  let allResolved = true;
  const resolve = (placeholder: string): string | undefined => {
    if (placeholder === 'operation') return operation;
    if (placeholder === 'name') return def.entityNameKey === undefined ? undefined : stringAttr(span, def.entityNameKey);
    return stringAttr(span, placeholder);
  };
  const parts = def.spanNamePattern.split(/(\{[^}]+\})/);
  const regex = parts
    .map((p) => {
      if (!/^\{[^}]+\}$/.test(p)) return escapeRegExp(p);
      const value = resolve(p.slice(1, -1));
      if (value === undefined) {
        allResolved = false;
        return '.+';
      }
      return escapeRegExp(value);
    })
    .join('');
  const expected = parts.map((p) => (/^\{[^}]+\}$/.test(p) ? (resolve(p.slice(1, -1)) ?? p) : p)).join('');
  const fallback = def.spanNameFallback.replace('{operation}', operation);
  if (new RegExp(`^${regex}$`, 's').test(span.name)) return;
  if (span.name === fallback) {
    if (allResolved && expected !== fallback) {
      f.add(ConformanceRule.SPAN_NAME, 'warning', `is the fallback name "${fallback}" although the detail is known: expected "${expected}"`);
    }
    return;
  }
  f.add(ConformanceRule.SPAN_NAME, 'warning', `"${span.name}" does not follow the ${def.kind} pattern "${def.spanNamePattern}" (expected "${expected}" or "${fallback}")`);
}

function checkRequirements(f: Findings, span: SpanRecord, def: SpanKindDefinition): void {
  const has = (key: string) => span.attributes.has(key);
  for (const a of def.attributes) {
    if (a.level === 'required' && !has(a.key)) {
      f.add(ConformanceRule.REQUIRED_ATTRIBUTE, 'error', `is required on ${def.kind} spans`, a.key);
      continue;
    }
    if (a.level !== 'conditionally_required' || has(a.key)) continue;
    const when = a.condition === undefined ? null : CONDITION_WHEN_SET.exec(a.condition);
    if (when !== null && has(when[1]!)) {
      f.add(ConformanceRule.CONDITIONAL_ATTRIBUTE, 'error', `is required on ${def.kind} spans ${a.condition}`, a.key);
    } else if (a.key === ATTR_ERROR_TYPE && span.statusCode === 'ERROR') {
      f.add(ConformanceRule.CONDITIONAL_ATTRIBUTE, 'error', 'is required when the span status is ERROR', a.key);
    }
  }
  const choices = span.attributes.get(ATTR_GEN_AI_REQUEST_CHOICE_COUNT);
  if (choices !== undefined && (choices.type === 'int' || choices.type === 'number') && choices.value === 1) {
    f.add(ConformanceRule.REDUNDANT_VALUE, 'warning', 'is set only when the request asks for other than 1 choice', ATTR_GEN_AI_REQUEST_CHOICE_COUNT);
  }
  const stream = span.attributes.get(ATTR_GEN_AI_REQUEST_STREAM);
  if (stream?.type === 'boolean' && stream.value) {
    // Which first-token key a kind carries is in the model, not here.
    const ttftKeys = def.attributes.map((a) => a.key).filter((k) => k.includes('time_to_first_'));
    if (ttftKeys.length > 0 && !ttftKeys.some(has)) {
      f.add(ConformanceRule.CONDITIONAL_ATTRIBUTE, 'warning', `a streaming ${def.kind} span should carry ${ttftKeys.join(' or ')}`, ttftKeys[0]);
    }
  }
}

function checkOperationName(f: Findings, span: SpanRecord, def: SpanKindDefinition): void {
  const op = stringAttr(span, ATTR_GEN_AI_OPERATION_NAME);
  if (op === undefined || def.operationNames.includes(op)) return;
  const owner = SEMCONV_MODEL.kinds.find((k) => k.operationNames.includes(op));
  // Custom operation names are allowed (the enum is open); a name that belongs to another kind is not.
  if (owner !== undefined) {
    f.add(ConformanceRule.OPERATION_NAME, 'error', `"${op}" is the ${owner.kind} operation; ${def.kind} spans use ${def.operationNames.join(' or ')}`, ATTR_GEN_AI_OPERATION_NAME);
  }
}

function checkOne(span: SpanRecord, f: Findings): SpanKindDefinition | undefined {
  if (span.spanId === '') f.add(ConformanceRule.MALFORMED_SPAN, 'error', 'the span has no span id');
  for (const [key, v] of span.attributes) checkAttribute(f, key, v);
  const kindValue = span.attributes.get(ATTR_GEN_AI_SPAN_KIND);
  if (kindValue === undefined) {
    const otel = isOwnScope(span.scope) ? undefined : followsOtelGenAi(span);
    if (otel !== undefined) {
      // Another library's span that follows OTel GenAI is valid OTel; only our kind is missing.
      f.add(ConformanceRule.SPAN_KIND, 'warning', `is missing: the span follows the OTel GenAI conventions (${otel}) but LLM Trace backends read the kind; register() from @llm-trace/node adds it to other libraries' GenAI spans`, ATTR_GEN_AI_SPAN_KIND);
      return undefined;
    }
    f.add(ConformanceRule.SPAN_KIND, 'error', 'is missing: every LLM span says which of the ten kinds it is', ATTR_GEN_AI_SPAN_KIND);
    return undefined;
  }
  if (kindValue.type !== 'string' || !isLlmSpanKind(kindValue.value)) {
    f.add(ConformanceRule.SPAN_KIND, 'error', `${show(kindValue)} is not one of ${Object.keys(SPAN_KIND_DEFINITIONS).join(', ')}`, ATTR_GEN_AI_SPAN_KIND);
    return undefined;
  }
  const def: SpanKindDefinition = SPAN_KIND_DEFINITIONS[kindValue.value];
  checkRequirements(f, span, def);
  checkOperationName(f, span, def);
  checkSpanName(f, span, def);
  if (span.otelKind !== def.otelSpanKind) {
    f.add(ConformanceRule.OTEL_SPAN_KIND, 'warning', `OTel SpanKind is ${span.otelKind}; ${def.kind} spans default to ${def.otelSpanKind}`);
  }
  return def;
}

/**
 * Keys a session context puts on every span started inside it, LLM or not, so
 * they do not make an HTTP or database span an LLM span.
 */
const CONTEXT_KEYS: ReadonlySet<string> = new Set([ATTR_GEN_AI_SESSION_ID, ATTR_GEN_AI_USER_ID]);

/** True when the span is an LLM span or claims to be one: it carries a `gen_ai.*` key of its own. */
export function isLlmSpanRecord(span: SpanRecord): boolean {
  for (const key of span.attributes.keys()) if (key.startsWith('gen_ai.') && !CONTEXT_KEYS.has(key)) return true;
  return false;
}

function llmKindOf(span: SpanRecord): string | undefined {
  const v = span.attributes.get(ATTR_GEN_AI_SPAN_KIND);
  return v?.type === 'string' && isLlmSpanKind(v.value) ? v.value : undefined;
}

function serviceOf(span: SpanRecord): string | undefined {
  const v = span.resource.get(ATTR_SERVICE_NAME);
  return v?.type === 'string' ? v.value : undefined;
}

/** Ancestors present in the batch, nearest first; stops at a missing parent or a cycle. */
function* ancestors(span: SpanRecord, byId: ReadonlyMap<string, SpanRecord>): Generator<SpanRecord> {
  const seen = new Set<string>([span.spanId]);
  let parentId = span.parentSpanId;
  while (parentId !== undefined && !seen.has(parentId)) {
    seen.add(parentId);
    const parent = byId.get(`${span.traceId}/${parentId}`);
    if (parent === undefined) return;
    yield parent;
    parentId = parent.parentSpanId;
  }
}

function checkParentage(span: SpanRecord, kind: string, byId: ReadonlyMap<string, SpanRecord>, f: Findings): void {
  if (kind === 'STEP') {
    if (span.parentSpanId === undefined) {
      f.add(ConformanceRule.STEP_PARENT, 'error', 'a STEP span is a round of an agent and must sit under an AGENT span; this one is a root');
      return;
    }
    for (const a of ancestors(span, byId)) {
      const k = llmKindOf(a);
      if (k === undefined) continue;
      if (k !== 'AGENT') f.add(ConformanceRule.STEP_PARENT, 'error', `a STEP span must sit under an AGENT span; its nearest LLM ancestor is ${k} "${a.name}"`);
      return;
    }
  } else if (kind === 'ENTRY') {
    const service = serviceOf(span);
    for (const a of ancestors(span, byId)) {
      if (serviceOf(a) === service) {
        f.add(ConformanceRule.ENTRY_ROOT, 'error', `an ENTRY span starts its service's part of the trace; it sits under "${a.name}" of the same service`);
        return;
      }
    }
  }
}

function records(spans: readonly unknown[]): SpanRecord[] {
  const out: SpanRecord[] = [];
  for (const s of spans) out.push(isSpanRecord(s) ? s : toSpanRecord(s));
  return out;
}

const RECORD_MARK = Symbol('llm-trace.span-record');

/** Marks records built by the CLI so validateRecords need not convert them again. */
export function markRecord(r: SpanRecord): SpanRecord {
  return Object.assign(Object.create(null) as object, r, { [RECORD_MARK]: true }) as SpanRecord;
}

function isSpanRecord(s: unknown): s is SpanRecord {
  return typeof s === 'object' && s !== null && (s as Record<symbol, unknown>)[RECORD_MARK] === true;
}

function validateRecords(list: readonly SpanRecord[], options: ValidateOptions, inScope: ((scope: string | undefined) => boolean) | undefined): ConformanceFinding[] {
  const byId = new Map<string, SpanRecord>();
  for (const r of list) if (r.spanId !== '') byId.set(`${r.traceId}/${r.spanId}`, r);
  const out: ConformanceFinding[] = [];
  for (const r of list) {
    if (inScope !== undefined && !inScope(r.scope)) continue;
    if (options.includeNonLlmSpans !== true && !isLlmSpanRecord(r)) continue;
    const f = new Findings(r);
    const def = checkOne(r, f);
    if (def !== undefined) checkParentage(r, def.kind, byId, f);
    out.push(...f.list);
  }
  return out;
}

function guard(span: unknown, run: () => ConformanceFinding[]): ConformanceFinding[] {
  try {
    return run();
  } catch (e) {
    // A span object hostile enough to break the normalizer is itself the finding.
    const name = typeof span === 'object' && span !== null ? 'unreadable span' : String(span);
    return [{ spanId: '', spanName: name, rule: ConformanceRule.MALFORMED_SPAN, level: 'error', message: `the span could not be read: ${e instanceof Error ? e.message : String(e)}` }];
  }
}

/**
 * Checks one span against the LLM Trace conventions. Accepts an SDK `ReadableSpan` or an OTLP
 * JSON span; never throws. Rules that need the span's parent (STEP under AGENT, ENTRY at the
 * root of its service) need `validateSpans`.
 *
 * @example
 * import { validateSpan } from '@llm-trace/testing';
 * const findings = validateSpan({ spanId: 'b7ad6b7169203331', name: 'chat', kind: 3, attributes: [] });
 * const errors = findings.filter((f) => f.level === 'error');
 */
export function validateSpan(span: unknown): ConformanceFinding[] {
  return guard(span, () => {
    if (typeof span !== 'object' || span === null) {
      return [{ spanId: '', spanName: '', rule: ConformanceRule.MALFORMED_SPAN, level: 'error', message: `expected a span object, got ${span === null ? 'null' : typeof span}` }];
    }
    const r = isSpanRecord(span) ? span : toSpanRecord(span);
    const f = new Findings(r);
    checkOne(r, f);
    return f.list;
  });
}

/**
 * Checks a batch of spans (a trace, or several): every rule of `validateSpan`, plus the
 * parent/child rules. Spans with no `gen_ai.*` key of their own (the session keys every span in a
 * session carries do not count) are skipped unless
 * `includeNonLlmSpans` is set; `scopes` / `ownSpansOnly` narrow the check to the spans of given
 * tracers. Another library's span that follows the OTel GenAI conventions but has no
 * `gen_ai.span.kind` gets a warning, not an error. Never throws on spans (bad options throw a
 * `TypeError` naming the option).
 *
 * @example
 * import { createTestTracing, validateSpans } from '@llm-trace/testing';
 * const tracing = createTestTracing();
 * const errors = validateSpans(tracing.getSpans()).filter((f) => f.level === 'error');
 * await tracing.shutdown();
 */
export function validateSpans(spans: Iterable<unknown>, options: ValidateOptions = {}): ConformanceFinding[] {
  // Bad options are the caller's mistake, not a finding about the spans: they throw.
  const inScope = checkScopesOption(options);
  return guard(spans, () => {
    const list: unknown[] = [];
    const malformed: ConformanceFinding[] = [];
    for (const s of spans) {
      if (typeof s === 'object' && s !== null) list.push(s);
      else malformed.push(...validateSpan(s));
    }
    return [...malformed, ...validateRecords(records(list), options, inScope)];
  });
}

/**
 * Formats findings one per line (`error  chat gpt-4o  gen_ai.provider.name  [required-attribute]
 * is required on LLM spans`), for test failure messages and logs.
 *
 * @example
 * import { formatFindings, validateSpans } from '@llm-trace/testing';
 * const text = formatFindings(validateSpans([]));
 */
export function formatFindings(findings: readonly ConformanceFinding[]): string {
  return findings
    .map((f) => `${f.level === 'error' ? 'error  ' : 'warning'} ${f.spanName || '(unnamed)'} (${f.spanId || 'no id'})${f.key === undefined ? '' : ` ${f.key}`} [${f.rule}] ${f.message}`)
    .join('\n');
}
