/** The bounded JSON encoder the content writer uses. */
import { encodeJson } from '../../src/content/json-encode';

const opts = { maxLength: 1000, maxDepth: 8, maxItems: 100 };

it('encodes plain data exactly like JSON.stringify', () => {
  const v = { a: 1, b: 'x"y', c: [true, null, 2.5], d: { e: [] }, skip: undefined, date: new Date(0) };
  expect(encodeJson(v, opts)).toBe(JSON.stringify(v));
});

it('survives cycles, BigInt, throwing getters and throwing toJSON', () => {
  const o: Record<string, unknown> = { n: 1n };
  o.self = o;
  Object.defineProperty(o, 'bad', { enumerable: true, get: () => { throw new Error('no'); } });
  o.json = { toJSON: () => { throw new Error('no'); } };
  expect(JSON.parse(encodeJson(o, opts))).toEqual({ n: '1', self: '[Circular]', bad: '[Unreadable]', json: '[Unreadable]' });
});

it('caps depth, items and length', () => {
  expect(encodeJson({ a: { b: { c: 1 } } }, { ...opts, maxDepth: 2 })).toBe('{"a":{"b":"[Object]"}}');
  expect(encodeJson([1, 2, 3, 4], { ...opts, maxItems: 2 })).toBe('[1,2,"[+2 more]"]');
  const s = encodeJson({ text: 'x'.repeat(5_000_000) }, { ...opts, maxLength: 50 });
  expect(s.length).toBe(50);
  expect(s.endsWith('...[truncated]')).toBe(true);
});

it('calls transform on every value with its key and path', () => {
  const seen: string[] = [];
  const out = encodeJson({ user: { email: 'a@b' }, list: ['x'] }, { ...opts, transform: (v, k, p) => (seen.push(p.join('.')), k === 'email' ? '[REDACTED]' : v) });
  expect(out).toBe('{"user":{"email":"[REDACTED]"},"list":["x"]}');
  expect(seen).toEqual(['', 'user', 'user.email', 'list', 'list.0']);
});
