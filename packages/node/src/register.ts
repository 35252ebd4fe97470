/**
 * One call that turns tracing on for a Node process: provider, context manager, propagators,
 * resource, session stamping and an exporter chosen from options and the standard environment.
 */
import { context, diag, propagation, trace, type Attributes } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
// `@opentelemetry/sdk-trace` is the SDK's trace package on both lines it supports (2.12 and 3.x);
// `sdk-trace-base` and `sdk-trace-node` stop at 2.x. The Node parts NodeTracerProvider added
// (context manager, propagators) are installed below, so the plain provider is all we need.
import { BatchSpanProcessor, TracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { SessionSpanProcessor } from '@llm-trace/core';
import { ATTR_ACS_ARMS_SERVICE_FEATURE, ATTR_SERVICE_NAME } from '@llm-trace/semconv';
import { consoleTreeSpanProcessor, type ConsoleTreeExporterOptions } from './console-tree-exporter';
import { GenAiKindSpanProcessor, type GenAiKindSpanProcessorOptions } from './genai-kind-span-processor';
import { OutageReportingExporter } from './outage-reporting-exporter';
import { resolveOtlpTarget, type OtlpTarget } from './otlp-endpoint';
import { RedactingSpanProcessor } from './redacting-span-processor';
import { installDiagConsole } from './diag-console';
import { positiveIntFromEnv, sdkDisabled, tracesExporterFromEnv } from './environment';
import { installExitFlush } from './exit-flush';
import { PendingSpans } from './pending-spans';

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
  /**
   * Flush buffered spans when the process ends by itself or on SIGTERM / SIGINT (the signal's
   * usual effect follows unless the app handles it). @default true
   */
  readonly flushOnExit?: boolean;
  /** Longest wait for that final flush, in milliseconds. @default 5000 */
  readonly shutdownTimeoutMillis?: number;
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
  /** Flushes, stops the exporters and unregisters the global provider; later calls return the same promise. */
  shutdown(): Promise<void>;
}


let active: Registration | undefined;

const REGISTER_OPTIONS = new Set(['serviceName', 'resourceAttributes', 'otlp', 'console', 'spanProcessors', 'flushOnExit', 'shutdownTimeoutMillis', 'duplicateLlmSpans']);
const OTLP_OPTIONS = new Set(['url', 'headers', 'timeoutMillis', 'maxQueueSize', 'maxExportBatchSize', 'scheduledDelayMillis']);
const CONSOLE_OPTIONS = new Set(['stream', 'color', 'maxPendingTraces']);

function fail(message: string): never {
  throw new TypeError(`llm-trace register(): ${message}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkPositiveInt(name: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)) {
    fail(`option "${name}" must be a positive integer, got ${String(value)}`);
  }
}

function checkKnown(prefix: string, value: Record<string, unknown>, known: Set<string>): void {
  for (const key of Object.keys(value)) {
    if (!known.has(key)) fail(`unknown option "${prefix}${key}" (known: ${[...known].join(', ')})`);
  }
}

/** Every option is checked here, at the call, whether or not the environment enables it. */
function validate(options: RegisterOptions): void {
  if (!isObject(options)) fail('expected an options object');
  checkKnown('', options as Record<string, unknown>, REGISTER_OPTIONS);
  if (options.serviceName !== undefined && (typeof options.serviceName !== 'string' || options.serviceName === '')) {
    fail('option "serviceName" must be a non-empty string');
  }
  if (options.resourceAttributes !== undefined && !isObject(options.resourceAttributes)) {
    fail('option "resourceAttributes" must be an object of attribute values');
  }
  const otlp = options.otlp as unknown;
  if (otlp !== undefined && otlp !== false) {
    if (!isObject(otlp)) fail('option "otlp" must be an object or false');
    checkKnown('otlp.', otlp, OTLP_OPTIONS);
    if (otlp.url !== undefined && (typeof otlp.url !== 'string' || !URL.canParse(otlp.url))) {
      fail('option "otlp.url" is not a URL (the value is not printed: it may hold credentials)');
    }
    if (otlp.headers !== undefined && (!isObject(otlp.headers) || !Object.values(otlp.headers).every((v) => typeof v === 'string'))) {
      fail('option "otlp.headers" must be an object of string values');
    }
    for (const name of ['timeoutMillis', 'maxQueueSize', 'maxExportBatchSize', 'scheduledDelayMillis'] as const) {
      checkPositiveInt(`otlp.${name}`, otlp[name]);
    }
  }
  const c = options.console as unknown;
  if (c !== undefined && typeof c !== 'boolean') {
    if (!isObject(c)) fail('option "console" must be a boolean or an options object');
    checkKnown('console.', c, CONSOLE_OPTIONS);
    if (c.stream !== undefined && typeof (c.stream as { write?: unknown } | null)?.write !== 'function') {
      fail('option "console.stream" must have a write(text) method');
    }
    if (c.color !== undefined && typeof c.color !== 'boolean') fail('option "console.color" must be a boolean');
    checkPositiveInt('console.maxPendingTraces', c.maxPendingTraces);
  }
  if (options.spanProcessors !== undefined) {
    if (!Array.isArray(options.spanProcessors)) fail('option "spanProcessors" must be an array');
    options.spanProcessors.forEach((p: unknown, i) => {
      const sp = p as Partial<SpanProcessor> | null;
      if (typeof sp?.onStart !== 'function' || typeof sp.onEnd !== 'function' || typeof sp.forceFlush !== 'function' || typeof sp.shutdown !== 'function') {
        fail(`option "spanProcessors[${i}]" is not a span processor (needs onStart, onEnd, forceFlush and shutdown)`);
      }
    });
  }
  if (options.flushOnExit !== undefined && typeof options.flushOnExit !== 'boolean') fail('option "flushOnExit" must be a boolean');
  checkPositiveInt('shutdownTimeoutMillis', options.shutdownTimeoutMillis);
}

function buildOtlpProcessor(otlp: OtlpOptions | undefined, url: string, headers: Record<string, string>, pending: PendingSpans): SpanProcessor {
  // Options first, then the standard variables, then our defaults.
  const timeoutMillis =
    otlp?.timeoutMillis ?? positiveIntFromEnv('OTEL_EXPORTER_OTLP_TRACES_TIMEOUT') ?? positiveIntFromEnv('OTEL_EXPORTER_OTLP_TIMEOUT') ?? 10_000;
  const maxQueueSize = otlp?.maxQueueSize ?? positiveIntFromEnv('OTEL_BSP_MAX_QUEUE_SIZE') ?? 2048;
  const maxExportBatchSize = Math.min(otlp?.maxExportBatchSize ?? positiveIntFromEnv('OTEL_BSP_MAX_EXPORT_BATCH_SIZE') ?? 512, maxQueueSize);
  const scheduledDelayMillis = otlp?.scheduledDelayMillis ?? positiveIntFromEnv('OTEL_BSP_SCHEDULE_DELAY') ?? 1000;
  // A little longer than the exporter's own deadline, so a slow collector is reported by the
  // exporter (with its URL and reason) rather than cut off by the processor without a word.
  const exportTimeoutMillis = positiveIntFromEnv('OTEL_BSP_EXPORT_TIMEOUT') ?? timeoutMillis + 1000;
  const exporter = new OTLPTraceExporter({ url, headers, timeoutMillis });
  return new BatchSpanProcessor({
    exporter: pending.wrap(new OutageReportingExporter(exporter, url, maxQueueSize)),
    maxQueueSize,
    maxExportBatchSize,
    scheduledDelayMillis,
    exportTimeoutMillis,
  });
}

/** What `register()` returns when `OTEL_SDK_DISABLED=true`: nothing installed, nothing to flush. */
const DISABLED: Registration = Object.freeze({
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
});

/**
 * Turns tracing on: an OTel SDK tracer provider registered globally, the AsyncLocalStorage
 * context manager, W3C trace-context and baggage propagation, a resource with `service.name` and
 * `acs.arms.service.feature=genai_app`, the `SessionSpanProcessor`, the `GenAiKindSpanProcessor` (our
 * kind on other libraries' GenAI spans), and an exporter: OTLP over
 * HTTP/protobuf (batched, bounded queue) when an endpoint is configured, the console trace tree
 * otherwise (`OTEL_TRACES_EXPORTER` and `OTEL_SDK_DISABLED` are honoured). Buffered spans are
 * flushed when the process ends by itself or on SIGTERM / SIGINT. Unless the app set a `diag`
 * logger, problems are printed to the console at WARN (`OTEL_LOG_LEVEL`), each kind once a
 * minute. Every option is checked at the call (a `TypeError` names the bad one). A second call
 * while registered returns the first registration unchanged.
 *
 * @example
 * ```ts
 * import { register } from '@llm-trace/node';
 * const tracing = register({ serviceName: 'support-bot' });
 * // Before process.exit(), which cannot wait for the network:
 * await tracing.shutdown();
 * ```
 */
export function register(options: RegisterOptions = {}): Registration {
  validate(options);
  installDiagConsole(process.env.OTEL_LOG_LEVEL);
  if (sdkDisabled()) {
    diag.info('llm-trace: OTEL_SDK_DISABLED=true, so register() installs nothing; spans are not recorded');
    return DISABLED;
  }
  if (active) {
    diag.warn(
      'llm-trace: register() was called a second time; the first registration stays and these options are ignored. ' +
        'Call register() once at start-up (or await shutdown() before registering again).',
    );
    return active;
  }

  const target = chooseOtlpTarget(options);
  if (target && !URL.canParse(target.url)) {
    throw new TypeError('llm-trace register(): the OTLP endpoint is not a URL (check OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_TRACES_ENDPOINT; the value is not printed: it may hold credentials)');
  }
  const fromEnv = options.console === undefined ? tracesExporterFromEnv() : undefined;
  const wantConsole = options.console ?? fromEnv?.console ?? !target;

  // Other libraries' GenAI spans get our kind too, so one trace reads the same everywhere; the
  // redacting processor runs after them, so it sees every attribute they set.
  const pending = new PendingSpans();
  const processors: SpanProcessor[] = [
    new SessionSpanProcessor(),
    new GenAiKindSpanProcessor({ duplicateLlmSpans: options.duplicateLlmSpans }),
    new RedactingSpanProcessor(),
  ];
  if (target) processors.push(pending.processor, buildOtlpProcessor(options.otlp || undefined, target.url, target.headers, pending));
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

  const provider = new TracerProvider({ resource, spanProcessors: processors });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  const installedContext = context.setGlobalContextManager(contextManager);
  const installedProvider = trace.setGlobalTracerProvider(provider);
  const installedPropagator = propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  if (!installedProvider) {
    diag.warn(
      'llm-trace: another OpenTelemetry tracer provider is already registered, so spans go to its exporters, not to the ones register() set up. ' +
        'Use one setup: either drop register(), or remove the other provider and pass its exporters to register({ spanProcessors }).',
    );
  }

  let stopping: Promise<void> | undefined;
  let removeExitFlush: (() => void) | undefined;
  const registration: Registration = {
    forceFlush: () => provider.forceFlush().catch((error: unknown) => diag.warn(`llm-trace: forceFlush failed: ${String(error)}`)),
    shutdown: () => {
      removeExitFlush?.();
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
  if (options.flushOnExit !== false) {
    removeExitFlush = installExitFlush(
      { shutdown: registration.shutdown, forceFlush: registration.forceFlush, pendingSpans: () => pending.count() },
      options.shutdownTimeoutMillis ?? 5000,
    );
  }
  active = registration;
  return registration;
}

/** Where OTLP goes: options first, then `OTEL_TRACES_EXPORTER`, then the endpoint variables. */
function chooseOtlpTarget(options: RegisterOptions): OtlpTarget | undefined {
  if (options.otlp === false) return undefined;
  if (options.otlp) return resolveOtlpTarget(options.otlp) ?? resolveOtlpTarget({ url: undefined, headers: {} });
  const fromEnv = tracesExporterFromEnv();
  if (fromEnv && !fromEnv.otlp) return undefined;
  const target = resolveOtlpTarget(undefined);
  // `OTEL_TRACES_EXPORTER=otlp` with no endpoint set: the specification's default endpoint.
  return target ?? (fromEnv?.otlp ? resolveOtlpTarget({ headers: {} }) : undefined);
}
