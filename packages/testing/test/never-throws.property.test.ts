import fc from 'fast-check';
import { SEMCONV_MODEL } from '@llm-trace/semconv';
import { buildTraceTree, formatFindings, formatTraceTree, validateSpan, validateSpans } from '../src/index';

const modelKeys = SEMCONV_MODEL.attributes.map((a) => a.key);
const key = fc.oneof(fc.constantFrom(...modelKeys, 'gen_ai.span.kind', 'gen_ai.operation.name'), fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString'));
const kindValue = fc.oneof(fc.constantFrom(...SEMCONV_MODEL.kinds.map((k) => k.kind)), fc.anything());
const jsonish = fc.oneof(fc.json(), fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)));
const value = fc.oneof(fc.anything(), jsonish, fc.array(fc.oneof(fc.string(), fc.double(), fc.integer(), fc.constant(null))), kindValue);

/** An SDK-shaped span: attributes as a plain map. */
const sdkSpan = fc.record({
  name: fc.oneof(fc.string(), fc.anything()),
  kind: fc.oneof(fc.integer({ min: -2, max: 9 }), fc.anything()),
  attributes: fc.oneof(fc.dictionary(key, value), fc.anything()),
  status: fc.anything(),
  parentSpanContext: fc.anything(),
  events: fc.anything(),
  startTime: fc.anything(),
  ids: fc.record({ traceId: fc.anything(), spanId: fc.anything() }),
}).map(({ ids, ...rest }) => ({ ...rest, spanContext: () => ids }));

/** An OTLP-shaped span: attributes as {key, value: AnyValue}. */
const anyValue = fc.oneof(
  fc.record({ stringValue: fc.anything() }),
  fc.record({ intValue: fc.oneof(fc.string(), fc.integer(), fc.anything()) }),
  fc.record({ doubleValue: fc.anything() }),
  fc.record({ boolValue: fc.anything() }),
  fc.record({ arrayValue: fc.oneof(fc.record({ values: fc.array(fc.record({ stringValue: fc.string() })) }), fc.anything()) }),
  fc.anything(),
);
const otlpSpan = fc.record(
  {
    traceId: fc.anything(),
    spanId: fc.oneof(fc.stringMatching(/^[0-9a-f]{16}$/), fc.anything()),
    parentSpanId: fc.anything(),
    name: fc.anything(),
    kind: fc.anything(),
    status: fc.anything(),
    attributes: fc.oneof(fc.array(fc.record({ key, value: anyValue })), fc.anything()),
  },
  { requiredKeys: [] },
);

/**
 * validateSpan has a last-resort guard that turns an internal exception into a finding; the
 * normalizer and rules must not lean on it, so a guard finding fails these properties.
 */
function noGuardFinding(findings: readonly { message: string }[]): void {
  expect(findings.filter((f) => f.message.startsWith('the span could not be read'))).toEqual([]);
}

describe('the validator never throws', () => {
  it('on random and malformed SDK-shaped spans', () => {
    fc.assert(
      fc.property(fc.array(sdkSpan, { maxLength: 5 }), (spans) => {
        for (const s of spans) noGuardFinding(validateSpan(s));
        const findings = validateSpans(spans, { includeNonLlmSpans: true });
        noGuardFinding(findings);
        expect(typeof formatFindings(findings)).toBe('string');
        expect(typeof formatTraceTree(buildTraceTree(spans))).toBe('string');
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it('on random and malformed OTLP-shaped spans', () => {
    fc.assert(
      fc.property(fc.array(otlpSpan, { maxLength: 5 }), (spans) => {
        for (const s of spans) noGuardFinding(validateSpan(s));
        noGuardFinding(validateSpans(spans, { includeNonLlmSpans: true }));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it('on anything at all', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        noGuardFinding(validateSpan(input));
        noGuardFinding(validateSpans([input]));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it('every finding is well formed', () => {
    fc.assert(
      fc.property(sdkSpan, (span) => {
        for (const f of validateSpan(span)) {
          expect(typeof f.spanId).toBe('string');
          expect(typeof f.spanName).toBe('string');
          expect(['error', 'warning']).toContain(f.level);
          expect(f.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
