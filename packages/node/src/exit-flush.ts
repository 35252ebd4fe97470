/**
 * Delivers buffered spans when the process ends, the way each kind of ending allows:
 *
 * - natural end (the event loop runs dry): `beforeExit` starts the flush, whose network request
 *   keeps the process alive until it is done (at most the bounded time), then Node exits as it
 *   would have;
 * - SIGTERM / SIGINT with no handler of the app's own: flush (bounded), then the signal is
 *   raised again with our listener gone, so the process ends exactly as it would have without
 *   us (killed by that signal; a shell sees exit status 128 + signal number);
 * - SIGTERM / SIGINT the app handles itself: we only flush what is buffered and leave the
 *   decision to exit to the app; its natural end then flushes the rest;
 * - `process.exit()`: Node runs `exit` listeners synchronously and cannot wait for a network
 *   request, so nothing can be sent any more. We say how many spans were lost and what to do
 *   instead (await `shutdown()` before calling `process.exit()`).
 *
 * Only listeners are installed (no timers until a flush starts, and those are unref'd), so a
 * process that would have exited still exits.
 */
import { diag } from '@opentelemetry/api';
import { constants } from 'node:os';

/** What the exit handling needs from a registration. */
export interface ExitFlushTarget {
  /** Flushes and stops exporting; called once when the process ends. */
  shutdown(): Promise<void>;
  /** Exports what is buffered; called when the app handles the signal itself. */
  forceFlush(): Promise<void>;
  /** Spans handed to an exporter's queue but not yet sent (0 when unknown). */
  pendingSpans(): number;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
type ExitSignal = (typeof SIGNALS)[number];

function bounded(work: Promise<void>, timeoutMillis: number, what: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      diag.warn(`llm-trace: ${what} did not finish within ${timeoutMillis} ms (option "shutdownTimeoutMillis"); the spans still buffered are dropped`);
      resolve();
    }, timeoutMillis);
    timer.unref();
    work.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

/**
 * Installs the exit handling for one registration; returns the function that removes it.
 *
 * @example
 * ```ts
 * import { installExitFlush } from './exit-flush';
 * const remove = installExitFlush({ shutdown: async () => {}, forceFlush: async () => {}, pendingSpans: () => 0 }, 5000);
 * remove();
 * ```
 */
export function installExitFlush(target: ExitFlushTarget, timeoutMillis: number): () => void {
  let ending = false;
  const signalListeners = new Map<ExitSignal, () => void>();

  const remove = (): void => {
    process.removeListener('beforeExit', onBeforeExit);
    process.removeListener('exit', onExit);
    for (const [signal, listener] of signalListeners) process.removeListener(signal, listener);
    signalListeners.clear();
  };

  function onBeforeExit(): void {
    if (ending) return;
    ending = true;
    process.removeListener('beforeExit', onBeforeExit);
    // The export's own socket keeps the loop alive while it runs; should it hang, the process
    // ends after the bound, as it was about to before we started.
    const guard = setTimeout(() => {
      diag.warn(`llm-trace: flushing spans at exit did not finish within ${timeoutMillis} ms (option "shutdownTimeoutMillis"); the spans still buffered are dropped`);
      process.exit();
    }, timeoutMillis);
    guard.unref();
    void target.shutdown().finally(() => {
      clearTimeout(guard);
      remove();
    });
  }

  function onExit(): void {
    remove();
    const lost = target.pendingSpans();
    if (lost > 0) {
      diag.warn(
        `llm-trace: process.exit() ended the process with ${lost} spans not yet exported; they are lost. ` +
          `process.exit() cannot wait for a network request: await tracing.shutdown() before calling it, ` +
          `or set process.exitCode and let the process end by itself.`,
      );
    }
  }

  const onSignal = (signal: ExitSignal) => (): void => {
    const ours = signalListeners.get(signal)!;
    const appHandles = process.listeners(signal).some((l) => l !== ours);
    if (appHandles) {
      // The app decides when to exit; send what is buffered now, the natural end sends the rest.
      void bounded(target.forceFlush(), timeoutMillis, `flushing spans on ${signal}`);
      return;
    }
    if (ending) {
      reraise(signal); // a second signal while flushing: stop waiting
      return;
    }
    ending = true;
    void bounded(target.shutdown(), timeoutMillis, `flushing spans on ${signal}`).then(() => reraise(signal));
  };

  function reraise(signal: ExitSignal): void {
    remove();
    try {
      process.kill(process.pid, signal);
    } catch {
      process.exit(128 + (constants.signals[signal] ?? 15));
    }
  }

  process.on('beforeExit', onBeforeExit);
  process.on('exit', onExit);
  for (const signal of SIGNALS) {
    const listener = onSignal(signal);
    signalListeners.set(signal, listener);
    process.on(signal, listener);
  }
  return remove;
}
