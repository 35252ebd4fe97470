/**
 * The standard OpenTelemetry SDK environment variables `register()` reads itself (the SDK reads
 * the sampler, span limits and resource variables on its own): whether the SDK is disabled, which
 * exporters to use, and the batch and timeout settings. Invalid values are reported through
 * `diag` and ignored, as the SDK specification asks.
 */
import { diag } from '@opentelemetry/api';

function read(source: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = source[name]?.trim();
  return value ? value : undefined;
}

/** `OTEL_SDK_DISABLED=true` (any case): register nothing. */
export function sdkDisabled(source: NodeJS.ProcessEnv = process.env): boolean {
  return read(source, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true';
}

/** The exporters `OTEL_TRACES_EXPORTER` asks for, or `undefined` when it is unset. */
export interface ExporterChoice {
  readonly otlp: boolean;
  readonly console: boolean;
}

/**
 * Parses `OTEL_TRACES_EXPORTER` (`otlp`, `console`, `none`, comma-separated); unknown names are
 * reported and skipped.
 */
export function tracesExporterFromEnv(source: NodeJS.ProcessEnv = process.env): ExporterChoice | undefined {
  const raw = read(source, 'OTEL_TRACES_EXPORTER');
  if (raw === undefined) return undefined;
  const names = raw.split(',').map((n) => n.trim().toLowerCase()).filter(Boolean);
  let otlp = false;
  let console = false;
  for (const name of names) {
    if (name === 'otlp') otlp = true;
    else if (name === 'console') console = true;
    else if (name !== 'none') {
      diag.warn(`llm-trace: OTEL_TRACES_EXPORTER names "${name}", which register() does not provide (it knows otlp, console and none); pass your own exporter in spanProcessors instead`);
    }
  }
  if (names.includes('none') && names.length > 1) {
    diag.warn(`llm-trace: OTEL_TRACES_EXPORTER=${raw} mixes "none" with exporters; no exporter is used`);
    return { otlp: false, console: false };
  }
  return { otlp, console };
}

/** A positive integer from the environment, or `undefined` (reported) when it is not one. */
export function positiveIntFromEnv(name: string, source: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = read(source, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    diag.warn(`llm-trace: ${name}=${raw} is not a positive integer; it is ignored`);
    return undefined;
  }
  return value;
}
