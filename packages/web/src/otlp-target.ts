/**
 * Where spans go: options first, then the standard `OTEL_EXPORTER_OTLP_*` variables from the
 * environment the app passes (a worker's `env`) or, where readable, `process.env`.
 */

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

/** Parses `a=b,c=d` with percent-encoded values, as the spec defines `OTEL_EXPORTER_OTLP_HEADERS`. */
export function parseHeaders(raw: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!raw) return headers;
  for (const pair of raw.split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const key = pair.slice(0, at).trim();
    let value = pair.slice(at + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // Not percent-encoded after all; keep it verbatim.
    }
    if (key) headers[key] = value;
  }
  return headers;
}

/** The resolved target. */
export interface OtlpTarget {
  readonly url: string;
  readonly headers: Record<string, string>;
}

/**
 * The target from options and the environment, or `undefined` when nothing asks for OTLP.
 * Precedence as in every OTel SDK: `url` option, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as is,
 * `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`, then `http://localhost:4318/v1/traces` when only
 * headers are set.
 */
export function resolveTarget(options: { url?: string; headers?: Readonly<Record<string, string>> } | undefined, env: EnvRecord | undefined): OtlpTarget | undefined {
  const traces = readEnv(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const base = readEnv(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  const envHeaders = { ...parseHeaders(readEnv(env, 'OTEL_EXPORTER_OTLP_HEADERS')), ...parseHeaders(readEnv(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS')) };
  const configured = options?.url !== undefined || options?.headers !== undefined || traces !== undefined || base !== undefined || Object.keys(envHeaders).length > 0;
  if (!configured) return undefined;
  const url = options?.url ?? traces ?? `${(base ?? 'http://localhost:4318').replace(/\/+$/, '')}/v1/traces`;
  return { url, headers: { ...envHeaders, ...(options?.headers ?? {}) } };
}

/**
 * A URL safe to print: scheme, host and path only. User info and the query string can hold
 * credentials (`https://key@host`, `?api_key=`), so they are never part of a log line.
 */
export function printableUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
}
