/**
 * One call that turns tracing on in a fetch-based runtime (Cloudflare Workers, Vercel Edge,
 * Deno Deploy, Bun, browsers): provider, context manager, propagators, resource, session
 * stamping, and OTLP/JSON export over `fetch`, flushed the way these runtimes need.
 */
import { context, diag, DiagConsoleLogger, DiagLogLevel, propagation, trace, type Attributes, type ContextManager } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { SessionSpanProcessor } from '@llm-trace/core';
import { AsyncLocalStorageContextManager, findAsyncLocalStorage, type AsyncLocalStorageConstructor } from './als-context-manager';
import { FetchOtlpExporter } from './fetch-exporter';
import { printableUrl, readEnv, resolveTarget, type EnvRecord } from './otlp-target';
import { TraceExportSpanProcessor } from './trace-export-processor';

/**
 * OTLP/JSON export settings; anything unset comes from `OTEL_EXPORTER_OTLP_*` in `env`.
 *
 * @example
 * ```ts
 * import type { WebOtlpOptions } from '@llm-trace/web';
 * const otlp: WebOtlpOptions = { url: 'https://collector.example.com/v1/traces', headers: { authorization: 'Bearer …' } };
 * ```
 */
export interface WebOtlpOptions {
  /** Full traces URL, e.g. `https://collector.example.com/v1/traces`. */
  readonly url?: string;
  /** Extra request headers (authentication), merged over `OTEL_EXPORTER_OTLP_HEADERS`. Never printed. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per-request deadline in milliseconds. @default 10000 */
  readonly timeoutMillis?: number;
  /** Most finished spans held while waiting for export; more are dropped. @default 2048 */
  readonly maxQueueSize?: number;
  /** Most spans per request in batch mode. @default 512 */
  readonly maxExportBatchSize?: number;
  /** Delay between batch exports in milliseconds, in batch mode. @default 1000 */
  readonly scheduledDelayMillis?: number;
  /** The `fetch` to send with. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

/**
 * Options for `register()` from `@llm-trace/web`.
 *
 * @example
 * ```ts
 * import type { WebRegisterOptions } from '@llm-trace/web';
 * const options: WebRegisterOptions = { serviceName: 'chat-worker', exportMode: 'trace' };
 * ```
 */
export interface WebRegisterOptions {
  /** `service.name` of the resource. @default `OTEL_SERVICE_NAME` from `env` */
  readonly serviceName?: string;
  /** Extra resource attributes. */
  readonly resourceAttributes?: Attributes;
  /** OTLP export; used when given or when `OTEL_EXPORTER_OTLP_*` is set in `env`; `false` turns it off. */
  readonly otlp?: WebOtlpOptions | false;
  /**
   * `'batch'` (default): spans are sent in batches on a timer and by `forceFlush()`.
   * `'trace'`: each trace is sent as soon as its root span ends — for serverless functions
   * that may freeze right after the response.
   */
  readonly exportMode?: 'batch' | 'trace';
  /** Print finished spans with `console`. @default true when OTLP is not used */
  readonly console?: boolean;
  /** More span processors, run after the built-in ones. */
  readonly spanProcessors?: readonly SpanProcessor[];
  /**
   * The context manager. @default one over the runtime's `AsyncLocalStorage` (found on
   * `globalThis` or through `node:async_hooks`); pass `false` to leave the global one alone.
   */
  readonly contextManager?: ContextManager | false;
  /** The `AsyncLocalStorage` class to use when the runtime does not expose one we can find. */
  readonly asyncLocalStorage?: AsyncLocalStorageConstructor;
  /** Where `OTEL_*` variables are read: a Worker's `env`. @default `process.env` where readable */
  readonly env?: EnvRecord;
  /**
   * Print OpenTelemetry's `diag` warnings (ours included: no context manager, an unreachable
   * collector) with `console` at WARN. Pass `false` when the app sets its own `diag` logger.
   * @default true
   */
  readonly diag?: boolean;
}

/**
 * What `register()` returns.
 *
 * @example
 * ```ts
 * import { register, type WebRegistration } from '@llm-trace/web';
 * const tracing: WebRegistration = register({ otlp: false });
 * await tracing.forceFlush();
 * ```
 */
export interface WebRegistration {
  /** Sends everything buffered; hand it to `ctx.waitUntil()` or Next.js `after()`. Never rejects. */
  forceFlush(): Promise<void>;
  /** Flushes, stops the exporters and unregisters what this call installed; safe to call twice. */
  shutdown(): Promise<void>;
  /** Which context manager carries context: ours over `AsyncLocalStorage`, one you passed, or none. */
  readonly contextManager: 'async-local-storage' | 'given' | 'none';
}

const WHO = 'llm-trace register()';
let active: WebRegistration | undefined;

function positiveInt(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new TypeError(`${WHO}: option "${name}" must be a positive integer, got ${typeof value === 'number' ? String(value) : typeof value}`);
  }
  return value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const KNOWN = new Set(['serviceName', 'resourceAttributes', 'otlp', 'exportMode', 'console', 'spanProcessors', 'contextManager', 'asyncLocalStorage', 'env', 'diag']);
const KNOWN_OTLP = new Set(['url', 'headers', 'timeoutMillis', 'maxQueueSize', 'maxExportBatchSize', 'scheduledDelayMillis', 'fetch']);

function validate(options: WebRegisterOptions): void {
  if (!isObject(options)) throw new TypeError(`${WHO}: expected an options object`);
  for (const key of Object.keys(options)) if (!KNOWN.has(key)) throw new TypeError(`${WHO}: unknown option "${key}"`);
  const o = options as Record<string, unknown>;
  if (o.serviceName !== undefined && (typeof o.serviceName !== 'string' || o.serviceName.trim() === '')) throw new TypeError(`${WHO}: option "serviceName" must be a non-empty string`);
  if (o.resourceAttributes !== undefined && !isObject(o.resourceAttributes)) throw new TypeError(`${WHO}: option "resourceAttributes" must be an object`);
  if (o.exportMode !== undefined && o.exportMode !== 'batch' && o.exportMode !== 'trace') throw new TypeError(`${WHO}: option "exportMode" must be 'batch' or 'trace'`);
  if (o.console !== undefined && typeof o.console !== 'boolean') throw new TypeError(`${WHO}: option "console" must be a boolean`);
  if (o.spanProcessors !== undefined && !Array.isArray(o.spanProcessors)) throw new TypeError(`${WHO}: option "spanProcessors" must be an array`);
  const cm = o.contextManager;
  if (cm !== undefined && cm !== false && !(isObject(cm) && typeof cm.active === 'function' && typeof cm.with === 'function')) throw new TypeError(`${WHO}: option "contextManager" must be an OpenTelemetry ContextManager or false`);
  if (o.asyncLocalStorage !== undefined && typeof o.asyncLocalStorage !== 'function') throw new TypeError(`${WHO}: option "asyncLocalStorage" must be the AsyncLocalStorage class`);
  if (o.diag !== undefined && typeof o.diag !== 'boolean') throw new TypeError(`${WHO}: option "diag" must be a boolean`);
  if (o.env !== undefined && !isObject(o.env)) throw new TypeError(`${WHO}: option "env" must be an object`);
  const otlp = o.otlp;
  if (otlp === undefined || otlp === false) return;
  if (!isObject(otlp)) throw new TypeError(`${WHO}: option "otlp" must be an object or false`);
  for (const key of Object.keys(otlp)) if (!KNOWN_OTLP.has(key)) throw new TypeError(`${WHO}: unknown option "otlp.${key}"`);
  if (otlp.url !== undefined && (typeof otlp.url !== 'string' || !URL.canParse(otlp.url))) {
    // The value itself may hold a key, so it is not repeated here.
    throw new TypeError(`${WHO}: option "otlp.url" must be an absolute URL`);
  }
  if (otlp.headers !== undefined && !(isObject(otlp.headers) && Object.values(otlp.headers).every((v) => typeof v === 'string'))) {
    throw new TypeError(`${WHO}: option "otlp.headers" must be an object of strings`);
  }
  if (otlp.fetch !== undefined && typeof otlp.fetch !== 'function') throw new TypeError(`${WHO}: option "otlp.fetch" must be a function`);
  for (const name of ['timeoutMillis', 'maxQueueSize', 'maxExportBatchSize', 'scheduledDelayMillis'] as const) positiveInt(`otlp.${name}`, otlp[name], 1);
}

/**
 * Turns tracing on outside Node: a `BasicTracerProvider` registered globally, a context manager
 * over the runtime's `AsyncLocalStorage` (or the one you pass; without either, spans do not nest
 * and sessions have no effect, and `diag` says so), W3C trace-context and baggage propagation, a
 * resource with `service.name` and `acs.arms.service.feature=genai_app`, the
 * `SessionSpanProcessor`, and OTLP/JSON over `fetch` when an endpoint is configured (console
 * output otherwise). A second call while registered returns the first registration.
 *
 * @example
 * ```ts
 * import { register } from '@llm-trace/web';
 * const tracing = register({ serviceName: 'chat-edge', otlp: { url: 'https://collector.example.com/v1/traces' } });
 * // in a handler: ctx.waitUntil(tracing.forceFlush());
 * ```
 */
export function register(options: WebRegisterOptions = {}): WebRegistration {
  validate(options);
  if (active) {
    diag.warn('llm-trace: register() was already called; keeping the first registration and ignoring these options');
    return active;
  }
  const env = options.env;
  const otlpOptions = options.otlp || undefined;
  const target = options.otlp === false ? undefined : resolveTarget(otlpOptions, env);
  if (target && !URL.canParse(target.url)) {
    throw new TypeError(`${WHO}: the OTLP endpoint from the environment is not an absolute URL (${printableUrl(target.url)})`);
  }

  // Our warnings (no context manager, an unreachable collector) would be silent without a logger.
  if (options.diag !== false) diag.setLogger(new DiagConsoleLogger(), { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });

  try {
    return install(options, target);
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === 'NotCapable') {
      // Deno without --allow-env: OpenTelemetry's SDK reads its OTEL_* settings when built.
      throw new Error(`${WHO}: the OpenTelemetry SDK reads its OTEL_* settings from the environment, and this runtime refused the read; in Deno, allow it with --allow-env=OTEL_*`, { cause: error });
    }
    throw error;
  }
}

function install(options: WebRegisterOptions, target: ReturnType<typeof resolveTarget>): WebRegistration {
  const env = options.env;
  const otlpOptions = options.otlp || undefined;
  const processors: SpanProcessor[] = [new SessionSpanProcessor()];
  if (target) {
    const maxQueueSize = positiveInt('otlp.maxQueueSize', otlpOptions?.maxQueueSize, 2048);
    const timeoutMillis = positiveInt('otlp.timeoutMillis', otlpOptions?.timeoutMillis, 10_000);
    const exporter = new FetchOtlpExporter({
      url: target.url,
      headers: target.headers,
      timeoutMillis,
      fetch: otlpOptions?.fetch,
    });
    processors.push(
      options.exportMode === 'trace'
        ? new TraceExportSpanProcessor(exporter, maxQueueSize)
        : new BatchSpanProcessor(exporter, {
            // Every value given, so the SDK does not fall back to reading OTEL_BSP_* itself.
            maxQueueSize,
            maxExportBatchSize: Math.min(positiveInt('otlp.maxExportBatchSize', otlpOptions?.maxExportBatchSize, 512), maxQueueSize),
            scheduledDelayMillis: positiveInt('otlp.scheduledDelayMillis', otlpOptions?.scheduledDelayMillis, 1000),
            exportTimeoutMillis: timeoutMillis + 1000,
          }),
    );
  }
  if (options.console ?? !target) processors.push(new SimpleSpanProcessor(new ConsoleSpanExporter()));
  processors.push(...(options.spanProcessors ?? []));

  const ours: Attributes = { 'acs.arms.service.feature': 'genai_app', ...(options.resourceAttributes ?? {}) };
  const serviceName = options.serviceName ?? readEnv(env, 'OTEL_SERVICE_NAME');
  ours['service.name'] = serviceName ?? 'unknown_service';
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes(ours), spanProcessors: processors });

  let manager: ContextManager | undefined;
  let kind: WebRegistration['contextManager'] = 'none';
  if (options.contextManager) {
    manager = options.contextManager;
    kind = 'given';
  } else if (options.contextManager !== false) {
    const ALS = options.asyncLocalStorage ?? findAsyncLocalStorage();
    if (ALS) {
      manager = new AsyncLocalStorageContextManager(ALS).enable();
      kind = 'async-local-storage';
    } else {
      diag.warn(
        'llm-trace: this runtime has no AsyncLocalStorage, so spans will not nest and withSession() has no effect. ' +
          'Pass register({ asyncLocalStorage }) (Cloudflare Workers: enable nodejs_compat) or a context manager such as ZoneContextManager in browsers.',
      );
    }
  }
  const installedContext = manager ? context.setGlobalContextManager(manager) : false;
  const installedProvider = trace.setGlobalTracerProvider(provider);
  const installedPropagator = propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));
  if (!installedProvider) diag.warn('llm-trace: another OpenTelemetry tracer provider is already registered; its exporters receive the spans, not ours');

  let stopping: Promise<void> | undefined;
  const registration: WebRegistration = {
    contextManager: kind,
    forceFlush: () => provider.forceFlush().catch((error: unknown) => diag.warn(`llm-trace: forceFlush failed: ${String(error)}`)),
    shutdown: () => {
      stopping ??= provider
        .shutdown()
        .catch((error: unknown) => diag.warn(`llm-trace: shutdown could not flush every span: ${String(error)}`))
        .finally(() => {
          if (installedProvider) trace.disable();
          if (installedPropagator) propagation.disable();
          if (installedContext) context.disable();
          if (active === registration) active = undefined;
        });
      return stopping;
    },
  };
  active = registration;
  return registration;
}
