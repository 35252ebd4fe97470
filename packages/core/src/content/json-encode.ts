/**
 * Bounded JSON encoding for content attributes, with the signature the engine's serializer
 * (`src/serialize.ts`, `safeStringify`) is specified to have. It stands in while that module is
 * not in the tree: swapping is the one import line in `attribute-sink.ts`.
 *
 * Cost is bounded by the cap: strings are cut before escaping, containers stop at `maxItems`,
 * nesting at `maxDepth`, and the walk stops once the output is longer than `maxLength`.
 */

/** Options of `encodeJson` (the `safeStringify` contract). */
export interface EncodeOptions {
  readonly maxLength: number;
  readonly maxDepth: number;
  readonly maxItems: number;
  /** Called on every value before it is written. */
  readonly transform?: (value: unknown, key: string | number | undefined, path: readonly (string | number)[]) => unknown;
}

const MARKER = '...[truncated]';

class LengthExceeded extends Error {}

/**
 * Encodes `value` as JSON: never throws, survives cycles, BigInt, throwing getters and `toJSON`,
 * and never returns more than `maxLength` characters (cut output ends with `...[truncated]`).
 *
 * @example
 * ```ts
 * encodeJson({ a: 1n, b: [1, 2, 3] }, { maxLength: 100, maxDepth: 8, maxItems: 2 }); // '{"a":"1","b":[1,2,"[+1 more]"]}'
 * ```
 */
export function encodeJson(value: unknown, options: EncodeOptions): string {
  const { maxLength, maxDepth, maxItems, transform } = options;
  const parts: string[] = [];
  let length = 0;
  const push = (s: string): void => {
    parts.push(s);
    length += s.length;
    if (length > maxLength) throw new LengthExceeded();
  };
  const ancestors: object[] = [];
  const path: (string | number)[] = [];

  const scalar = (v: unknown): string | undefined => {
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v.length > maxLength ? v.slice(0, maxLength) : v);
      case 'number':
        return Number.isFinite(v) ? String(v) : 'null';
      case 'boolean':
        return String(v);
      case 'bigint':
        return JSON.stringify(v.toString());
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
      default:
        return v === null ? 'null' : undefined;
    }
  };

  const write = (raw: unknown, key: string | number | undefined, depth: number): void => {
    let v = raw;
    try {
      if (transform) v = transform(v, key, path);
      if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(k: string): unknown }).toJSON(String(key ?? ''));
    } catch {
      v = '[Unreadable]';
    }
    const s = scalar(v);
    if (s !== undefined || v === null || typeof v !== 'object') {
      push(s ?? 'null');
      return;
    }
    if (ancestors.includes(v)) {
      push('"[Circular]"');
      return;
    }
    if (depth >= maxDepth) {
      push(Array.isArray(v) ? '"[Array]"' : '"[Object]"');
      return;
    }
    ancestors.push(v);
    try {
      if (Array.isArray(v) || v instanceof Set) {
        const items = Array.isArray(v) ? v : [...v];
        push('[');
        const n = Math.min(items.length, maxItems);
        for (let i = 0; i < n; i++) {
          if (i > 0) push(',');
          path.push(i);
          let item: unknown;
          try {
            item = items[i];
          } catch {
            item = '[Unreadable]';
          }
          write(item, i, depth + 1);
          path.pop();
        }
        if (items.length > n) push(`${n > 0 ? ',' : ''}"[+${items.length - n} more]"`);
        push(']');
        return;
      }
      const entries: [string, unknown][] = [];
      let total = 0;
      if (v instanceof Map) {
        for (const [k, x] of v) {
          total++;
          if (entries.length < maxItems) entries.push([String(k), x]);
        }
      } else {
        for (const k of Object.keys(v)) {
          total++;
          if (entries.length >= maxItems) continue;
          let x: unknown;
          try {
            x = (v as Record<string, unknown>)[k];
          } catch {
            x = '[Unreadable]';
          }
          entries.push([k, x]);
        }
      }
      push('{');
      let first = true;
      for (const [k, x] of entries) {
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
        if (!first) push(',');
        first = false;
        push(`${JSON.stringify(k)}:`);
        path.push(k);
        write(x, k, depth + 1);
        path.pop();
      }
      if (total > entries.length) push(`${first ? '' : ','}"[more]":${total - entries.length}`);
      push('}');
    } finally {
      ancestors.pop();
    }
  };

  try {
    write(value, undefined, 0);
    return parts.join('');
  } catch (err) {
    if (!(err instanceof LengthExceeded)) return '"[Unserializable]"';
    const s = parts.join('');
    return maxLength <= MARKER.length ? s.slice(0, maxLength) : s.slice(0, maxLength - MARKER.length) + MARKER;
  }
}
