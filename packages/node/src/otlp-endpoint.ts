/**
 * Decides where OTLP spans go from options and `process.env`, following the OpenTelemetry
 * exporter specification for the standard `OTEL_EXPORTER_OTLP_*` variables, so users configure
 * us exactly like any OTel SDK. The rules themselves live in `@llm-trace/core/extend`, shared
 * with the fetch-runtime setup; this module only reads Node's environment.
 */
import { otlpTargetFrom, type OtlpTarget } from '@llm-trace/core/extend';

export { parseOtlpHeaders, printableUrl, withPrintableUrls } from '@llm-trace/core/extend';
export type { OtlpTarget } from '@llm-trace/core/extend';

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
  return otlpTargetFrom(options, (name) => {
    const value = source[name]?.trim();
    return value ? value : undefined;
  });
}
