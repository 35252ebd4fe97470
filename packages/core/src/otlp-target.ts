/**
 * Where OTLP spans go, following the OpenTelemetry exporter specification for the standard
 * `OTEL_EXPORTER_OTLP_*` variables, and how such a URL may appear in a log line. The same in every
 * runtime: each setup package only says how it reads a variable (Node's `process.env`, a Worker's
 * `env`, `Deno.env`), so this module touches no runtime global.
 */

/**
 * The resolved OTLP target.
 *
 * @example
 * ```ts
 * import type { OtlpTarget } from '@llm-trace/core/extend';
 * const target: OtlpTarget = { url: 'http://localhost:4318/v1/traces', headers: {} };
 * ```
 */
export interface OtlpTarget {
  /** Full traces URL, e.g. `http://localhost:4318/v1/traces`. */
  readonly url: string;
  readonly headers: Record<string, string>;
}

/** The spec's default endpoint, used when only headers are configured. */
const DEFAULT_BASE = 'http://localhost:4318';

/**
 * Parses `a=b,c=d` with percent-encoded values, as the spec defines `OTEL_EXPORTER_OTLP_HEADERS`.
 *
 * @example
 * ```ts
 * import { parseOtlpHeaders } from '@llm-trace/core/extend';
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

/**
 * The OTLP target from explicit options and the variables `readVariable` returns (trimmed, and
 * `undefined` for unset or empty), or `undefined` when nothing asks for OTLP. Precedence: `url`
 * option, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (used as is), `OTEL_EXPORTER_OTLP_ENDPOINT`
 * (+ `/v1/traces`), then the spec default `http://localhost:4318` when only headers are
 * configured. Headers: option over `OTEL_EXPORTER_OTLP_TRACES_HEADERS` over
 * `OTEL_EXPORTER_OTLP_HEADERS`.
 *
 * @example
 * ```ts
 * import { otlpTargetFrom } from '@llm-trace/core/extend';
 * const vars: Record<string, string> = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
 * otlpTargetFrom(undefined, (name) => vars[name]);
 * // { url: 'http://collector:4318/v1/traces', headers: {} }
 * ```
 */
export function otlpTargetFrom(
  options: { url?: string; headers?: Readonly<Record<string, string>> } | undefined,
  readVariable: (name: string) => string | undefined,
): OtlpTarget | undefined {
  const tracesEndpoint = readVariable('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const baseEndpoint = readVariable('OTEL_EXPORTER_OTLP_ENDPOINT');
  const envHeaders = {
    ...parseOtlpHeaders(readVariable('OTEL_EXPORTER_OTLP_HEADERS')),
    ...parseOtlpHeaders(readVariable('OTEL_EXPORTER_OTLP_TRACES_HEADERS')),
  };
  const configured =
    options?.url !== undefined || options?.headers !== undefined || tracesEndpoint !== undefined || baseEndpoint !== undefined || Object.keys(envHeaders).length > 0;
  if (!configured) return undefined;
  const url = options?.url ?? tracesEndpoint ?? `${(baseEndpoint ?? DEFAULT_BASE).replace(/\/+$/, '')}/v1/traces`;
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
 * so printing where spans go never prints how to authenticate there. Text that does not parse
 * as a URL keeps what is before any query, without anything up to an `@`. Never throws.
 *
 * @example
 * ```ts
 * import { printableUrl } from '@llm-trace/core/extend';
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
 * import { withPrintableUrls } from '@llm-trace/core/extend';
 * withPrintableUrls('POST https://u:pw@host/v1/traces?token=t failed'); // 'POST https://host/v1/traces failed'
 * ```
 */
export function withPrintableUrls(text: string): string {
  // Cut first: the URL pattern then costs what a log line may hold.
  const cut = text.length > 2048 ? `${text.slice(0, 2048)}...` : text;
  return cut.replace(/(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s"'<>]+/g, (u) => printableUrl(u));
}
