/**
 * Type checks of every option `configure()`, the wrappers and the decorator accept. A wrong type
 * is a `TypeError` naming the option, thrown where the option is given (configuration and
 * wrapping are start-up steps), never a value silently taken for something else: the string
 * `'false'` is not a boolean, and a pattern that is not a `RegExp` would otherwise make every
 * later content write fail.
 */
import { getConfig, type RedactionOptions } from './config';
import { redactText } from './redact/redactor';

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof RegExp) return 'a RegExp';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}` : typeof value;
}

function fail(api: string, name: string, expected: string, value: unknown): never {
  throw new TypeError(`llm-trace ${api}: option "${name}" must be ${expected}, got ${kindOf(value)}`);
}

function optional(api: string, name: string, value: unknown, expected: string, ok: (v: unknown) => boolean): void {
  if (value !== undefined && !ok(value)) fail(api, name, expected, value);
}

const isString = (v: unknown) => typeof v === 'string';
const isBoolean = (v: unknown) => typeof v === 'boolean';
const isFunction = (v: unknown) => typeof v === 'function';
const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isArrayOf = (ok: (v: unknown) => boolean) => (v: unknown) => Array.isArray(v) && v.every(ok);

/**
 * Checks `configure({ redaction })`: paths are strings, keys strings or `RegExp`s, patterns
 * `RegExp`s, the hook a function, `defaults` a boolean, `replacement` a string.
 *
 * @example
 * ```ts
 * import { validateRedactionOptions } from '@llm-trace/core/extend';
 * validateRedactionOptions({ patterns: [/\b\d{16}\b/g] }); // ok
 * ```
 */
export function validateRedactionOptions(redaction: unknown, api = 'configure()'): asserts redaction is RedactionOptions {
  if (!isObject(redaction)) fail(api, 'redaction', 'an object', redaction);
  const r = redaction as Record<string, unknown>;
  const known = new Set(['paths', 'keys', 'patterns', 'hook', 'defaults', 'replacement']);
  for (const name of Object.keys(r)) if (!known.has(name)) throw new TypeError(`llm-trace ${api}: unknown option "redaction.${name}"`);
  optional(api, 'redaction.paths', r.paths, 'an array of strings', isArrayOf(isString));
  optional(api, 'redaction.keys', r.keys, 'an array of strings or RegExps', isArrayOf((k) => typeof k === 'string' || k instanceof RegExp));
  optional(api, 'redaction.patterns', r.patterns, 'an array of RegExps', isArrayOf((p) => p instanceof RegExp));
  optional(api, 'redaction.hook', r.hook, 'a function', isFunction);
  optional(api, 'redaction.defaults', r.defaults, 'a boolean', isBoolean);
  optional(api, 'redaction.replacement', r.replacement, 'a string', isString);
}

/** The string options of a wrapper; `model`, `name` and `spanName` also make the span name. */
const STRING_OPTIONS = ['name', 'spanName', 'model', 'provider', 'description', 'id', 'dataSource', 'operation'] as const;

/**
 * Checks a wrapper's or the decorator's options and returns them with the parts that become the
 * span name (`spanName`, `name`, `model`) redacted: a span name is exported like any attribute.
 * `kind` is checked where it is resolved (an unknown kind is a `diag` warning and a CHAIN span).
 *
 * @example
 * ```ts
 * import { validateSpanOptions } from '@llm-trace/core/extend';
 * validateSpanOptions({ name: 'search', captureContent: false }, 'withTool()');
 * ```
 */
export function validateSpanOptions<O extends object>(options: O, api: string): O {
  const o = options as Record<string, unknown>;
  for (const name of STRING_OPTIONS) optional(api, name, o[name], 'a string', isString);
  optional(api, 'kind', o.kind, 'a string', isString);
  optional(api, 'captureContent', o.captureContent, 'a boolean', isBoolean);
  optional(api, 'attributes', o.attributes, 'an object', isObject);
  optional(api, 'mapInput', o.mapInput, 'a function', isFunction);
  optional(api, 'mapOutput', o.mapOutput, 'a function', isFunction);
  optional(api, 'otelSpanKind', o.otelSpanKind, 'an OpenTelemetry SpanKind (0-4)', (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 4);
  let copy: Record<string, unknown> | undefined;
  const redaction = getConfig().redaction;
  for (const name of ['spanName', 'name', 'model'] as const) {
    const v = o[name];
    if (typeof v !== 'string') continue;
    const redacted = redactText(v, redaction, 1024);
    if (redacted !== v) (copy ??= { ...o })[name] = redacted;
  }
  return (copy ?? options) as O;
}
