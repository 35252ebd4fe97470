import fc from 'fast-check';
import { safeStringify, SERIALIZE_TRUNCATION_MARKER, type SerializeOptions } from '../../src/serialize';

const opts: SerializeOptions = { maxLength: 10_000, maxDepth: 8, maxItems: 100 };
const s = (v: unknown, o: Partial<SerializeOptions> = {}) => safeStringify(v, { ...opts, ...o });

describe('safeStringify', () => {
  it('writes a top-level string as-is, capped', () => {
    expect(s('hello "x"')).toBe('hello "x"');
    const out = s('a'.repeat(100), { maxLength: 20 });
    expect(out).toHaveLength(20);
    expect(out.endsWith(SERIALIZE_TRUNCATION_MARKER)).toBe(true);
  });
  it('encodes plain JSON like JSON.stringify', () => {
    const v = { a: 1, b: [true, null, 'x'], c: { d: 'e' } };
    expect(s(v)).toBe(JSON.stringify(v));
    expect(s(undefined)).toBe('');
    expect(s(42)).toBe('42');
  });
  it('survives cycles', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expect(s(a)).toBe('{"x":1,"self":"[Circular]"}');
    // a shared (non-cyclic) reference is written twice, not marked circular
    const shared = { k: 1 };
    expect(s([shared, shared])).toBe('[{"k":1},{"k":1}]');
  });
  it('handles BigInt, Map, Set, Date, symbols, functions', () => {
    expect(s({ n: 12345678901234567890n })).toBe('{"n":"12345678901234567890"}');
    expect(s(new Map<unknown, unknown>([['a', 1], [2, 'b']]))).toBe('{"a":1,"2":"b"}');
    expect(s(new Set([1, 2]))).toBe('[1,2]');
    expect(s({ d: new Date(0) })).toBe('{"d":"1970-01-01T00:00:00.000Z"}');
    expect(s({ d: new Date(NaN) })).toBe('{"d":null}');
    expect(s([Symbol('q')])).toBe('["Symbol(q)"]');
    expect(s({ f: function named() {} })).toBe('{"f":"[Function named]"}');
    expect(s({ u: undefined, n: NaN })).toBe('{"n":null}');
  });
  it('writes Errors with name, message and own fields, and causes', () => {
    const e = Object.assign(new TypeError('bad', { cause: new Error('root') }), { code: 'E1' });
    expect(JSON.parse(s(e))).toEqual({ name: 'TypeError', message: 'bad', code: 'E1', cause: { name: 'Error', message: 'root' } });
  });
  it('summarises Buffer, TypedArray and ArrayBuffer', () => {
    expect(s({ b: Buffer.alloc(1024) })).toBe('{"b":"[Buffer 1024 bytes]"}');
    expect(s(new Float32Array(4))).toBe('"[Float32Array 16 bytes]"');
    expect(s(new ArrayBuffer(8))).toBe('"[ArrayBuffer 8 bytes]"');
  });
  it('writes class instances by own fields, and throwing getters/toJSON as markers', () => {
    class Point {
      constructor(public x: number, public y: number) {}
      norm() { return 0; }
    }
    expect(s(new Point(1, 2))).toBe('{"x":1,"y":2}');
    const bad = Object.defineProperty({ ok: 1 }, 'boom', { enumerable: true, get() { throw new Error('nope'); } });
    expect(s(bad)).toBe('{"ok":1,"boom":"[Throws: nope]"}');
    expect(s({ t: { toJSON() { throw new Error('tj'); } } })).toBe('{"t":"[Throws: tj]"}');
    expect(s({ t: { toJSON: () => ({ z: 1 }) } })).toBe('{"t":{"z":1}}');
    const proxy = new Proxy({}, { ownKeys() { throw new Error('trap'); } });
    expect(s(proxy)).toBe('[Unserializable: trap]');
  });
  it('caps depth, items and length with markers', () => {
    expect(s({ a: { b: { c: { d: 1 } } } }, { maxDepth: 2 })).toBe('{"a":{"b":"[Object]"}}');
    expect(s([1, 2, 3, 4, 5], { maxItems: 2 })).toBe('[1,2,"[+3 more]"]');
    expect(s({ a: 1, b: 2, c: 3 }, { maxItems: 1 })).toBe('{"a":1,"[+2 more keys]":null}');
    const out = s({ text: 'x'.repeat(1000) }, { maxLength: 50 });
    expect(out).toHaveLength(50);
    expect(out.endsWith(SERIALIZE_TRUNCATION_MARKER)).toBe(true);
  });
  it('applies transform to every value with key and path', () => {
    const seen: string[] = [];
    const out = s({ user: { password: 'p', name: 'n' } }, {
      transform: (v, key, path) => {
        seen.push(path.join('.'));
        return key === 'password' ? '[REDACTED]' : v;
      },
    });
    expect(out).toBe('{"user":{"password":"[REDACTED]","name":"n"}}');
    expect(seen).toEqual(['', 'user', 'user.password', 'user.name']);
    expect(s({ a: 1 }, { transform: () => { throw new Error('t'); } })).toBe('[Transform failed: t]');
  });
  it('bounds work by the cap: a 10 MB input produces a capped output without walking it all', () => {
    const big = { messages: Array.from({ length: 200_000 }, (_, i) => ({ role: 'user', content: `m${i} ${'y'.repeat(40)}` })) };
    let reads = 0;
    const out = s(big, { maxLength: 1000, maxItems: 1_000_000, transform: (v) => { reads++; return v; } });
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(reads).toBeLessThan(200);
    const hugeString = 'z'.repeat(10 * 1024 * 1024);
    expect(s({ q: hugeString }, { maxLength: 64 })).toHaveLength(64);
  });
});

describe('string quoting', () => {
  it('encodes keys and strings exactly as JSON.stringify, escapes and lone surrogates included', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }))), (obj) => {
        expect(safeStringify(obj, { maxLength: 1e6, maxDepth: 4, maxItems: 1000 })).toBe(JSON.stringify(obj));
      }),
    );
    const tricky = { 'a"b': 'x\\y', '\n': '\u0000\u001f', lone: '\ud800', pair: '😀', tab: '\t' };
    expect(safeStringify(tricky, { maxLength: 1e6, maxDepth: 4, maxItems: 100 })).toBe(JSON.stringify(tricky));
  });
});
