/**
 * The jest matchers as plain functions over a minimal matcher context, so they carry no
 * dependency on `expect` itself; `@llm-trace/testing/jest` registers them.
 */
import { ATTR_GEN_AI_SPAN_KIND, isLlmSpanKind } from '@llm-trace/semconv';
import type { LlmSpanKind } from '@llm-trace/semconv';
import { formatFindings, validateSpan } from './validate';
import { plainValue, toSpanRecord } from './span-record';
import type { SpanRecord } from './span-record';

/**
 * What `toHaveLlmSpan` looks for: a span of `kind`, optionally with this `name` and these
 * attributes (a subset; values may be asymmetric matchers such as `expect.any(Number)`).
 *
 * @example
 * import type { LlmSpanExpectation } from '@llm-trace/testing';
 * const expected: LlmSpanExpectation = { kind: 'TOOL', name: 'execute_tool search', attributes: { 'gen_ai.tool.name': 'search' } };
 */
export interface LlmSpanExpectation {
  readonly kind: LlmSpanKind;
  readonly name?: string | RegExp;
  readonly attributes?: Readonly<Record<string, unknown>>;
}

/**
 * The part of jest's matcher `this` the matchers use, so they can run outside jest too.
 *
 * @example
 * import { toHaveLlmSpan } from '@llm-trace/testing';
 * import type { MatcherContextLike } from '@llm-trace/testing';
 * const ctx: MatcherContextLike = { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) };
 * const { pass } = toHaveLlmSpan.call(ctx, [], { kind: 'LLM' });
 */
export interface MatcherContextLike {
  readonly isNot?: boolean;
  equals(a: unknown, b: unknown): boolean;
}

/**
 * A matcher's answer, as jest expects it.
 *
 * @example
 * import { toBeConformantLlmSpan } from '@llm-trace/testing';
 * import type { MatcherResult } from '@llm-trace/testing';
 * const result: MatcherResult = toBeConformantLlmSpan.call({ equals: Object.is }, {});
 * const why = result.pass ? '' : result.message();
 */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

function spansOf(received: unknown): unknown[] | undefined {
  if (Array.isArray(received)) return received;
  const getSpans = typeof received === 'object' && received !== null ? (received as { getSpans?: unknown }).getSpans : undefined;
  if (typeof getSpans === 'function') {
    const spans: unknown = getSpans.call(received);
    return Array.isArray(spans) ? spans : undefined;
  }
  return undefined;
}

function attributesOf(r: SpanRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of r.attributes) out[k] = plainValue(v);
  return out;
}

function kindOf(r: SpanRecord): string | undefined {
  const v = r.attributes.get(ATTR_GEN_AI_SPAN_KIND);
  return v?.type === 'string' ? v.value : undefined;
}

function show(v: unknown): string {
  if (v instanceof RegExp) return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * `expect(span).toBeConformantLlmSpan()`: passes when the validator finds no error on the span;
 * the failure message lists every finding.
 *
 * @example
 * import { toBeConformantLlmSpan } from '@llm-trace/testing';
 * const result = toBeConformantLlmSpan.call({ equals: Object.is }, {});
 */
export function toBeConformantLlmSpan(this: MatcherContextLike, received: unknown): MatcherResult {
  const findings = validateSpan(received);
  const errors = findings.filter((f) => f.level === 'error');
  const name = toSpanRecord(typeof received === 'object' && received !== null ? received : {}).name;
  const pass = errors.length === 0;
  return {
    pass,
    message: () =>
      pass
        ? `expected span "${name}" not to be a conformant LLM span, but it has no errors${findings.length > 0 ? `; warnings:\n${formatFindings(findings)}` : ''}`
        : `expected span "${name}" to be a conformant LLM span; ${errors.length} error(s):\n${formatFindings(findings)}`,
  };
}

/**
 * `expect(tracing).toHaveLlmSpan({ kind, name?, attributes? })` (or an array of spans): passes
 * when some recorded span matches; the failure message lists the spans of that kind and what
 * differs on each.
 *
 * @example
 * import { toHaveLlmSpan } from '@llm-trace/testing';
 * const result = toHaveLlmSpan.call({ equals: Object.is }, [], { kind: 'LLM' });
 */
export function toHaveLlmSpan(this: MatcherContextLike, received: unknown, expected: LlmSpanExpectation): MatcherResult {
  if (typeof expected !== 'object' || expected === null || !isLlmSpanKind(expected.kind)) {
    throw new TypeError(`toHaveLlmSpan: expected.kind must be one of the LLM span kinds, got ${show((expected as { kind?: unknown } | null)?.kind)}`);
  }
  const spans = spansOf(received);
  if (spans === undefined) {
    throw new TypeError('toHaveLlmSpan: the received value must be a TestTracing (from createTestTracing()) or an array of spans');
  }
  const records = spans.map((s) => toSpanRecord(s));
  const wantName = expected.name;
  const nameMatches = (n: string) => (wantName === undefined ? true : wantName instanceof RegExp ? wantName.test(n) : n === wantName);
  const sameKind = records.filter((r) => kindOf(r) === expected.kind);
  const differences = (r: SpanRecord): string[] => {
    const out: string[] = [];
    if (!nameMatches(r.name)) out.push(`name ${show(r.name)} ≠ ${show(wantName)}`);
    const attrs = attributesOf(r);
    for (const [k, want] of Object.entries(expected.attributes ?? {})) {
      if (!(k in attrs)) out.push(`${k} missing (want ${show(want)})`);
      else if (!this.equals(attrs[k], want)) out.push(`${k} = ${show(attrs[k])} (want ${show(want)})`);
    }
    return out;
  };
  const match = sameKind.find((r) => differences(r).length === 0);
  const pass = match !== undefined;
  const wanted = `${expected.kind} span${wantName === undefined ? '' : ` named ${show(wantName)}`}${expected.attributes === undefined ? '' : ` with ${show(expected.attributes)}`}`;
  return {
    pass,
    message: () => {
      if (pass) return `expected no ${wanted}, but found "${match.name}" (${match.spanId})`;
      if (sameKind.length === 0) {
        const seen = records.map((r) => `  ${r.name}${kindOf(r) === undefined ? '' : ` [${kindOf(r)}]`}`).join('\n') || '  (none)';
        return `expected a ${wanted}, but no span has gen_ai.span.kind ${expected.kind}; recorded spans:\n${seen}`;
      }
      const lines = sameKind.map((r) => `  "${r.name}" (${r.spanId}): ${differences(r).join('; ')}`).join('\n');
      return `expected a ${wanted}; the ${expected.kind} spans differ:\n${lines}`;
    },
  };
}
