/**
 * The idle bound: a promise that never settles and a stream nobody finishes reading end their
 * span once `streamIdleTimeoutMs` (read when the run starts being watched) has passed without
 * activity, marked abandoned, and are let go.
 *
 * One shared timer for every open run rather than a timer per call (creating and clearing one
 * per call cost more than the rest of a streamed call's setup); it is armed for the earliest
 * deadline and re-armed by the sweep.
 */
import { diag } from '@opentelemetry/api';
import { now } from '../state';

/** What the sweep needs from an open run. */
export interface IdleWatched {
  /** Activity counter (reads of a stream); a change since the last look pushes the deadline. */
  activity(): number;
  /** Ends the run as abandoned. */
  abandon(): void;
  /** Sweep bookkeeping: the activity last seen, the timeout and the current deadline. */
  idleSeen: number;
  idleTimeout: number;
  idleDeadline: number;
}

const open = new Set<IdleWatched>();
let timer: unknown;
let timerAt = Infinity;

/** Starts watching `run` (until `unwatch`), abandoning it after `timeoutMs` without activity. */
export function watch(run: IdleWatched, timeoutMs: number): void {
  run.idleSeen = run.activity();
  run.idleTimeout = timeoutMs;
  run.idleDeadline = now() + timeoutMs;
  open.add(run);
  if (run.idleDeadline < timerAt) arm(run.idleDeadline);
}

/** Stops watching `run` (it ended). */
export function unwatch(run: IdleWatched): void {
  open.delete(run);
}

/** How many runs are watched (for tests and the benchmark). */
export function watchedCount(): number {
  return open.size;
}

function arm(deadline: number): void {
  try {
    if (timer !== undefined) clearTimeout(timer as ReturnType<typeof setTimeout>);
    timerAt = deadline;
    const t = setTimeout(sweep, Math.max(1, Math.ceil(deadline - now()))) as unknown;
    timer = t;
    // Node and Bun: the sweep alone must not keep a process alive. Elsewhere there is no unref.
    const unref = (t as { unref?: () => void } | null)?.unref;
    if (typeof unref === 'function') unref.call(t);
  } catch (err) {
    timer = undefined;
    timerAt = Infinity;
    diag.error('llm-trace: could not arm the idle timer; open spans end only when their result does', err);
  }
}

function sweep(): void {
  timer = undefined;
  timerAt = Infinity;
  const t = now();
  let next = Infinity;
  for (const run of open) {
    try {
      if (run.idleDeadline <= t) {
        const seen = run.activity();
        if (seen !== run.idleSeen) {
          run.idleSeen = seen;
          run.idleDeadline = t + run.idleTimeout;
        } else {
          open.delete(run);
          run.abandon();
          continue;
        }
      }
      if (run.idleDeadline < next) next = run.idleDeadline;
    } catch (err) {
      open.delete(run);
      diag.error('llm-trace: idle check failed', err);
    }
  }
  if (next !== Infinity) arm(next);
}
