/**
 * The serializer's native path: a plain value within the caps is encoded with JSON.stringify,
 * and that must be byte for byte what the safe walk writes. Everything else (and every value
 * past a cap) must still take the walk. An identity `transform` without `unchanged` forces the
 * walk, so comparing the two settings compares the two paths.
 */
import fc from 'fast-check';
import { createRedactor } from '../../src/redact/redactor';
import { SECRET_KEY_RULES, SECRET_PATTERN_RULES } from '../../src/redact/rules';
import { safeStringify, type SerializeOptions } from '../../src/serialize';

const identity = (v: unknown) => v;
const walk = (v: unknown, o: SerializeOptions) => safeStringify(v, { ...o, transform: identity });

/** An object built the way JSON.parse builds one: `__proto__` becomes an own key, not the prototype. */
function objectOf(entries: readonly (readonly [string, unknown])[], nullProto: boolean): Record<string, unknown> {
  const o: Record<string, unknown> = nullProto ? Object.create(null) : {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

const keyArb = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'length', '0', '7', '10', 'a"b', '\n', '\ud800', 'é') },
);
const leafArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.double(),
  fc.constantFrom(-0, 0, 1e21, -1e-7, Number.MAX_SAFE_INTEGER + 2, Number.MAX_VALUE, NaN, Infinity, -Infinity),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const { plain } = fc.letrec<{ plain: unknown; list: unknown[]; dict: Record<string, unknown> }>((tie) => ({
  plain: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leafArb, tie('list'), tie('dict')),
  list: fc.oneof(fc.array(tie('plain'), { maxLength: 7 }), fc.sparseArray(tie('plain'), { maxLength: 7 })),
  dict: fc.tuple(fc.array(fc.tuple(keyArb, tie('plain')), { maxLength: 7 }), fc.boolean()).map(([entries, nullProto]) => objectOf(entries, nullProto)),
}));
const capsArb = fc.record({ maxLength: fc.integer({ min: 1, max: 400 }), maxDepth: fc.integer({ min: 1, max: 6 }), maxItems: fc.integer({ min: 1, max: 8 }) });
const wide: SerializeOptions = { maxLength: 1e6, maxDepth: 64, maxItems: 1000 };

describe('native encoding of plain values', () => {
  it('writes exactly what the safe walk writes, at and over every cap', () => {
    fc.assert(
      fc.property(plain, capsArb, (v, caps) => {
        expect(safeStringify(v, caps)).toBe(walk(v, caps));
      }),
      { numRuns: 1000 },
    );
  });

  it('is JSON.stringify for plain values within the caps, and the walk (a transform) never runs', () => {
    fc.assert(
      fc.property(plain, (v) => {
        let calls = 0;
        const out = safeStringify(v, { ...wide, transform: (x) => (calls++, x), unchanged: () => true });
        if (typeof v !== 'string' && v !== undefined) {
          expect(out).toBe(JSON.stringify(v));
          expect(calls).toBe(0);
        }
        expect(out).toBe(walk(v, wide));
      }),
      { numRuns: 500 },
    );
  });

  it('takes the walk at each cap: depth, items per container, length, escapes past the length', () => {
    const o: SerializeOptions = { maxLength: 40, maxDepth: 2, maxItems: 3 };
    const cases: unknown[] = [
      { a: { b: { c: 1 } } },
      [[[1]]],
      [1, 2, 3, 4],
      { a: 1, b: 2, c: 3, d: 4 },
      { text: 'x'.repeat(60) },
      { text: '"'.repeat(20) },
      { text: '\u0001'.repeat(10) },
    ];
    for (const v of cases) {
      let calls = 0;
      const out = safeStringify(v, { ...o, transform: (x) => (calls++, x), unchanged: () => true });
      expect(calls).toBeGreaterThan(0);
      expect(out).toBe(walk(v, o));
      expect(out.length).toBeLessThanOrEqual(o.maxLength);
    }
    // At the caps exactly, the native path is still taken.
    for (const v of [{ a: { b: 1 } }, [1, 2, 3], { a: 1, b: 2, c: 3 }, { t: 'x'.repeat(30) }]) {
      const atCap = { ...o, maxLength: JSON.stringify(v).length };
      let calls = 0;
      expect(safeStringify(v, { ...atCap, transform: (x) => (calls++, x), unchanged: () => true })).toBe(JSON.stringify(v));
      expect(calls).toBe(0);
    }
  });

  it('leaves every value that is not plain JSON to the walk', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    class Point {
      constructor(public x: number) {}
    }
    const throwing = Object.defineProperty({ ok: 1 }, 'boom', { enumerable: true, get: () => { throw new Error('nope'); } });
    const arrayWithToJSON = Object.assign([1, 2], { toJSON: () => 'replaced' });
    const sparse: unknown[] = [];
    sparse.length = 1e9;
    const wideObject: Record<string, number> = {};
    for (let i = 0; i < 2000; i++) wideObject[`k${i}`] = i;
    const values: unknown[] = [
      cyclic,
      { n: 1n },
      new Map([['a', 1]]),
      new Set([1]),
      { d: new Date(0) },
      new Error('e'),
      new Point(1),
      throwing,
      { t: { toJSON: () => ({ z: 1 }) } },
      arrayWithToJSON,
      { f: () => 1 },
      { s: Symbol('q') },
      new Uint8Array(4),
      sparse,
      wideObject,
      { big: 'z'.repeat(10 * 1024 * 1024) },
    ];
    for (const v of values) {
      let calls = 0;
      const out = safeStringify(v, { maxLength: 32768, maxDepth: 8, maxItems: 100, transform: (x) => (calls++, x), unchanged: () => true });
      expect(calls).toBeGreaterThan(0);
      expect(out).toBe(walk(v, { maxLength: 32768, maxDepth: 8, maxItems: 100 }));
    }
  });
});

const SECRET_NAMES = SECRET_KEY_RULES.flatMap((r) => r.examples);
const SECRET_TEXTS = SECRET_PATTERN_RULES.map((r) => r.example.text);

describe('native encoding with redaction', () => {
  const r = createRedactor({ defaults: true }, 'gen_ai.input.messages', 32768);
  const redacting = (v: unknown): SerializeOptions => ({ maxLength: 32768, maxDepth: 8, maxItems: 100, transform: r.transform, unchanged: r.unchanged });

  // Values that mix ordinary data with secret names, secret text and name=value pairs.
  const secretKey = fc.oneof(keyArb, fc.constantFrom(...SECRET_NAMES), fc.constantFrom(...SECRET_NAMES).map((n) => n.toUpperCase()));
  const secretLeaf = fc.oneof(
    leafArb,
    fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...SECRET_TEXTS), fc.string({ maxLength: 20 })).map((p) => p.join(' ')),
    fc.tuple(fc.constantFrom(...SECRET_NAMES), fc.constantFrom('=', ': ', '":"'), fc.stringMatching(/^[A-Za-z0-9]{6,20}$/)).map((p) => p.join('')),
  );
  const { value } = fc.letrec<{ value: unknown; list: unknown[]; dict: Record<string, unknown> }>((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, secretLeaf, tie('list'), tie('dict')),
    list: fc.array(tie('value'), { maxLength: 5 }),
    dict: fc.array(fc.tuple(secretKey, tie('value')), { maxLength: 5 }).map((e) => objectOf(e, false)),
  }));

  it('writes exactly what the redacting walk writes (the one-scan check never lets a secret through)', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(safeStringify(v, redacting(v))).toBe(safeStringify(v, { ...redacting(v), unchanged: undefined }));
      }),
      { numRuns: 1000 },
    );
  });

  it('skips the transform for clean plain values, and redacts every secret shape', () => {
    let calls = 0;
    const counting: SerializeOptions = { ...redacting(null), transform: (v, k, p) => (calls++, r.transform(v, k, p)) };
    const clean = [{ role: 'user', parts: [{ type: 'text', content: 'What is OpenTelemetry?' }] }];
    expect(safeStringify(clean, counting)).toBe(JSON.stringify(clean));
    expect(calls).toBe(0);
    for (const name of SECRET_NAMES) {
      const out = safeStringify({ q: 'ok', [name]: 'Val-0123456789' }, counting);
      expect(out).not.toContain('Val-0123456789');
    }
    for (const rule of SECRET_PATTERN_RULES) {
      expect(safeStringify({ note: rule.example.text }, counting)).not.toContain(rule.example.secret);
    }
  });

  it('never proves clean a user property name that only matches after lower-casing', () => {
    // The Kelvin sign lower-cases to "k", which a case-insensitive scan does not see as "k".
    const user = createRedactor({ defaults: false, keys: ['key'] }, 'x', 1000);
    const o: SerializeOptions = { maxLength: 1000, maxDepth: 4, maxItems: 10, transform: user.transform, unchanged: user.unchanged };
    expect(safeStringify({ '\u212Aey': 'v-123' }, o)).toBe('{"\u212Aey":"[REDACTED]"}');
  });

  it('offers no shortcut when a hook, key paths, patterns or key patterns must see every value', () => {
    expect(createRedactor({ hook: (v) => v }, 'x').unchanged).toBeUndefined();
    expect(createRedactor({ paths: ['a.b'] }, 'x').unchanged).toBeUndefined();
    expect(createRedactor({ patterns: [/\d{16}/g] }, 'x').unchanged).toBeUndefined();
    expect(createRedactor({ keys: [/^x-/] }, 'x').unchanged).toBeUndefined();
    expect(createRedactor({ keys: ['a"b'] }, 'x').unchanged).toBeUndefined();
    expect(createRedactor({ defaults: true }, 'x').unchanged).toBeDefined();
    // The part-by-part form exists exactly when the scan does.
    expect(createRedactor({ hook: (v) => v }, 'x').parts).toBeUndefined();
    expect(createRedactor({ keys: [/^x-/] }, 'x').parts).toBeUndefined();
    expect(createRedactor({ defaults: true }, 'x').parts).toBeDefined();
  });
});

describe('native encoding with redaction, checked part by part', () => {
  // The redactor's check is given to the serializer part by part (`parts`: each property name,
  // each string, while it checks the value is plain) or as `unchanged` alone (one scan of the
  // JSON text). Both must write what the full walk writes.
  const OPTIONS = [{ defaults: true }, { defaults: false, keys: ['key', 'myField'] }, { keys: ['sessionid', 'é'] }];
  const userNames = ['key', 'KEY', '\u212Aey', 'myfield', 'MyField', 'sessionId', 'é', 'É', 'url', 'tokens', 'keys', 'author'];
  const secretKey = fc.oneof(keyArb, fc.constantFrom(...SECRET_NAMES, ...userNames));
  const secretLeaf = fc.oneof(
    leafArb,
    fc.tuple(fc.string({ maxLength: 12 }), fc.constantFrom(...SECRET_TEXTS), fc.string({ maxLength: 12 })).map((p) => p.join(' ')),
    fc.tuple(fc.constantFrom(...SECRET_NAMES, ...userNames), fc.constantFrom('=', ': ', '":"', '\\":\\"'), fc.stringMatching(/^[A-Za-z0-9]{6,20}$/)).map((p) => p.join('')),
    fc.constantFrom('https://example.com/a', 'sk-', 'pwd', 'ur', 'l', 'ke', 'y'),
  );
  const { value } = fc.letrec<{ value: unknown; list: unknown[]; dict: Record<string, unknown> }>((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, secretLeaf, tie('list'), tie('dict')),
    list: fc.array(tie('value'), { maxLength: 5 }),
    dict: fc.tuple(fc.array(fc.tuple(secretKey, tie('value')), { maxLength: 5 }), fc.boolean()).map(([e, nullProto]) => objectOf(e, nullProto)),
  }));

  it.each(OPTIONS.map((o, i) => [i, o] as const))('writes what the redacting walk writes, both ways (options %i)', (_i, redaction) => {
    const r = createRedactor(redaction, 'gen_ai.tool.call.arguments', 32768);
    const { unchanged, parts } = r;
    expect(parts).toBeDefined();
    fc.assert(
      fc.property(value, capsArb, (v, caps) => {
        const base: SerializeOptions = { ...caps, transform: r.transform };
        const full = safeStringify(v, base);
        expect(safeStringify(v, { ...base, unchanged, parts })).toBe(full);
        expect(safeStringify(v, { ...base, unchanged })).toBe(full);
      }),
      { numRuns: 1500 },
    );
  });

  it('encodes natively a clean value whose property names hold trigger words but are not secret', () => {
    const r = createRedactor({ defaults: true }, 'gen_ai.tool.call.result', 32768);
    let calls = 0;
    const o: SerializeOptions = { maxLength: 32768, maxDepth: 8, maxItems: 100, transform: (v, k, p) => (calls++, r.transform(v, k, p)), unchanged: r.unchanged, parts: r.parts };
    const clean = { url: 42, tokens: 12, keys: ['a', 'b'], author: 'Ada', monkey: true, description: 'a page' };
    expect(safeStringify(clean, o)).toBe(JSON.stringify(clean));
    expect(calls).toBe(0);
    // A secret name, or a string holding a trigger word, still goes through the transform.
    for (const v of [{ apiKey: 'v-123456' }, { note: 'see https://u:pw@host/x' }, [{ a: 'Bearer abcDEF123456789' }]]) {
      calls = 0;
      const out = safeStringify(v, o);
      expect(calls).toBeGreaterThan(0);
      expect(out).toContain('[REDACTED]');
    }
    // A user name that only matches after lower-casing (the Kelvin sign) is still caught.
    const user = createRedactor({ defaults: false, keys: ['key'] }, 'x', 1000);
    expect(safeStringify({ '\u212Aey': 'v-123' }, { maxLength: 1000, maxDepth: 4, maxItems: 10, transform: user.transform, unchanged: user.unchanged, parts: user.parts })).toBe('{"\u212Aey":"[REDACTED]"}');
  });
});
