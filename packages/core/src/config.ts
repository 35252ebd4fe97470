/**
 * Global settings. Read on every span start through `getConfig()` (a plain object read, so the
 * hot path pays nothing), changed with `configure()`.
 */
import { diag } from '@opentelemetry/api';
import { validateRedactionOptions } from './validate-options';
import { globalState } from './global-state';

/** An output dialect: the default LLM Trace keys, plus optionally the OpenInference keys. */
export type DialectName = 'llm-trace' | 'openinference';

/** Where a redaction rule matched, passed to the redaction hook. */
export interface RedactionInfo {
  /** The attribute key being written, e.g. `gen_ai.input.messages`. */
  readonly attribute: string;
  /** Path of the value inside the captured object, e.g. `['headers', 'authorization']`. */
  readonly path: readonly (string | number)[];
}

/** How captured content is redacted before it is written to a span. */
export interface RedactionOptions {
  /**
   * Key paths whose values are replaced, dot-separated with `*` for any one segment,
   * e.g. `'user.email'`, `'messages.*.metadata.phone'`.
   */
  readonly paths?: readonly string[];
  /** Property names (matched case-insensitively, anywhere) whose values are replaced. */
  readonly keys?: readonly (string | RegExp)[];
  /**
   * Patterns replaced inside string values, e.g. `/\b\d{16}\b/g` for card numbers. They run on
   * every captured string (cut near `maxAttributeLength` first), so a pattern that backtracks
   * badly (nested quantifiers such as `(a+)+`, or `.*` runs that can overlap) can make capture
   * slow: prefer bounded quantifiers (`{1,64}`) and patterns that start with literal text.
   */
  readonly patterns?: readonly RegExp[];
  /** Called for every string and object value; return the value to keep (or a replacement). */
  readonly hook?: (value: unknown, info: RedactionInfo) => unknown;
  /** Apply the built-in secret rules (API keys, bearer tokens, `password`, `secret`, ...). @default true */
  readonly defaults?: boolean;
  /** The replacement text. @default '[REDACTED]' */
  readonly replacement?: string;
}

/** Settings accepted by `configure()`. Every field is optional; unset fields keep their value. */
export interface LlmTraceOptions {
  /**
   * Capture content (messages, inputs/outputs, tool arguments/results, document text).
   * Default: true, unless `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT` is
   * `false` or `NO_CONTENT`.
   */
  readonly captureContent?: boolean;
  /** Output dialects. @default ['llm-trace'] */
  readonly dialects?: readonly DialectName[];
  /** Longest string written to one attribute, in characters; longer values are truncated with a marker. @default 32768 */
  readonly maxAttributeLength?: number;
  /** Deepest object nesting the serializer follows. @default 8 */
  readonly maxDepth?: number;
  /** Most array items / object keys / map entries the serializer writes per container. @default 100 */
  readonly maxItems?: number;
  /** A stream that has not been read for this long ends its span, marked abandoned. @default 300000 (5 min) */
  readonly streamIdleTimeoutMs?: number;
  /** Redaction of captured content. */
  readonly redaction?: RedactionOptions;
}

/** The resolved settings. */
export interface LlmTraceConfig {
  readonly captureContent: boolean;
  readonly dialects: readonly DialectName[];
  readonly openinference: boolean;
  readonly maxAttributeLength: number;
  readonly maxDepth: number;
  readonly maxItems: number;
  readonly streamIdleTimeoutMs: number;
  readonly redaction: RedactionOptions;
}

const CAPTURE_ENV = 'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT';

/**
 * One environment variable, or `undefined` when it is unset or the runtime does not let us read
 * it: Deno without `--allow-env` throws on the read, and workerd, Vercel Edge and browsers have
 * no `process` at all. Importing the package must work there, so a refused read means "unset".
 */
function readEnv(env: NodeJS.ProcessEnv | undefined, name: string): string | undefined {
  try {
    const value = (env ?? (globalThis as { process?: { env?: NodeJS.ProcessEnv } }).process?.env)?.[name];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`; `undefined` when unset or not
 * readable (no `process`, or a runtime that refuses the read).
 *
 * @example
 * ```ts
 * import { captureContentFromEnv } from '@llm-trace/core/extend';
 * captureContentFromEnv({ OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'false' }); // false
 * ```
 */
export function captureContentFromEnv(env?: NodeJS.ProcessEnv): boolean | undefined {
  const raw = readEnv(env, CAPTURE_ENV)?.trim();
  if (!raw) return undefined;
  switch (raw.toUpperCase()) {
    case 'TRUE':
    case '1':
    case 'SPAN_ONLY':
    case 'SPAN_AND_EVENT':
      return true;
    case 'FALSE':
    case '0':
    case 'NO_CONTENT':
    case 'EVENT_ONLY':
      return false;
    default:
      diag.warn(`llm-trace: ${CAPTURE_ENV}=${raw} is not one of true, false, NO_CONTENT, SPAN_ONLY; content capture stays on`);
      return undefined;
  }
}

function defaults(): LlmTraceConfig {
  return {
    captureContent: captureContentFromEnv() ?? true,
    dialects: ['llm-trace'],
    openinference: false,
    maxAttributeLength: 32768,
    maxDepth: 8,
    maxItems: 100,
    streamIdleTimeoutMs: 300_000,
    redaction: { defaults: true, replacement: '[REDACTED]' },
  };
}

// Shared with every other loaded copy of this package (ESM and CJS builds, duplicate installs).
globalState.config ??= defaults();

/** The settings in force. */
export function getConfig(): LlmTraceConfig {
  return globalState.config!;
}

function positiveInt(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new TypeError(`llm-trace configure(): option "${name}" must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Changes global settings; unset fields keep their current value.
 * Throws a `TypeError` naming the option when a value is invalid (configuration is a
 * start-up step, so a mistake should be loud).
 *
 * @example
 * ```ts
 * import { configure } from '@llm-trace/core';
 * configure({ captureContent: false, dialects: ['llm-trace', 'openinference'] });
 * ```
 */
export function configure(options: LlmTraceOptions): LlmTraceConfig {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('llm-trace configure(): expected an options object');
  }
  const next = { ...getConfig() } as { -readonly [K in keyof LlmTraceConfig]: LlmTraceConfig[K] };
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    switch (name) {
      case 'captureContent':
        if (typeof value !== 'boolean') throw new TypeError(`llm-trace configure(): option "captureContent" must be a boolean, got ${typeof value === 'string' ? `the string "${value}"` : typeof value}`);
        next.captureContent = value;
        break;
      case 'dialects': {
        const ok = Array.isArray(value) && value.length > 0 && value.every((d) => d === 'llm-trace' || d === 'openinference');
        if (!ok) throw new TypeError(`llm-trace configure(): option "dialects" must be a non-empty array of 'llm-trace' | 'openinference'`);
        next.dialects = [...new Set(value as DialectName[])];
        next.openinference = next.dialects.includes('openinference');
        break;
      }
      case 'maxAttributeLength':
      case 'maxDepth':
      case 'maxItems':
      case 'streamIdleTimeoutMs':
        next[name] = positiveInt(name, value);
        break;
      case 'redaction':
        validateRedactionOptions(value);
        next.redaction = { ...defaults().redaction, ...value };
        break;
      default:
        throw new TypeError(`llm-trace configure(): unknown option "${name}"`);
    }
  }
  globalState.config = next;
  return next;
}

/** Restores the defaults (re-reading the environment). Meant for tests. */
export function resetConfig(): LlmTraceConfig {
  globalState.config = defaults();
  return globalState.config;
}
