/**
 * Decides where OTLP spans go, following the OpenTelemetry exporter specification for the
 * standard `OTEL_EXPORTER_OTLP_*` variables, so users configure us exactly like any OTel SDK.
 */

/**
 * The resolved OTLP target.
 *
 * @example
 * ```ts
 * import type { OtlpTarget } from '@llm-trace/node';
 * const target: OtlpTarget = { url: 'http://localhost:4318/v1/traces', headers: {} };
 * ```
 */
export interface OtlpTarget {
  /** Full traces URL, e.g. `http://localhost:4318/v1/traces`. */
  readonly url: string;
  readonly headers: Record<string, string>;
}

const DEFAULT_BASE = 'http://localhost:4318';

function env(name: string, source: NodeJS.ProcessEnv): string | undefined {
  const value = source[name]?.trim();
  return value ? value : undefined;
}

/**
 * Parses `a=b,c=d` with percent-encoded values, as the spec defines `OTEL_EXPORTER_OTLP_HEADERS`.
 *
 * @example
 * ```ts
 * import { parseOtlpHeaders } from '@llm-trace/node';
 * parseOtlpHeaders('Authorization=Basic%20YWJj,x-project=demo');
 * // { Authorization: 'Basic YWJj', 'x-project': 'demo' }
 * ```
 */
export function parseOtlpHeaders(raw: string | undefined): Record<string, string> {
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

function tracesUrlFromBase(base: string): string {
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * The OTLP target from explicit options and the environment, or `undefined` when nothing asks
 * for OTLP. Precedence: `url` option, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (used as is),
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (+ `/v1/traces`), then the spec default `http://localhost:4318`
 * when only headers are configured. Headers: option over `OTEL_EXPORTER_OTLP_TRACES_HEADERS` over
 * `OTEL_EXPORTER_OTLP_HEADERS`.
 *
 * @example
 * ```ts
 * import { resolveOtlpTarget } from '@llm-trace/node';
 * resolveOtlpTarget(undefined, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' });
 * // { url: 'http://collector:4318/v1/traces', headers: {} }
 * ```
 */
export function resolveOtlpTarget(
  options: { url?: string; headers?: Record<string, string> } | undefined,
  source: NodeJS.ProcessEnv = process.env,
): OtlpTarget | undefined {
  const tracesEndpoint = env('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', source);
  const baseEndpoint = env('OTEL_EXPORTER_OTLP_ENDPOINT', source);
  const envHeaders = {
    ...parseOtlpHeaders(env('OTEL_EXPORTER_OTLP_HEADERS', source)),
    ...parseOtlpHeaders(env('OTEL_EXPORTER_OTLP_TRACES_HEADERS', source)),
  };
  const configured =
    options?.url !== undefined ||
    options?.headers !== undefined ||
    tracesEndpoint !== undefined ||
    baseEndpoint !== undefined ||
    Object.keys(envHeaders).length > 0;
  if (!configured) return undefined;

  const url =
    options?.url ?? tracesEndpoint ?? tracesUrlFromBase(baseEndpoint ?? DEFAULT_BASE);
  return { url, headers: { ...envHeaders, ...(options?.headers ?? {}) } };
}

/** A path segment printed as it is: a plain word such as `v1`, `traces`, `api`, `otlp`. */
const PLAIN_SEGMENT = /^[A-Za-z][A-Za-z0-9._-]{0,23}$/;

/** True when a path segment looks like a credential rather than a word (many digits, `@`, long). */
function looksLikeToken(segment: string): boolean {
  if (!PLAIN_SEGMENT.test(segment)) return true;
  let digits = 0;
  for (let i = 0; i < segment.length; i++) if (segment.charCodeAt(i) >= 48 && segment.charCodeAt(i) <= 57) digits++;
  return digits > 3;
}

/**
 * `url` as it may appear in a log line: no `user:password@`, no query string or fragment, and
 * path segments that look like tokens (an ARMS endpoint carries its token in the path) replaced,
 * so printing where spans go never prints how to authenticate there. Never throws.
 *
 * @example
 * ```ts
 * import { printableUrl } from '@llm-trace/node';
 * printableUrl('https://u:pw@collector.example/adapt_abc123@def456_xyz/api/otlp/traces?key=k');
 * // 'https://collector.example/[redacted]/api/otlp/traces'
 * ```
 */
export function printableUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname
      .split('/')
      .map((s) => (s === '' || !looksLikeToken(decodeURIComponent(s)) ? s : '[redacted]'))
      .join('/');
    return `${u.protocol}//${u.host}${path}`;
  } catch {
    // Not a URL: keep what is before any query, and drop anything up to an `@`.
    const text = String(url);
    const noQuery = text.split(/[?#]/, 1)[0]!;
    const at = noQuery.lastIndexOf('@');
    const scheme = noQuery.indexOf('://');
    const rest = at >= 0 ? noQuery.slice(at + 1) : noQuery;
    return (at >= 0 && scheme >= 0 && scheme < at ? noQuery.slice(0, scheme + 3) + rest : rest).slice(0, 200);
  }
}

/**
 * `text` (an exporter's error message, say) with every URL in it made printable.
 *
 * @example
 * ```ts
 * import { withPrintableUrls } from '@llm-trace/node';
 * withPrintableUrls('POST https://u:pw@host/v1/traces?token=t failed'); // 'POST https://host/v1/traces failed'
 * ```
 */
export function withPrintableUrls(text: string): string {
  // Cut first: the URL pattern then costs what a log line may hold.
  const cut = text.length > 2048 ? `${text.slice(0, 2048)}...` : text;
  return cut.replace(/(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s"'<>]+/g, (u) => printableUrl(u));
}
