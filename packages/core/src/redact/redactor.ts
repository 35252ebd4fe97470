/**
 * Redaction of captured content: by key path, by property name, by pattern inside strings, and
 * a user hook. Built as a serializer `transform` so redacting a payload costs the same single walk
 * as encoding it.
 */
import { diag } from '@opentelemetry/api';
import type { RedactionInfo, RedactionOptions } from '../config';

/** Property names that hold secrets; numbers/booleans under them are kept (e.g. token counts). */
const SECRET_KEYS: readonly RegExp[] = [
  /^(x[-_])?api[-_]?key$/i,
  /^authorization$/i,
  /^proxy[-_]authorization$/i,
  /passw(or)?d/i,
  /secret/i,
  /(^|[-_.a-z])token$/i,
  /^(access|refresh|id|auth|bearer|session)[-_]?token$/i,
  /^cookie$/i,
  /^set[-_]cookie$/i,
  /private[-_]?key/i,
  /^credentials?$/i,
];

/** Secret shapes found inside free text. Each keeps a recognisable prefix where it helps. */
const SECRET_PATTERNS: readonly { readonly re: RegExp; readonly keep?: string }[] = [
  { re: /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]{8,}=*/gi, keep: '$1 ' },
  { re: /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}/g },
  { re: /\bAKIA[0-9A-Z]{16}\b/g },
  { re: /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g },
  { re: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  { re: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { re: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { re: /((?:api[-_]?key|password|secret|token)["']?\s*[:=]\s*["']?)[^\s"',;&]{4,}/gi, keep: '$1' },
];

/** A compiled redactor for one attribute write. */
export interface Redactor {
  /** Serializer transform: called on every value with its key and path. */
  transform(value: unknown, key: string | number | undefined, path: readonly (string | number)[]): unknown;
  /** Redacts one string (patterns and hook), for values written without serialization. */
  string(value: string): string;
  /** True when nothing would ever be replaced (lets callers skip work). */
  readonly inactive: boolean;
}

interface Compiled {
  readonly keys: readonly RegExp[];
  readonly keyNames: ReadonlySet<string>;
  readonly paths: readonly (readonly string[])[];
  readonly patterns: readonly { readonly re: RegExp; readonly keep?: string }[];
  readonly hook: RedactionOptions['hook'];
  readonly replacement: string;
  /** Remembered `keyIsSecret` verdicts. */
  readonly verdicts: Map<string, boolean>;
}

/** Characters kept beyond the length cap before pattern scanning. */
const CUT_MARGIN = 256;

const cache = new WeakMap<RedactionOptions, Compiled>();

function compile(options: RedactionOptions): Compiled {
  let c = cache.get(options);
  if (c) return c;
  const useDefaults = options.defaults !== false;
  const keys: RegExp[] = useDefaults ? [...SECRET_KEYS] : [];
  const keyNames = new Set<string>();
  for (const k of options.keys ?? []) {
    if (typeof k === 'string') keyNames.add(k.toLowerCase());
    else keys.push(k);
  }
  const patterns = [...(useDefaults ? SECRET_PATTERNS : []), ...(options.patterns ?? []).map((re) => ({ re: re.global ? re : new RegExp(re.source, re.flags + 'g') }))];
  c = {
    keys,
    keyNames,
    paths: (options.paths ?? []).map((p) => p.split('.')),
    patterns,
    hook: options.hook,
    replacement: options.replacement ?? '[REDACTED]',
    verdicts: new Map(),
  };
  cache.set(options, c);
  return c;
}

/** A throwing hook fails closed: the value is replaced, and the fault goes to `diag`. */
function runHook(c: Compiled, value: unknown, info: RedactionInfo): unknown {
  try {
    return c.hook!(value, info);
  } catch (err) {
    diag.error(`llm-trace: redaction hook threw for ${info.attribute}; value replaced`, err);
    return c.replacement;
  }
}

function pathMatches(rule: readonly string[], path: readonly (string | number)[]): boolean {
  if (rule.length !== path.length) return false;
  for (let i = 0; i < rule.length; i++) {
    if (rule[i] !== '*' && rule[i] !== String(path[i])) return false;
  }
  return true;
}

/** Most property names whose verdict is remembered per compiled options. */
const MAX_CACHED_KEYS = 4096;

// Payloads repeat the same property names on every call, and each verdict costs a lower-casing
// and a dozen regex tests, so verdicts are remembered (bounded: names may be unbounded in number).
function keyIsSecret(c: Compiled, key: string): boolean {
  const known = c.verdicts.get(key);
  if (known !== undefined) return known;
  let secret = c.keyNames.has(key.toLowerCase());
  for (let i = 0; !secret && i < c.keys.length; i++) {
    const re = c.keys[i]!;
    re.lastIndex = 0;
    secret = re.test(key);
  }
  if (c.verdicts.size < MAX_CACHED_KEYS) c.verdicts.set(key, secret);
  return secret;
}

/** Replaces every secret pattern inside `text`. */
function scrub(c: Compiled, text: string): string {
  let out = text;
  for (const { re, keep } of c.patterns) {
    re.lastIndex = 0;
    if (re.test(out)) {
      re.lastIndex = 0;
      out = out.replace(re, keep ? `${keep}${c.replacement}` : c.replacement);
    }
  }
  return out;
}

/**
 * Builds the redactor for one attribute.
 *
 * @example
 * ```ts
 * const r = createRedactor({ defaults: true }, 'gen_ai.input.messages', 32768);
 * r.string('Authorization: Bearer abcdefghijklmnop'); // 'Authorization: Bearer [REDACTED]'
 * ```
 */
export function createRedactor(options: RedactionOptions, attribute: string, maxLength = Number.POSITIVE_INFINITY): Redactor {
  const c = compile(options);
  // Strings are cut near the cap before scanning, so redacting a huge value costs what the cap allows;
  // the margin keeps a secret straddling the cut whole enough for the patterns to match it.
  const limit = maxLength + CUT_MARGIN;
  const cut = (v: string): string => (v.length > limit ? v.slice(0, limit) : v);
  const inactive = c.keys.length === 0 && c.keyNames.size === 0 && c.paths.length === 0 && c.patterns.length === 0 && !c.hook;
  const string = (value: string): string => {
    let out = scrub(c, cut(value));
    if (c.hook) {
      const hooked = runHook(c, out, { attribute, path: [] });
      out = typeof hooked === 'string' ? hooked : String(hooked ?? '');
    }
    return out;
  };
  const transform = (value: unknown, key: string | number | undefined, path: readonly (string | number)[]): unknown => {
    if (typeof key === 'string' && typeof value !== 'number' && typeof value !== 'boolean' && value != null && keyIsSecret(c, key)) {
      return c.replacement;
    }
    if (c.paths.length > 0 && value !== undefined) {
      for (const rule of c.paths) if (pathMatches(rule, path)) return c.replacement;
    }
    let out = typeof value === 'string' ? scrub(c, cut(value)) : value;
    if (c.hook && (typeof out === 'string' || (typeof out === 'object' && out !== null))) {
      out = runHook(c, out, { attribute, path });
    }
    return out;
  };
  return { transform, string, inactive };
}

/**
 * Returns a redacted deep copy of `value` (bounded by `maxDepth`/`maxItems`), for writes that are
 * flattened into many attributes instead of serialized once (the OpenInference dialect).
 *
 * @example
 * ```ts
 * redactValue({ apiKey: 'k-123456' }, createRedactor({}, 'x'), 8, 100); // { apiKey: '[REDACTED]' }
 * ```
 */
export function redactValue(value: unknown, redactor: Redactor, maxDepth: number, maxItems: number): unknown {
  if (redactor.inactive) return value;
  const walk = (v: unknown, key: string | number | undefined, path: (string | number)[], depth: number): unknown => {
    const t = redactor.transform(v, key, path);
    if (t === null || typeof t !== 'object' || depth >= maxDepth) return t;
    if (Array.isArray(t)) {
      const out: unknown[] = [];
      for (let i = 0; i < t.length && i < maxItems; i++) out.push(walk(t[i], i, [...path, i], depth + 1));
      return out;
    }
    const out: Record<string, unknown> = {};
    let n = 0;
    for (const k of Object.keys(t)) {
      if (n++ >= maxItems) break;
      out[k] = walk((t as Record<string, unknown>)[k], k, [...path, k], depth + 1);
    }
    return out;
  };
  return walk(value, undefined, [], 0);
}
