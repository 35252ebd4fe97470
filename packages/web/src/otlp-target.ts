/**
 * Where spans go: options first, then the standard `OTEL_EXPORTER_OTLP_*` variables from the
 * environment the app passes (a worker's `env`) or, where readable, `process.env`. The rules are
 * `@llm-trace/core/extend`'s, shared with the Node setup; this module only reads the variables.
 */
import { otlpTargetFrom, printableUrl as printable, type OtlpTarget } from '@llm-trace/core/extend';

export type { OtlpTarget } from '@llm-trace/core/extend';

/**
 * Environment variables as an object (a Worker's `env` with its own interface, `process.env`,
 * `Deno.env.toObject()`); only string values are read.
 */
export type EnvRecord = object;

/**
 * One variable from `env`, else from `process.env` where the runtime has one and allows the
 * read (Deno without `--allow-env` refuses it; that means "unset").
 */
export function readEnv(env: EnvRecord | undefined, name: string): string | undefined {
  try {
    const source = (env ?? (globalThis as { process?: { env?: EnvRecord } }).process?.env) as Record<string, unknown> | undefined;
    const value = source?.[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The target from options and the environment, or `undefined` when nothing asks for OTLP, with
 * the precedence of every OTel SDK (see `otlpTargetFrom`).
 */
export function resolveTarget(options: { url?: string; headers?: Readonly<Record<string, string>> } | undefined, env: EnvRecord | undefined): OtlpTarget | undefined {
  return otlpTargetFrom(options, (name) => readEnv(env, name));
}

/**
 * A URL safe to print: no user info, query string or token-like path segment. Text that is not
 * a URL at all is not repeated (it may be a key pasted in the wrong place).
 */
export function printableUrl(url: string): string {
  try {
    new URL(url);
  } catch {
    return '(an invalid URL)';
  }
  return printable(url);
}
