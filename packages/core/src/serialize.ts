/**
 * The one safe serializer every captured value goes through.
 *
 * Its cost is bounded by the caps, never by the input: strings are cut before they are escaped,
 * containers stop after `maxItems`, nesting stops at `maxDepth`, and the walk aborts as soon as
 * the output passes `maxLength`. It never throws.
 *
 * Decision on plain strings: a string passed as the whole value is returned as-is (capped), not
 * JSON-quoted, because the attributes it feeds (`input.value`, `gen_ai.tool.call.result`, ...)
 * are plain text when the value is text. Strings inside objects are JSON-encoded as usual.
 */

/**
 * Options of `safeStringify`.
 * @example
 * ```ts
 * import type { SerializeOptions } from '@llm-trace/core/extend';
 * const options: SerializeOptions = { maxLength: 32768, maxDepth: 8, maxItems: 100, transform: (v, key) => (key === 'password' ? '[REDACTED]' : v) };
 * ```
 */
export interface SerializeOptions {
  /** Longest output in characters, truncation marker included. */
  maxLength: number;
  /** Deepest nesting followed; deeper containers become `"[Object]"` / `"[Array]"`. */
  maxDepth: number;
  /** Most array items / object keys / map or set entries written per container. */
  maxItems: number;
  /** Called on every value before it is written; return a replacement (used for redaction). */
  transform?: (value: unknown, key: string | number | undefined, path: readonly (string | number)[]) => unknown;
  /**
   * A cheap proof that `transform` would change nothing: given the plain JSON encoding of a
   * value, returns true only when `transform` would return the value and every part of it
   * unchanged. Lets a plain value within the caps be encoded natively with `transform` skipped;
   * without it, a `transform` always means the full walk.
   */
  unchanged?: (json: string) => boolean;
  /**
   * The same proof made part by part while the value is checked for plainness (see
   * `PartChecks`); used instead of `unchanged` when given.
   */
  parts?: PartChecks;
}

/**
 * Appended to any output cut at `maxLength`.
 * @example
 * ```ts
 * import { safeStringify, SERIALIZE_TRUNCATION_MARKER } from '@llm-trace/core/extend';
 * safeStringify('x'.repeat(100), { maxLength: 20, maxDepth: 4, maxItems: 10 }).endsWith(SERIALIZE_TRUNCATION_MARKER); // true
 * ```
 */
export const SERIALIZE_TRUNCATION_MARKER = '...[truncated]';

class OutputFull extends Error {}

// Characters JSON.stringify would escape (quote, backslash, controls, and any surrogate, since a
// lone one is escaped too). Strings without them are quoted directly: about twice as fast as a
// JSON.stringify call for the short keys and values payloads are made of.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/**
 * The first `keep` characters of `s`, then `suffix`, as a new string that shares no memory with `s`.
 *
 * Why a copy: JavaScript engines keep `s.slice()` of a long string as a view into `s` (V8's sliced
 * strings) and `a + b` as a pair of references, so a 32 kB cut of a 10 MB tool result would keep
 * all 10 MB alive for as long as the span is held, for example in an exporter's queue while the
 * collector is down. Joining two or more pieces writes them into one new string; a join of a
 * single piece may hand back the piece itself, hence the split when there is no suffix.
 *
 * @example
 * ```ts
 * import { detachedPrefix } from '@llm-trace/core/extend';
 * detachedPrefix('x'.repeat(1_000_000), 10, '...'); // 'xxxxxxxxxx...', holding nothing of the original
 * ```
 */
export function detachedPrefix(s: string, keep: number, suffix = ''): string {
  const n = Math.min(Math.max(0, keep), s.length);
  if (suffix) return [s.slice(0, n), suffix].join('');
  return n === 0 ? '' : [s.slice(0, n - 1), s[n - 1]].join('');
}

function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= SERIALIZE_TRUNCATION_MARKER.length) return detachedPrefix(s, max);
  return detachedPrefix(s, max - SERIALIZE_TRUNCATION_MARKER.length, SERIALIZE_TRUNCATION_MARKER);
}

function errorMessage(err: unknown): string {
  try {
    return err instanceof Error ? err.message : String(err);
  } catch {
    return 'unknown error';
  }
}

/**
 * Serializes any value to a string of at most `maxLength` characters. Never throws.
 *
 * - objects, arrays → JSON; `Map` → object (keys stringified); `Set` → array;
 * - cycles → `"[Circular]"`; `BigInt` → its decimal string; `Date` → ISO string;
 * - `Error` → `{ name, message, ...own fields }`; Buffer / TypedArray / ArrayBuffer →
 *   `"[Uint8Array 1024 bytes]"`; functions → `"[Function name]"`; symbols → `"Symbol(desc)"`;
 * - class instances → their own enumerable fields; a getter or `toJSON` that throws →
 *   `"[Throws: message]"`; `undefined` at the top → `""`;
 * - a string passed as the whole value is returned as-is (capped), not JSON-quoted.
 *
 * @example
 * ```ts
 * import { safeStringify } from '@llm-trace/core/extend';
 * safeStringify({ n: 1n, tags: new Set(['a']) }, { maxLength: 100, maxDepth: 4, maxItems: 10 });
 * // '{"n":"1","tags":["a"]}'
 * ```
 */
export function safeStringify(value: unknown, options: SerializeOptions): string {
  const { maxLength, transform, unchanged } = options;
  try {
    const parts = transform === undefined ? undefined : options.parts;
    if (transform === undefined || parts !== undefined || unchanged !== undefined) {
      const json = plainJson(value, options, parts);
      if (json !== undefined && (transform === undefined || parts !== undefined || unchanged!(json))) return json;
    }
    let top = value;
    if (transform) {
      try {
        top = transform(value, undefined, []);
      } catch (err) {
        top = `[Transform failed: ${errorMessage(err)}]`;
      }
    }
    if (typeof top === 'string') return cut(top, maxLength);
    if (top === undefined) return '';
    const w = new JsonWriter(options);
    try {
      w.walk(top, 0);
    } catch (err) {
      if (!(err instanceof OutputFull)) throw err;
      return cut(w.out, maxLength);
    }
    return w.out;
  } catch (err) {
    return cut(`[Unserializable: ${errorMessage(err)}]`, maxLength);
  }
}

const hasOwn = Object.prototype.hasOwnProperty;
const getPrototypeOf = Object.getPrototypeOf;
const ObjectPrototype = Object.prototype;
const ArrayPrototype = Array.prototype;

/**
 * The same proof as an `unchanged` check, made part by part while the value is checked for
 * plainness instead of by a scan of its JSON encoding afterwards: `key(name)` is true only when
 * the transform leaves every value under that property name as it is, and `text(s)` only when it
 * leaves the string `s` (anywhere) as it is. Cheaper than the scan (property names repeat, and
 * their verdicts are remembered; punctuation and numbers are never looked at), and a property
 * name that merely contains a trigger word (`url`, `tokens`) no longer sends the whole value to
 * the walk.
 */
export interface PartChecks {
  key(name: string): boolean;
  text(s: string): boolean;
}

/**
 * `JSON.stringify(value)` when that is exactly what the walk below would write, else undefined.
 *
 * Most captured values are plain data well within the caps (tool arguments, messages, results),
 * and for those the native encoder writes the same bytes as the walk at a fraction of its cost.
 * "Plain" is what both encode alike: strings, numbers, booleans, null, and arrays and objects
 * with the built-in (or no) prototype and no `toJSON`, nested less than `maxDepth` deep, at most
 * `maxItems` entries each, and the whole encoding at most `maxLength` characters. Anything else
 * (a Date, a Map, a class instance, a BigInt, a function, a cycle, a value past a cap) is
 * left to the walk, which knows how to write it. With `parts`, a property name or string the
 * transform might change also leaves the value to the walk. The check reads each property once more than
 * the walk alone would; that is the only difference an app could observe (a getter runs twice).
 */
function plainJson(value: unknown, options: SerializeOptions, parts: PartChecks | undefined): string | undefined {
  // A string or `undefined` at the top is not written as JSON at all (see safeStringify).
  if (typeof value === 'string' || value === undefined) return undefined;
  try {
    if (plainBudget(value, 0, options.maxLength, options.maxDepth, options.maxItems, parts) < 0) return undefined;
    const json = JSON.stringify(value);
    // The budget counts strings before escaping; an escape-heavy value can still come out long.
    return json.length <= options.maxLength ? json : undefined;
  } catch {
    // A getter or proxy trap that throws: the walk records it where it happened.
    return undefined;
  }
}

/**
 * What is left of `budget` (characters of output) once `v` is written, or -1 when `v` is not
 * plain (see plainJson) or its encoding cannot fit. Every value costs at least one character,
 * so the check stops after at most `maxLength` values whatever the input's size.
 */
function plainBudget(v: unknown, depth: number, budget: number, maxDepth: number, maxItems: number, parts: PartChecks | undefined): number {
  switch (typeof v) {
    case 'string':
      return parts === undefined || parts.text(v) ? budget - v.length - 2 : -1;
    case 'number':
      return budget - 1;
    case 'boolean':
      return budget - 4;
    case 'undefined':
      // `null` in an array; dropped with its key in an object (still counted, to bound the work).
      return budget - 1;
    case 'object':
      break;
    default:
      // BigInt, symbols and functions: JSON.stringify throws on the first and drops the others.
      return -1;
  }
  if (v === null) return budget - 4;
  if (depth >= maxDepth || (v as { toJSON?: unknown }).toJSON !== undefined) return -1;
  const proto = getPrototypeOf(v);
  if (proto === ArrayPrototype) {
    const list = v as readonly unknown[];
    const n = list.length;
    if (n > maxItems) return -1;
    budget -= n + 1;
    for (let i = 0; i < n && budget >= 0; i++) budget = plainBudget(list[i], depth + 1, budget, maxDepth, maxItems, parts);
    return budget;
  }
  if (proto !== ObjectPrototype && proto !== null) return -1;
  const obj = v as Record<string, unknown>;
  let n = 0;
  // `{}`, or `{` plus `"key":value` and a comma or `}` per entry.
  budget -= 1;
  for (const key in obj) {
    if (!hasOwn.call(obj, key)) continue;
    if (++n > maxItems) return -1;
    if (parts !== undefined && !parts.key(key)) return -1;
    const item = obj[key];
    budget = item === undefined ? budget - 1 : plainBudget(item, depth + 1, budget - key.length - 4, maxDepth, maxItems, parts);
    if (budget < 0) return -1;
  }
  return n === 0 ? budget - 1 : budget;
}

/**
 * One serialization's state. A class rather than closures inside `safeStringify`: its methods are
 * shared, so a call allocates one object instead of a dozen functions.
 */
class JsonWriter {
  // One growing string (V8 concatenates as ropes) rather than an array of parts to join.
  out = '';
  private readonly maxLength: number;
  private readonly maxDepth: number;
  private readonly maxItems: number;
  private readonly transform: SerializeOptions['transform'];
  private readonly ancestors = new Set<object>();
  private readonly path: (string | number)[] = [];

  constructor(options: SerializeOptions) {
    this.maxLength = options.maxLength;
    this.maxDepth = options.maxDepth;
    this.maxItems = options.maxItems;
    this.transform = options.transform;
  }

  private apply(v: unknown, key: string | number | undefined): unknown {
    const transform = this.transform;
    if (!transform) return v;
    try {
      return transform(v, key, this.path);
    } catch (err) {
      return `[Transform failed: ${errorMessage(err)}]`;
    }
  }

  private push(s: string): void {
    this.out += s;
    if (this.out.length > this.maxLength) throw new OutputFull();
  }

  // Strings longer than the whole budget can never be written in full, so cut them first:
  // escaping a 10 MB string would cost the size of the input.
  private str(s: string): string {
    return quote(s.length > this.maxLength ? s.slice(0, this.maxLength) : s);
  }

  walk(v: unknown, depth: number): void {
    switch (typeof v) {
      case 'string':
        return this.push(this.str(v));
      case 'number':
        return this.push(Number.isFinite(v) ? String(v) : 'null');
      case 'boolean':
        return this.push(v ? 'true' : 'false');
      case 'bigint':
        return this.push(`"${v.toString()}"`);
      case 'undefined':
        return this.push('null');
      case 'symbol':
        return this.push(this.str(v.toString()));
      case 'function':
        return this.push(this.str(`[Function ${(v as { name?: string }).name || 'anonymous'}]`));
    }
    if (v === null) return this.push('null');
    const obj = v as object;
    if (this.ancestors.has(obj)) return this.push('"[Circular]"');
    if (obj instanceof Date) {
      const t = obj.getTime();
      return this.push(Number.isNaN(t) ? 'null' : `"${obj.toISOString()}"`);
    }
    if (ArrayBuffer.isView(obj)) return this.push(`"[${obj.constructor?.name ?? 'TypedArray'} ${obj.byteLength} bytes]"`);
    if (obj instanceof ArrayBuffer) return this.push(`"[ArrayBuffer ${obj.byteLength} bytes]"`);
    if (depth >= this.maxDepth) return this.push(Array.isArray(obj) || obj instanceof Set ? '"[Array]"' : '"[Object]"');
    this.ancestors.add(obj);
    try {
      if (obj instanceof Error) return this.writeEntries(errorEntries(obj), depth);
      if (Array.isArray(obj) || obj instanceof Set) return this.writeList(obj, depth);
      if (obj instanceof Map) return this.writeEntries(mapEntries(obj), depth);
      const toJSON = (obj as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') {
        const path = this.path;
        let replaced: unknown;
        try {
          replaced = toJSON.call(obj, path.length ? String(path[path.length - 1]) : '');
        } catch (err) {
          return this.push(this.str(`[Throws: ${errorMessage(err)}]`));
        }
        return this.walk(this.apply(replaced, path[path.length - 1]), depth);
      }
      return this.writeObject(obj as Record<string, unknown>, depth);
    } finally {
      this.ancestors.delete(obj);
    }
  }

  private writeList(list: readonly unknown[] | Set<unknown>, depth: number): void {
    this.push('[');
    let i = 0;
    const total = Array.isArray(list) ? list.length : (list as Set<unknown>).size;
    const max = this.maxItems;
    for (const item of list) {
      if (i >= max) break;
      if (i > 0) this.push(',');
      this.path.push(i);
      this.walk(this.apply(item, i), depth + 1);
      this.path.pop();
      i++;
    }
    if (total > i) this.push(`${i > 0 ? ',' : ''}"[+${total - i} more]"`);
    this.push(']');
  }

  // Plain objects, the common case, are walked in place: no entry tuples or reader closures.
  private writeObject(obj: Record<string, unknown>, depth: number): void {
    this.push('{');
    let i = 0;
    let more = 0;
    const max = this.maxItems;
    for (const key in obj) {
      if (!hasOwn.call(obj, key)) continue;
      if (i >= max) {
        more++;
        // Counting the rest is cheap for small objects; stop counting past a bound so huge
        // objects cost the cap, not their size.
        if (more >= 1000) break;
        continue;
      }
      let raw: unknown;
      try {
        raw = obj[key];
      } catch (err) {
        raw = `[Throws: ${errorMessage(err)}]`;
      }
      if (this.writeEntry(key, raw, i, depth)) i++;
    }
    this.closeEntries(i, more);
  }

  /** Writes `key: value` (after `transform`); false when the value is dropped. */
  private writeEntry(key: string, raw: unknown, i: number, depth: number): boolean {
    this.path.push(key);
    const val = this.apply(raw, key);
    if (val === undefined) {
      this.path.pop();
      return false;
    }
    this.push(i > 0 ? `,${this.str(key)}:` : `${this.str(key)}:`);
    this.walk(val, depth + 1);
    this.path.pop();
    return true;
  }

  private closeEntries(i: number, more: number): void {
    if (more > 0) this.push(`${i > 0 ? ',' : ''}"[+${more >= 1000 ? '1000+' : more} more keys]":null`);
    this.push('}');
  }

  private writeEntries(entries: Iterable<[string, () => unknown]>, depth: number): void {
    this.push('{');
    let i = 0;
    let more = 0;
    for (const [key, read] of entries) {
      if (i >= this.maxItems) {
        more++;
        if (more >= 1000) break;
        continue;
      }
      let raw: unknown;
      try {
        raw = read();
      } catch (err) {
        raw = `[Throws: ${errorMessage(err)}]`;
      }
      if (this.writeEntry(key, raw, i, depth)) i++;
    }
    this.closeEntries(i, more);
  }
}

// Map and Error entries are produced lazily so a huge map stops at maxItems.
function* objectEntries(obj: object): Generator<[string, () => unknown]> {
  for (const key in obj) {
    if (!hasOwn.call(obj, key)) continue;
    yield [key, () => (obj as Record<string, unknown>)[key]];
  }
}
function* mapEntries(map: Map<unknown, unknown>): Generator<[string, () => unknown]> {
  for (const [k, val] of map) yield [typeof k === 'string' ? k : safeStringify(k, { maxLength: 200, maxDepth: 2, maxItems: 10 }), () => val];
}
function* errorEntries(err: Error): Generator<[string, () => unknown]> {
  yield ['name', () => err.name];
  yield ['message', () => err.message];
  for (const entry of objectEntries(err)) if (entry[0] !== 'name' && entry[0] !== 'message' && entry[0] !== 'stack') yield entry;
  if ('cause' in err && !Object.prototype.propertyIsEnumerable.call(err, 'cause')) yield ['cause', () => err.cause];
}
