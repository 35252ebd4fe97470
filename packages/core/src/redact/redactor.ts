/**
 * Redaction of captured content: by key path, by property name, by pattern inside strings, and
 * a user hook. Built as a serializer `transform` so redacting a payload costs the same single walk
 * as encoding it.
 *
 * Strings are first checked for the built-in rules' trigger text in one scan; text without any
 * (most prose, most JSON) never runs a pattern. Every built-in pattern runs in linear time (see
 * `rules.ts`); user patterns run on text already cut near the length cap, so a slow user pattern
 * costs what the cap allows.
 */
import { diag } from '@opentelemetry/api';
import type { RedactionInfo, RedactionOptions } from '../config';
import type { PartChecks } from '../serialize';
import { AUTH_SCHEME, KEY_TRIGGERS, KEY_VALUE_SEPARATOR, KEY_VALUE_VALUE, quotedValueEnd, SECRET_KEY_RULES, SECRET_PATTERN_RULES, type SecretPatternRule } from './rules';
import { triggerScan, type TriggerScan } from './trigger-scan';

/** A compiled redactor for one attribute write. */
export interface Redactor {
  /** Serializer transform: called on every value with its key and path. */
  transform(value: unknown, key: string | number | undefined, path: readonly (string | number)[]): unknown;
  /** Redacts one string (patterns and hook), for values written without serialization. */
  string(value: string): string;
  /** True when nothing would ever be replaced (lets callers skip work). */
  readonly inactive: boolean;
  /**
   * Given the plain JSON encoding of a value, true only when `transform` would leave the value
   * and every part of it as it is (the serializer then writes the native encoding). Undefined
   * when no such check exists for these options (a hook, key paths, user patterns or user key
   * patterns): every value then goes through `transform`.
   */
  readonly unchanged: ((json: string) => boolean) | undefined;
  /** The same check part by part, for the serializer (defined exactly when `unchanged` is). */
  readonly parts: PartChecks | undefined;
}

interface Compiled {
  readonly keys: readonly RegExp[];
  readonly keyNames: ReadonlySet<string>;
  readonly paths: readonly (readonly string[])[];
  /** Built-in text rules in force. */
  readonly rules: readonly SecretPatternRule[];
  /** User patterns: no trigger is known, so they run on every (capped) string. */
  readonly userPatterns: readonly RegExp[];
  /** True when names inside text (`password=...`) are checked against the property-name rules. */
  readonly keyValues: boolean;
  /** A user's property name holds a character outside ASCII: names in text are read in any script too. */
  readonly wideNames: boolean;
  /** One scan for every trigger (built-in rules and the key-value scan); undefined: none. */
  readonly trigger: RegExp | undefined;
  /** The same scan for short text, without the regex engine's fixed cost (see trigger-scan.ts). */
  readonly scan: TriggerScan | undefined;
  /** Which rules (bit i = rules[i], bit 30 = key-value scan) each trigger text asks for. */
  readonly triggerMask: ReadonlyMap<string, number>;
  /** The distinct lengths of the trigger words. */
  readonly triggerLengths: readonly number[];
  /** Bits of every rule that can be triggered. */
  readonly allMask: number;
  /** Shorter text cannot hold a match of any built-in rule (`pwd=x` is 5 characters). */
  readonly minLength: number;
  /** The key-value scan runs on every string (a user key rule with no known trigger). */
  readonly keyValuesAlways: boolean;
  /** Whether one trigger scan over a value's JSON proves the value clean (see `unchangedJson`). */
  readonly jsonCheck: boolean;
  readonly hook: RedactionOptions['hook'];
  readonly replacement: string;
  /** Remembered `keyIsSecret` verdicts, bounded in entries and in characters. */
  readonly verdicts: Map<string, boolean>;
  verdictChars: number;
  /** The per-part form of the `unchanged` check, made once. */
  parts: PartChecks | undefined;
}

/** Characters kept beyond the length cap before pattern scanning. */
const CUT_MARGIN = 256;
const KEY_VALUE_BIT = 1 << 30;

const cache = new WeakMap<RedactionOptions, Compiled>();

/** Characters JSON.stringify writes as escapes: text holding one reads differently inside JSON. */
const JSON_ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;
const NON_ASCII = /[^\u0000-\u007f]/;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * One alternation for many literal words, factored by common prefixes (`b(?:earer|asic)`): the
 * regex engine then tries each position against a character, not against every word.
 */
function alternation(words: readonly string[]): string {
  const byFirst = new Map<string, string[]>();
  for (const w of words) {
    const rest = byFirst.get(w[0]!) ?? [];
    rest.push(w.slice(1));
    byFirst.set(w[0]!, rest);
  }
  const parts: string[] = [];
  for (const [first, rests] of byFirst) {
    const longer = rests.filter((r) => r !== '');
    let part = escapeRegExp(first);
    if (longer.length > 0) {
      const inner = longer.length === 1 ? escapeRegExp(longer[0]!) : `(?:${alternation(longer)})`;
      // A word that is a prefix of another ("pass", "passphrase") matches the shorter one too.
      part += longer.length === rests.length ? inner : `(?:${inner})?`;
    }
    parts.push(part);
  }
  return parts.join('|');
}

function compile(options: RedactionOptions): Compiled {
  let c = cache.get(options);
  if (c) return c;
  const useDefaults = options.defaults !== false;
  const keys: RegExp[] = useDefaults ? SECRET_KEY_RULES.map((r) => r.re) : [];
  const keyNames = new Set<string>();
  let userKeyRegex = false;
  for (const k of options.keys ?? []) {
    if (typeof k === 'string') keyNames.add(k.toLowerCase());
    else {
      keys.push(k);
      userKeyRegex = true;
    }
  }
  const rules = useDefaults ? SECRET_PATTERN_RULES : [];
  const triggerMask = new Map<string, number>();
  const addTrigger = (t: string, bit: number) => triggerMask.set(t, (triggerMask.get(t) ?? 0) | bit);
  rules.forEach((r, i) => r.triggers.forEach((t) => addTrigger(t, 1 << i)));
  const keyValues = keys.length > 0 || keyNames.size > 0;
  if (keyValues) {
    if (useDefaults) for (const t of KEY_TRIGGERS) addTrigger(t, KEY_VALUE_BIT);
    // A user's property name must appear in the text for a `name=value` pair to hold it.
    for (const name of keyNames) if (name.length > 0) addTrigger(name, KEY_VALUE_BIT);
  }
  const triggers = [...triggerMask.keys()];
  let allMask = 0;
  for (const bit of triggerMask.values()) allMask |= bit;
  c = {
    keys,
    keyNames,
    paths: (options.paths ?? []).map((p) => p.split('.')),
    rules,
    userPatterns: (options.patterns ?? []).map((re) => (re.global ? re : new RegExp(re.source, re.flags + 'g'))),
    keyValues,
    wideNames: [...keyNames].some((n) => NON_ASCII.test(n)),
    trigger: triggers.length ? new RegExp(alternation(triggers), 'gi') : undefined,
    scan: triggerScan(triggers),
    triggerMask,
    triggerLengths: [...new Set(triggers.map((t) => t.length))],
    allMask,
    keyValuesAlways: userKeyRegex,
    jsonCheck: !options.hook && (options.paths ?? []).length === 0 && (options.patterns ?? []).length === 0 && !userKeyRegex && ![...keyNames].some((n) => JSON_ESCAPED.test(n)),
    minLength: keyNames.size > 0 || userKeyRegex ? 3 : 5,
    hook: options.hook,
    replacement: options.replacement ?? '[REDACTED]',
    verdicts: new Map(),
    verdictChars: 0,
    parts: undefined,
  };
  cache.set(options, c);
  return c;
}

/**
 * True when a value whose plain JSON encoding is `json` holds nothing the transform would
 * replace, proven by one scan of `json` for the trigger words, not by a call per value.
 *
 * Why one scan suffices: every built-in text rule matches only text holding one of its
 * triggers, and every secret property name (built-in rule or user name) holds a key trigger.
 * Triggers contain no character JSON escapes, so a trigger inside any key or string shows
 * verbatim in the encoding. A hit anywhere (even across two values) only means "look closer":
 * the caller then runs the full walk. One gap is closed by hand: a user's property names are
 * compared lower-cased, and `toLowerCase` maps a few non-ASCII letters (the Kelvin sign to `k`)
 * where the case-insensitive scan does not, so text with non-ASCII characters is never proven
 * clean when the user named property names.
 */
function unchangedJson(c: Compiled, json: string): boolean {
  if (c.keyNames.size > 0 && NON_ASCII.test(json)) return false;
  return !hasTrigger(c, json);
}

/** Text up to this long is scanned without the regex engine when the trigger words allow it. */
const SHORT_TEXT = 64;

/** Whether a trigger word occurs in `text`. */
function hasTrigger(c: Compiled, text: string): boolean {
  if (c.scan !== undefined && text.length <= SHORT_TEXT) return c.scan.first(text, 0) >= 0;
  const trigger = c.trigger;
  if (trigger === undefined) return false;
  trigger.lastIndex = 0;
  return trigger.test(text);
}

/**
 * `unchangedJson` part by part (see `PartChecks` in the serializer), for the same options (no
 * hook, key paths, user patterns or user key patterns). Exactly what the transform looks at: a
 * property name is left alone unless `keyIsSecret` (case-folding included, so no non-ASCII gap),
 * and a string unless `scrub` would run a rule on it, which needs a trigger word in it.
 */
function partChecks(c: Compiled): PartChecks {
  let parts = c.parts;
  if (parts === undefined) {
    parts = {
      key: (name: string): boolean => !keyIsSecret(c, name),
      text: (s: string): boolean => {
        if (s.length < c.minLength) return true;
        return !hasTrigger(c, s);
      },
    };
    c.parts = parts;
  }
  return parts;
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
/** Most characters of property names remembered per compiled options (~512 kB of strings). */
const MAX_CACHED_KEY_CHARS = 256 * 1024;
/** Longer property names are checked every time and never remembered. */
const MAX_CACHED_KEY_LENGTH = 256;

// Payloads repeat the same property names on every call, and each verdict costs a lower-casing
// and a dozen regex tests, so verdicts are remembered: bounded in number and in characters, and
// never for huge names, which would otherwise stay in memory for the life of the process.
function keyIsSecret(c: Compiled, key: string): boolean {
  const known = c.verdicts.get(key);
  if (known !== undefined) return known;
  let secret = c.keyNames.size > 0 && c.keyNames.has(key.toLowerCase());
  for (let i = 0; !secret && i < c.keys.length; i++) {
    const re = c.keys[i]!;
    re.lastIndex = 0;
    secret = re.test(key);
  }
  if (key.length <= MAX_CACHED_KEY_LENGTH && c.verdicts.size < MAX_CACHED_KEYS && c.verdictChars + key.length <= MAX_CACHED_KEY_CHARS) {
    c.verdicts.set(key, secret);
    c.verdictChars += key.length;
  }
  return secret;
}

/** Trigger words looked at one by one before every rule is simply run. */
const MAX_TRIGGER_HITS = 32;

/** Which built-in rules the text's trigger words ask for (one scan). */
function triggered(c: Compiled, text: string): number {
  const trigger = c.trigger;
  if (trigger === undefined) return 0;
  // Short clean text (ids, names, most values) is answered without the regex.
  if (c.scan !== undefined && text.length <= SHORT_TEXT && c.scan.first(text, 0) < 0) return 0;
  trigger.lastIndex = 0;
  let mask = 0;
  let m: RegExpExecArray | null;
  let hits = 0;
  while ((m = trigger.exec(text)) !== null) {
    // Text dense with trigger words (hostile, or a secrets dump): running every rule is cheaper
    // than finding them all one by one.
    if (++hits > MAX_TRIGGER_HITS) return c.allMask;
    // The longest word matched; shorter words it starts with count as found too.
    const found = m[0].toLowerCase();
    for (const n of c.triggerLengths) if (n <= found.length) mask |= c.triggerMask.get(n === found.length ? found : found.slice(0, n)) ?? 0;
    if (mask === c.allMask) break;
    // From the next character, not the match's end: a trigger may start inside another.
    trigger.lastIndex = m.index + 1;
  }
  return mask;
}

/** True for the characters a property name in text may hold: `A-Z a-z 0-9 _ . -`. */
function isNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 46 || code === 45;
}

/**
 * The property name that ends just before the separator at `sep` (`name:`, `"name" =`,
 * `\"name\":`), or undefined. A name is the whole run of name characters there, whatever its
 * length (an env-var or header name has no useful upper bound, and a bound would let a padded
 * name through). The look-back stops at the first character that is not a name character, and a
 * separator is one, so the look-backs of all separators cover disjoint runs: the scan stays linear.
 * With `wide`, letters, digits and marks of every script are name characters too (`contraseña`,
 * `пароль`); otherwise only `A-Z a-z 0-9 _ . -`.
 */
function nameBefore(text: string, sep: number, wide: boolean): string | undefined {
  let j = sep - 1;
  for (let n = 0; n < 8 && j >= 0 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9); n++) j--;
  const q = j >= 0 ? text.charCodeAt(j) : 0;
  if (q === 34 || q === 39) {
    j--;
    if (j >= 0 && text.charCodeAt(j) === 92) j--;
  }
  const end = j + 1;
  let k = j;
  if (wide) {
    for (let n = wideNameCharAt(text, k); n > 0; n = wideNameCharAt(text, k)) k -= n;
  } else {
    while (k >= 0 && isNameChar(text.charCodeAt(k))) k--;
  }
  const start = k + 1;
  if (start >= end) return undefined;
  const first = text.charCodeAt(start);
  const letter = (first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 95 || (wide && first >= 128 && WIDE_NAME_START.test(text.slice(start, start + 2)));
  return letter ? text.slice(start, end) : undefined;
}

/** A letter, digit or mark of any script, as one code point. */
const WIDE_NAME_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
/** A name in any script starts with a letter (its first code point, of one or two code units). */
const WIDE_NAME_START = /^\p{L}/u;

/** How many code units the name character ending at `k` takes, in any script; 0: none there. */
function wideNameCharAt(text: string, k: number): number {
  if (k < 0) return 0;
  const code = text.charCodeAt(k);
  if (code < 128) return isNameChar(code) ? 1 : 0;
  if (code >= 0xdc00 && code <= 0xdfff) {
    // The second half of a character outside the Basic Multilingual Plane: look at the pair.
    const high = k > 0 ? text.charCodeAt(k - 1) : 0;
    return high >= 0xd800 && high <= 0xdbff && WIDE_NAME_CHAR.test(text.slice(k - 1, k + 1)) ? 2 : 0;
  }
  return WIDE_NAME_CHAR.test(text.charAt(k)) ? 1 : 0;
}

/**
 * Replaces the values of `name=value` / `"name": "value"` pairs whose name is a secret one, each
 * value whole, however long (the text is already cut near the cap). Each separator is looked at
 * once, its name found by a look-back over its own run, and a replaced value is skipped, so the
 * scan is linear.
 */
function scrubKeyValues(c: Compiled, text: string): string {
  const sepRe = KEY_VALUE_SEPARATOR;
  const value = KEY_VALUE_VALUE;
  sepRe.lastIndex = 0;
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = sepRe.exec(text)) !== null) {
    const name = nameBefore(text, m.index, false);
    let secret = name !== undefined && keyIsSecret(c, name);
    // A user's property name in another script (`contraseña`) is a run the ASCII look-back stops
    // inside; it is looked for too, so a name is a secret when either reading of it is one.
    if (!secret && c.wideNames) {
      const wide = nameBefore(text, m.index, true);
      secret = wide !== undefined && wide !== name && keyIsSecret(c, wide);
    }
    if (!secret) continue;
    let end = m.index + 1;
    for (let n = 0; n < 8 && end < text.length && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9); n++) end++;
    // Already redacted by a text rule (`Authorization: Bearer [REDACTED]`): leave it be.
    AUTH_SCHEME.lastIndex = end;
    const scheme = AUTH_SCHEME.exec(text);
    if (text.startsWith(c.replacement, scheme === null ? end : end + scheme[0].length)) continue;
    value.lastIndex = end;
    const v = value.exec(text);
    if (v === null) continue;
    // Where the value's own characters start (after the scheme word and the opening quote) and end.
    const start = end + v[1]!.length + (v[2]?.length ?? 0);
    let stop: number;
    if (v[2] !== undefined) stop = quotedValueEnd(text, start, v[2]);
    else {
      const bare = v[3]!;
      if (bare === 'true' || bare === 'false' || bare === 'null') continue;
      stop = start + bare.length;
    }
    if (stop === start || (stop - start === c.replacement.length && text.startsWith(c.replacement, start))) continue;
    out += text.slice(last, start) + c.replacement;
    last = stop;
    sepRe.lastIndex = last;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Replaces every secret inside `text` (already cut near the cap). */
function scrub(c: Compiled, text: string): string {
  let out = text;
  if (text.length >= c.minLength) {
    const mask = c.keyValuesAlways ? triggered(c, text) | KEY_VALUE_BIT : triggered(c, text);
    if (mask !== 0) {
      const rules = c.rules;
      for (let i = 0; i < rules.length; i++) {
        if ((mask & (1 << i)) === 0) continue;
        const rule = rules[i]!;
        rule.re.lastIndex = 0;
        out = rule.keepPrefix ? out.replace(rule.re, (_m: string, prefix: string) => prefix + c.replacement) : out.replace(rule.re, () => c.replacement);
      }
      if ((mask & KEY_VALUE_BIT) !== 0) out = scrubKeyValues(c, out);
    }
  }
  for (const re of c.userPatterns) {
    re.lastIndex = 0;
    out = out.replace(re, () => c.replacement);
  }
  return out;
}

/**
 * The names of the built-in rules the one-scan pre-check selects for `text` (the rules that then
 * run on it). Exposed so tests can show the pre-check never skips a rule that would match.
 *
 * @example
 * ```ts
 * import { rulesTriggeredBy } from '@llm-trace/core/extend';
 * rulesTriggeredBy('jwt eyJhbGciOiJIUzI1NiJ9.x.y', { defaults: true }); // ['JSON Web Token']
 * ```
 */
export function rulesTriggeredBy(text: string, options: RedactionOptions): string[] {
  const c = compile(options);
  const mask = triggered(c, text);
  const names = c.rules.filter((_r, i) => (mask & (1 << i)) !== 0).map((r) => r.name);
  if ((mask & KEY_VALUE_BIT) !== 0) names.push(KEY_VALUE_RULE_NAME);
  return names;
}

/** The name `rulesTriggeredBy` gives the scan of `name=value` pairs inside text. */
export const KEY_VALUE_RULE_NAME = 'secret name = value';

/**
 * Values of these keys in the OTel GenAI message schema are short enumerations (`user`, `text`,
 * `stop`), never a secret: they skip the pattern scan.
 */
const ENUM_KEYS: ReadonlySet<string> = new Set(['role', 'type', 'finish_reason', 'modality', 'mime_type']);

/**
 * Builds the redactor for one attribute.
 *
 * @example
 * ```ts
 * const r = createRedactor({ defaults: true }, 'gen_ai.input.messages', 32768);
 * r.string('Authorization: Bearer abcDEF123456789'); // 'Authorization: Bearer [REDACTED]'
 * ```
 */
export function createRedactor(options: RedactionOptions, attribute: string, maxLength = Number.POSITIVE_INFINITY): Redactor {
  const c = compile(options);
  // Strings are cut near the cap before scanning, so redacting a huge value costs what the cap allows;
  // the margin keeps a secret straddling the cut whole enough for the patterns to match it.
  const limit = maxLength + CUT_MARGIN;
  const cut = (v: string): string => (v.length > limit ? v.slice(0, limit) : v);
  const inactive = c.keys.length === 0 && c.keyNames.size === 0 && c.paths.length === 0 && c.rules.length === 0 && c.userPatterns.length === 0 && !c.hook;
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
    let out = value;
    if (typeof value === 'string' && !(typeof key === 'string' && value.length <= 32 && ENUM_KEYS.has(key))) out = scrub(c, cut(value));
    if (c.hook && (typeof out === 'string' || (typeof out === 'object' && out !== null))) {
      out = runHook(c, out, { attribute, path });
    }
    return out;
  };
  const unchanged = c.jsonCheck ? (json: string): boolean => unchangedJson(c, json) : undefined;
  return { transform, string, inactive, unchanged, parts: c.jsonCheck ? partChecks(c) : undefined };
}

/**
 * Redacts one piece of free text (an error message, a stack trace, a log line) with the given
 * rules, cut to `maxLength` characters first. Never throws.
 *
 * @example
 * ```ts
 * import { redactText } from '@llm-trace/core/extend';
 * redactText('connect postgres://app:pw123456@db/prod failed', { defaults: true }, 1024);
 * // 'connect postgres://app:[REDACTED]@db/prod failed'
 * ```
 */
export function redactText(text: string, options: RedactionOptions, maxLength: number): string {
  try {
    const cutText = text.length > maxLength ? text.slice(0, maxLength) : text;
    return createRedactor(options, 'text', maxLength).string(cutText);
  } catch (err) {
    diag.error('llm-trace: redaction failed; text replaced', err);
    return options.replacement ?? '[REDACTED]';
  }
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
