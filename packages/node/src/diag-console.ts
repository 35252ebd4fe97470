/**
 * The console logger `register()` connects to OpenTelemetry's `diag` when the app has not set
 * one, so problems are seen at all (`diag` prints nothing by default). Each kind of problem is
 * printed at most once a minute, with a count of the repeats held back, so a collector that is
 * down for an hour gives sixty lines, not one per batch. The SDK's own terse messages that
 * users meet most are reworded to say what to do.
 */
import { diag, DiagConsoleLogger, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';

const ONE_MINUTE = 60_000;

// The API keeps its registered globals here (shared by every copy of @opentelemetry/api 1.x,
// which is how two copies agree on one provider); its `diag` entry is the app's logger if the
// app set one. The API has no getter for it.
const API_GLOBALS = Symbol.for('opentelemetry.js.api.1');

/** Whether some code (the app, another SDK) already connected a `diag` logger. */
export function hasDiagLogger(): boolean {
  const globals = (globalThis as Record<symbol, { diag?: unknown } | undefined>)[API_GLOBALS];
  return globals?.diag !== undefined;
}

/**
 * `OTEL_LOG_LEVEL` as a `DiagLogLevel` (`NONE`, `ERROR`, `WARN`, `INFO`, `DEBUG`, `VERBOSE`,
 * `ALL`, any case); WARN when unset, and WARN with a warning when unknown.
 */
export function logLevelFromEnv(raw: string | undefined): { level: DiagLogLevel; unknown?: string } {
  const value = raw?.trim().toUpperCase();
  if (!value) return { level: DiagLogLevel.WARN };
  const level = (DiagLogLevel as unknown as Record<string, DiagLogLevel | undefined>)[value];
  return typeof level === 'number' ? { level } : { level: DiagLogLevel.WARN, unknown: raw };
}

/** The SDK's messages, reworded; `null` drops one we say better ourselves. */
function reword(message: string): string | null {
  const dropped = /^Dropped (\d+) spans because maxQueueSize reached/.exec(message);
  if (dropped) {
    return (
      `llm-trace: the export queue is full, so new spans are being dropped (${dropped[1]} so far in this burst). ` +
      `The collector is slower than the app produces spans, or unreachable: check the collector, ` +
      `or raise otlp.maxQueueSize / OTEL_BSP_MAX_QUEUE_SIZE.`
    );
  }
  // The API's own notice when a second provider/context manager registers; register() says
  // what that means for the app in its own warning.
  if (/^Attempted duplicate registration of API: (trace|context|propagation)/.test(message)) return null;
  return message;
}

/** The kind of a message: its words without numbers, so "Dropped 3" and "Dropped 9" are one kind. */
function kindOf(level: string, message: string): string {
  return `${level}:${message.replace(/\d+/g, '#').slice(0, 200)}`;
}

/**
 * A `DiagLogger` that prints to the console, each kind of message at most once per minute.
 *
 * @example
 * ```ts
 * import { diag, DiagLogLevel } from '@opentelemetry/api';
 * import { ThrottledConsoleLogger } from './diag-console';
 * diag.setLogger(new ThrottledConsoleLogger(), DiagLogLevel.WARN);
 * ```
 */
export class ThrottledConsoleLogger implements DiagLogger {
  private readonly last = new Map<string, { at: number; held: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly console: DiagLogger = new DiagConsoleLogger(),
  ) {}

  private say(level: 'error' | 'warn' | 'info' | 'debug' | 'verbose', message: string, args: unknown[]): void {
    const text = reword(String(message));
    if (text === null) return;
    const kind = kindOf(level, text);
    const now = this.now();
    const seen = this.last.get(kind);
    if (seen && now - seen.at < ONE_MINUTE) {
      seen.held++;
      return;
    }
    const held = seen?.held ?? 0;
    if (this.last.size > 500) this.last.clear(); // bounded, whatever the messages say
    this.last.set(kind, { at: now, held: 0 });
    const suffix = held > 0 ? ` (said ${held} more times in the last minute)` : '';
    this.console[level](text + suffix, ...args);
  }

  error(message: string, ...args: unknown[]): void {
    this.say('error', message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.say('warn', message, args);
  }
  info(message: string, ...args: unknown[]): void {
    this.say('info', message, args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.say('debug', message, args);
  }
  verbose(message: string, ...args: unknown[]): void {
    this.say('verbose', message, args);
  }
}

/**
 * Connects the throttled console logger at the `OTEL_LOG_LEVEL` level (WARN by default) unless
 * a logger is already set; returns whether it did.
 *
 * @example
 * ```ts
 * import { installDiagConsole } from './diag-console';
 * installDiagConsole(process.env.OTEL_LOG_LEVEL);
 * ```
 */
export function installDiagConsole(rawLevel: string | undefined): boolean {
  if (hasDiagLogger()) return false;
  const { level, unknown } = logLevelFromEnv(rawLevel);
  diag.setLogger(new ThrottledConsoleLogger(), { logLevel: level, suppressOverrideMessage: true });
  if (unknown !== undefined) diag.warn(`llm-trace: OTEL_LOG_LEVEL=${unknown} is not one of NONE, ERROR, WARN, INFO, DEBUG, VERBOSE, ALL; using WARN`);
  return true;
}
