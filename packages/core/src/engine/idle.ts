/**
 * The idle bound: a promise that never settles and a stream nobody finishes reading end their
 * span once `streamIdleTimeoutMs` (read when the run starts being watched) has passed without
 * activity, marked abandoned, and are let go. The time counts from when the span started: the
 * clock was read then, and the synchronous part of the call is a small share of the timeout.
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
  /** Its neighbours in the list of watched runs; `undefined` while not watched. */
  idlePrev: IdleLink | undefined;
  idleNext: IdleLink | undefined;
}

/** A place in the list of watched runs. */
interface IdleLink {
  idlePrev: IdleLink | undefined;
  idleNext: IdleLink | undefined;
}

// The watched runs, as a list threaded through the runs themselves (the head links to itself
// when empty): watching and unwatching a run, once per traced async call, is then a few field
// writes, where a Set hashed every run twice.
const head: IdleLink = { idlePrev: undefined, idleNext: undefined };
head.idlePrev = head;
head.idleNext = head;
let count = 0;
let timer: unknown;
let timerAt = Infinity;

/**
 * Starts watching `run` (until `unwatch`), abandoning it after `timeoutMs` without activity,
 * counted from `since` (on the `now()` clock): the caller passes a time it already has (when the
 * span started) rather than the clock being read again per call.
 */
export function watch(run: IdleWatched, timeoutMs: number, since: number): void {
  if (run.idlePrev !== undefined) return;
  run.idleSeen = run.activity();
  run.idleTimeout = timeoutMs;
  const deadline = since + timeoutMs;
  run.idleDeadline = deadline;
  const last = head.idlePrev!;
  run.idlePrev = last;
  run.idleNext = head;
  last.idleNext = run;
  head.idlePrev = run;
  count++;
  if (deadline < timerAt) arm(deadline);
}

/** Stops watching `run` (it ended). */
export function unwatch(run: IdleWatched): void {
  const prev = run.idlePrev;
  if (prev === undefined) return;
  const next = run.idleNext!;
  prev.idleNext = next;
  next.idlePrev = prev;
  run.idlePrev = undefined;
  run.idleNext = undefined;
  count--;
}

/** How many runs are watched (for tests and the benchmark). */
export function watchedCount(): number {
  return count;
}

function arm(deadline: number): void {
  try {
    if (timer !== undefined) clearTimeout(timer as ReturnType<typeof setTimeout>);
    timerAt = deadline;
    const t = setTimeout(sweep, Math.max(1, Math.ceil(deadline - now()))) as unknown;
    timer = t;
    // Node and Bun: the sweep alone must not keep a process alive. Elsewhere there is no unref.
    const unref = t !== null && typeof t === 'object' ? (t as { unref?: () => void }).unref : undefined;
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
  // The runs watched now, taken first: abandoning one may end or watch others.
  const runs: IdleWatched[] = [];
  for (let link = head.idleNext!; link !== head; link = link.idleNext!) runs.push(link as IdleWatched);
  let next = Infinity;
  for (const run of runs) {
    if (run.idlePrev === undefined) continue;
    try {
      if (run.idleDeadline <= t) {
        const seen = run.activity();
        if (seen !== run.idleSeen) {
          run.idleSeen = seen;
          run.idleDeadline = t + run.idleTimeout;
        } else {
          unwatch(run);
          run.abandon();
          continue;
        }
      }
      if (run.idleDeadline < next) next = run.idleDeadline;
    } catch (err) {
      unwatch(run);
      diag.error('llm-trace: idle check failed', err);
    }
  }
  // A run watched during the sweep may have armed the timer for an earlier deadline already.
  if (next < timerAt) arm(next);
}
