/**
 * One call that turns tracing on for a Node process: provider, context manager, propagators,
 * resource, session stamping and an exporter chosen from options and the standard environment.
 */
import { context, diag, propagation, trace, type Attributes } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { SessionSpanProcessor } from '@llm-trace/core';
import { ATTR_ACS_ARMS_SERVICE_FEATURE, ATTR_SERVICE_NAME } from '@llm-trace/semconv';
import { consoleTreeSpanProcessor, type ConsoleTreeExporterOptions } from './console-tree-exporter';
import { GenAiKindSpanProcessor, type GenAiKindSpanProcessorOptions } from './genai-kind-span-processor';
import { OutageReportingExporter } from './outage-reporting-exporter';
import { resolveOtlpTarget } from './otlp-endpoint';
import { RedactingSpanProcessor } from './redacting-span-processor';

/**
 * OTLP/HTTP-protobuf export settings; anything unset comes from `OTEL_EXPORTER_OTLP_*`.
 *
 * @example
 * ```ts
 * import type { OtlpOptions } from '@llm-trace/node';
 * const otlp: OtlpOptions = { url: 'http://localhost:4318/v1/traces', timeoutMillis: 5000 };
 * ```
 */
export interface OtlpOptions {
  /** Full traces URL, e.g. `https://collector:4318/v1/traces`. */
  readonly url?: string;
  /** Extra request headers (authentication), merged over `OTEL_EXPORTER_OTLP_HEADERS`. */
  readonly headers?: Record<string, string>;
  /** Per-export timeout in milliseconds. @default 10000 */
  readonly timeoutMillis?: number;
  /** Most finished spans held in memory while the collector is slow or down; more are dropped. @default 2048 */
  readonly maxQueueSize?: number;
  /** Most spans per export request. @default 512 */
  readonly maxExportBatchSize?: number;
  /** Delay between batch exports in milliseconds. @default 1000 */
  readonly scheduledDelayMillis?: number;
}

/**
 * Options for `register()`.
 *
 * @example
 * ```ts
 * import type { RegisterOptions } from '@llm-trace/node';
 * const options: RegisterOptions = { serviceName: 'rag-api', console: true };
 * ```
 */
export interface RegisterOptions {
  /** `service.name` of the resource. @default `OTEL_SERVICE_NAME`, else the OTel default */
  readonly serviceName?: string;
  /** Extra resource attributes (merged over `OTEL_RESOURCE_ATTRIBUTES`). */
  readonly resourceAttributes?: Attributes;
  /**
   * OTLP export. Used when this is given or any `OTEL_EXPORTER_OTLP_ENDPOINT`,
   * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_EXPORTER_OTLP_HEADERS` is set; `false` turns it
   * off whatever the environment says.
   */
  readonly otlp?: OtlpOptions | false;
  /**
   * The console trace tree. @default true when OTLP is not used, false otherwise; pass `true`
   * (or options) to get both.
   */
  readonly console?: boolean | ConsoleTreeExporterOptions;
  /** More span processors, run after the built-in ones. */
  readonly spanProcessors?: readonly SpanProcessor[];
  /**
   * When an auto-instrumentation (OpenInference, OpenLLMetry) traces a model call that one of our
   * LLM spans already covers: `'merge'` (default) keeps one LLM span, ours, with what either knew;
   * `'keep'` exports both.
   */
  readonly duplicateLlmSpans?: GenAiKindSpanProcessorOptions['duplicateLlmSpans'];
}

/**
 * What `register()` returns.
 *
 * @example
 * ```ts
 * import { register, type Registration } from '@llm-trace/node';
 * const tracing: Registration = register();
 * await tracing.shutdown();
 * ```
 */
export interface Registration {
  /** Exports everything still buffered. */
  forceFlush(): Promise<void>;
  /** Flushes, stops the exporters and unregisters the global provider; safe to call twice. */
  shutdown(): Promise<void>;
}


let active: Registration | undefined;

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new TypeError(`llm-trace register(): option "${name}" must be a positive integer, got ${String(value)}`);
  }
  return value;
}

function validate(options: RegisterOptions): void {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('llm-trace register(): expected an options object');
  }
  if (options.serviceName !== undefined && (typeof options.serviceName !== 'string' || options.serviceName === '')) {
    throw new TypeError('llm-trace register(): option "serviceName" must be a non-empty string');
  }
  const otlp = options.otlp;
  if (otlp !== undefined && otlp !== false && (otlp === null || typeof otlp !== 'object')) {
    throw new TypeError('llm-trace register(): option "otlp" must be an object or false');
  }
  if (otlp && otlp.url !== undefined && !URL.canParse(otlp.url)) {
    throw new TypeError(`llm-trace register(): option "otlp.url" is not a URL: ${String(otlp.url)}`);
  }
  const c = options.console;
  if (c !== undefined && typeof c !== 'boolean' && (c === null || typeof c !== 'object')) {
    throw new TypeError('llm-trace register(): option "console" must be a boolean or an options object');
  }
  if (options.spanProcessors !== undefined && !Array.isArray(options.spanProcessors)) {
    throw new TypeError('llm-trace register(): option "spanProcessors" must be an array');
  }
}

function buildOtlpProcessor(otlp: OtlpOptions | undefined, url: string, headers: Record<string, string>): SpanProcessor {
  const timeoutMillis = positiveInt('otlp.timeoutMillis', otlp?.timeoutMillis, 10_000);
  const maxQueueSize = positiveInt('otlp.maxQueueSize', otlp?.maxQueueSize, 2048);
  const maxExportBatchSize = Math.min(positiveInt('otlp.maxExportBatchSize', otlp?.maxExportBatchSize, 512), maxQueueSize);
  const scheduledDelayMillis = positiveInt('otlp.scheduledDelayMillis', otlp?.scheduledDelayMillis, 1000);
  const exporter = new OTLPTraceExporter({ url, headers, timeoutMillis });
  return new BatchSpanProcessor(new OutageReportingExporter(exporter, url, maxQueueSize), {
    maxQueueSize,
    maxExportBatchSize,
    scheduledDelayMillis,
    // A little longer than the exporter's own deadline, so a slow collector is reported by the
    // exporter (with its URL and reason) rather than cut off by the processor without a word.
    exportTimeoutMillis: timeoutMillis + 1000,
  });
}

/**
 * Turns tracing on: an OTel SDK tracer provider registered globally, the AsyncLocalStorage
 * context manager, W3C trace-context and baggage propagation, a resource with `service.name` and
 * `acs.arms.service.feature=genai_app`, the `SessionSpanProcessor`, the `GenAiKindSpanProcessor` (our
 * kind on other libraries' GenAI spans), and an exporter: OTLP over
 * HTTP/protobuf (batched, bounded queue) when an endpoint is configured, the console trace tree
 * otherwise. A second call while registered returns the first registration unchanged.
 *
 * @example
 * ```ts
 * import { register } from '@llm-trace/node';
 * const tracing = register({ serviceName: 'support-bot' });
 * process.on('SIGTERM', () => void tracing.shutdown());
 * ```
 */
export function register(options: RegisterOptions = {}): Registration {
  validate(options);
  if (active) {
    diag.warn('llm-trace: register() was already called; keeping the first registration and ignoring these options');
    return active;
  }

  const target = options.otlp === false ? undefined : resolveOtlpTarget(options.otlp || undefined);
  if (target && !URL.canParse(target.url)) {
    throw new TypeError(`llm-trace register(): the OTLP endpoint is not a URL: ${target.url}`);
  }
  const wantConsole = options.console ?? !target;

  // Other libraries' GenAI spans get our kind too, so one trace reads the same everywhere; the
  // redacting processor runs last, so it sees every attribute the others set.
  const processors: SpanProcessor[] = [
    new SessionSpanProcessor(),
    new GenAiKindSpanProcessor({ duplicateLlmSpans: options.duplicateLlmSpans }),
    new RedactingSpanProcessor(),
  ];
  if (target) processors.push(buildOtlpProcessor(options.otlp || undefined, target.url, target.headers));
  if (wantConsole) {
    const consoleOptions = typeof options.console === 'object' ? options.console : {};
    processors.push(consoleTreeSpanProcessor(consoleOptions));
  }
  processors.push(...(options.spanProcessors ?? []));

  const ours: Attributes = { [ATTR_ACS_ARMS_SERVICE_FEATURE]: 'genai_app', ...(options.resourceAttributes ?? {}) };
  const serviceName = options.serviceName ?? process.env.OTEL_SERVICE_NAME?.trim();
  if (serviceName) ours[ATTR_SERVICE_NAME] = serviceName;
  const resource = defaultResource()
    .merge(detectResources({ detectors: [envDetector] }))
    .merge(resourceFromAttributes(ours));

  const provider = new NodeTracerProvider({ resource, spanProcessors: processors });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  const installedContext = context.setGlobalContextManager(contextManager);
  const installedProvider = trace.setGlobalTracerProvider(provider);
  const installedPropagator = propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  if (!installedProvider) {
    diag.warn('llm-trace: another OpenTelemetry tracer provider is already registered; its exporters receive the spans, not ours');
  }

  let stopping: Promise<void> | undefined;
  const registration: Registration = {
    forceFlush: () => provider.forceFlush().catch((error: unknown) => diag.warn(`llm-trace: forceFlush failed: ${String(error)}`)),
    shutdown: () => {
      stopping ??= provider
        .shutdown()
        .catch((error: unknown) => diag.warn(`llm-trace: shutdown could not flush every span: ${String(error)}`))
        .finally(() => {
          // Only undo what this call installed, so a provider someone else registered survives.
          if (installedProvider) trace.disable();
          if (installedPropagator) propagation.disable();
          if (installedContext) context.disable();
          else contextManager.disable();
          if (active === registration) active = undefined;
        });
      return stopping;
    },
  };
  active = registration;
  return registration;
}
