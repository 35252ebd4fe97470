/**
 * Observing a native promise without swallowing its rejection.
 *
 * The span ends through a side `then` on the promise the app gets back. Any handler marks a
 * promise handled, so on its own that side `then` would make a rejection the app never handles
 * vanish: recorded on the span, but no `unhandledRejection` and no crash in Node's default mode.
 *
 * Node's `v8.promiseHooks.onInit(promise, parent)` runs with `parent === p` whenever a handler
 * is attached to `p`: `await p`, `then`/`catch`/`finally`, `Promise.prototype.then.call(p)`,
 * `Promise.all`/`race`, adoption by an async function or `new Promise((r) => r(p))`. With it we
 * know whether anyone but us handled `p`. If nobody did when it rejects, the identical reason is
 * rejected again on a new promise left unhandled, which Node reports in the same tick as it
 * would have reported `p` (crash with the same error, listener with the same reason, the same
 * warning). If the app handles `p` later, our promise is handled at that moment too, so Node
 * emits `rejectionHandled` as it would have for `p`.
 *
 * Two things look like handlers and are not:
 * - our own side handlers (attached with `attaching` set, so the hook skips them);
 * - V8 also reports `p` as the parent of the wrapper promise it creates for each `await` of a
 *   non-native-promise value (`await 5`, `await apiPromise`) inside `p`'s own async body. Such
 *   a wrapper is always followed at once by the await's throwaway promise, whose parent is the
 *   wrapper, and it has settled before the body can go on to reject `p`. An app's `p.then(f)`
 *   followed by `.then(g)` has the same shape, but its promise cannot settle before our handler
 *   (attached first) has run. So a candidate with that shape gets a probe `then` (it already
 *   has a handler, so the probe changes nothing for it) and counts as the app's unless the probe
 *   ran before `p` rejected.
 *
 * Handlers attached before we see `p` are invisible to us, so only a promise nobody else can
 * have seen is tracked: the one an `async` function just returned (its body cannot reach it
 * before it returns), or one already tracked. Everything else (a plain function returning a
 * promise it got elsewhere, a promise subclass with its own species, for which V8 reports no
 * parent, a runtime without `process.getBuiltinModule('node:v8')` or whose hook does not report
 * parents) keeps the previous behaviour: the rejection is recorded on the span, and not
 * re-raised.
 */
import { diag } from '@opentelemetry/api';
import type { SpanRun } from './span-run';

/**
 * What we know about one observed promise; shared by nested wrappers around the same promise.
 * The run that first observes the promise is its tracker (one object per call instead of two).
 */
export interface Tracker {
  /** Someone other than us attached a handler. */
  handled: boolean;
  /** Settled and looked at by our first handler (re-raised or not); later handlers skip it. */
  decided: boolean;
  /** Probes on possible await wrappers that have not run yet. */
  probes: number;
  /** The promise we rejected again and left unhandled, until a handler reaches `p`. */
  reraised: Promise<never> | undefined;
  /** Counted in `liveTrackers`: not settled yet, or re-raised and waiting for a late handler. */
  live: boolean;
}

type PromiseHooks = { onInit(hook: (promise: Promise<unknown>, parent: Promise<unknown> | undefined) => void): () => void };

// The newest tracked promise is linked through `slot`; it moves onto the promise (a private
// symbol property) only when a newer one takes the slot while it may still need its tracker. So
// the usual traced call, awaited before the next one starts, leaves the promise's shape as V8
// made it (a property on it cost an out-of-object store, and each `await` of it a slower path).
// A WeakMap entry per call was measured as the largest single cost of a traced call; a promise
// that refuses new properties still gets one.
const TRACKER = Symbol('llm-trace.rejection');
const FALLBACK = new WeakMap<object, Tracker>();
let fallbackUsed = false;

// Captured at load, so an app that patches `Promise` later changes nothing here.
const NativePromise = Promise;
const promiseThen = Promise.prototype.then;
const AsyncFunctionPrototype: unknown = Object.getPrototypeOf(async function () {});
const noop = (): void => {};

/** Set while we attach a handler of ours, so the hook does not count it as the app's. */
let attaching = false;
/**
 * 0: not tried yet; 1: installed and working; 2: unavailable (the previous behaviour);
 * 3: works, removed while no tracker needs it (see `retire`).
 */
let hookState: 0 | 1 | 2 | 3 = 0;
let promiseHooks: PromiseHooks | undefined;
let stopCurrentHook: unknown;
/** Trackers that need the hook now; when none has for HOOK_IDLE_MS, the hook is removed. */
let liveTrackers = 0;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * How long the hook stays installed once no traced promise needs it. While installed it costs
 * every promise of the process (Node then dispatches promise creation through a loop over its
 * hooks), so an app that is not running traced async calls, or only streams, does not pay it.
 */
export const HOOK_IDLE_MS = 1000;
/** The last promise created with a tracked parent, until the next promise shows what it was. */
let candidate: Promise<unknown> | undefined;
let candidateTracker: Tracker | undefined;
/** The newest tracked promise and its tracker (see TRACKER). */
let slotPromise: Promise<unknown> | undefined;
let slotTracker: Tracker | undefined;

type Tracked = Promise<unknown> & { [TRACKER]?: Tracker };

function trackerOf(p: Tracked): Tracker | undefined {
  if (p === slotPromise) return slotTracker;
  const t = p[TRACKER];
  return t !== undefined || !fallbackUsed ? t : FALLBACK.get(p);
}

function link(p: Promise<unknown>, t: Tracker): void {
  if (Object.isExtensible(p)) (p as Tracked)[TRACKER] = t;
  else {
    FALLBACK.set(p, t);
    fallbackUsed = true;
  }
}

/** Makes `p` the slot's promise; the previous one keeps its tracker only while it may need it. */
function takeSlot(p: Promise<unknown>, t: Tracker): void {
  const prev = slotPromise;
  const prevTracker = slotTracker;
  slotPromise = p;
  slotTracker = t;
  // Settled and not re-raised: a later handler would change nothing (see lateHandler).
  if (prev !== undefined && (!prevTracker!.decided || prevTracker!.reraised !== undefined)) link(prev, prevTracker!);
}

/**
 * Runs for every promise the app creates once installed, so for a parent we do not track it
 * costs a flag test and one property read. Never throws: a fault goes to `diag`.
 */
function onInit(promise: Promise<unknown>, parent: Promise<unknown> | undefined): void {
  if (attaching) return;
  try {
    if (candidate !== undefined) classifyCandidate(parent);
    if (parent === undefined) return;
    const t = trackerOf(parent as Tracked);
    if (t === undefined) return;
    if (t.decided) lateHandler(t);
    else {
      candidate = promise;
      candidateTracker = t;
    }
  } catch (err) {
    diag.error('llm-trace: promise hook failed', err);
  }
}

/** The promise created after the candidate tells whether the candidate may be an await wrapper. */
function classifyCandidate(parent: Promise<unknown> | undefined): void {
  const c = candidate!;
  const t = candidateTracker!;
  candidate = undefined;
  candidateTracker = undefined;
  if (parent !== c) {
    t.handled = true;
    return;
  }
  // `c` now has a handler (the promise being created), so one more changes nothing for it.
  t.probes++;
  attaching = true;
  try {
    const done = (): void => {
      t.probes--;
    };
    promiseThen.call(c, done, done);
  } catch (err) {
    t.handled = true;
    diag.error('llm-trace: could not probe a promise', err);
  } finally {
    attaching = false;
  }
}

/** A handler reached `p` after it rejected: handle our re-raised promise too, once. */
function lateHandler(t: Tracker): void {
  t.handled = true;
  const reraised = t.reraised;
  if (reraised === undefined) return;
  t.reraised = undefined;
  attaching = true;
  try {
    promiseThen.call(reraised, undefined, noop);
  } finally {
    attaching = false;
  }
  retire(t);
}

/** `t` no longer needs the hook; the last one to go arms the idle removal. */
function retire(t: Tracker): void {
  if (!t.live) return;
  t.live = false;
  liveTrackers--;
  if (liveTrackers === 0 && idleTimer === undefined && hookState === 1) {
    idleTimer = setTimeout(removeIdleHook, HOOK_IDLE_MS);
    idleTimer.unref?.();
  }
}

function removeIdleHook(): void {
  idleTimer = undefined;
  // A traced promise arrived since: it re-arms the removal when it retires.
  if (liveTrackers !== 0 || hookState !== 1) return;
  stopHook(stopCurrentHook);
  stopCurrentHook = undefined;
  hookState = 3;
  candidate = undefined;
  candidateTracker = undefined;
}

/** Puts the hook back after an idle removal; false if that fails (then never again). */
function reinstallHook(): boolean {
  try {
    stopCurrentHook = promiseHooks!.onInit(onInit);
    hookState = 1;
    return true;
  } catch (err) {
    hookState = 2;
    diag.debug('llm-trace: could not reinstall the promise hook; unhandled rejections of traced calls are recorded, not re-raised', err);
    return false;
  }
}

/** Installs the hook the first time, or puts it back after an idle removal; false if unavailable. */
function hookReady(): boolean {
  if (hookState === 2) return false;
  return hookState === 3 ? reinstallHook() : installHook();
}

/** Whether the promise hook is installed now (for tests). */
export function rejectionHookInstalled(): boolean {
  return hookState === 1;
}

function stopHook(stop: unknown): void {
  try {
    if (typeof stop === 'function') stop();
  } catch {
    // Nothing more to undo.
  }
}

/** Installs the hook once and checks that it reports parents here; false: not available. */
function installHook(): boolean {
  hookState = 2;
  let stop: unknown;
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const hooks = (proc?.getBuiltinModule?.('node:v8') as { promiseHooks?: PromiseHooks } | undefined)?.promiseHooks;
    if (hooks === undefined || typeof hooks.onInit !== 'function') return false;
    stop = hooks.onInit(onInit);
    const probe = NativePromise.resolve() as Tracked;
    const t: Tracker = { handled: false, decided: false, probes: 0, reraised: undefined, live: false };
    probe[TRACKER] = t;
    promiseThen.call(probe, noop);
    const works = candidateTracker === t;
    candidate = undefined;
    candidateTracker = undefined;
    if (!works) {
      stopHook(stop);
      return false;
    }
    hookState = 1;
    promiseHooks = hooks;
    stopCurrentHook = stop;
    return true;
  } catch (err) {
    stopHook(stop);
    diag.debug('llm-trace: promise hooks unavailable; unhandled rejections of traced calls are recorded, not re-raised', err);
    return false;
  }
}

/**
 * The tracker for `p` (`fresh` unless `p` already has one), or undefined when who handles it
 * cannot be known (never re-raised).
 */
function track(p: Promise<unknown>, fn: unknown, fresh: Tracker): Tracker | undefined {
  if (hookState !== 1 && !hookReady()) return undefined;
  const known = trackerOf(p as Tracked);
  if (known !== undefined) return known;
  // Fresh from an async function: nobody else can have attached a handler yet. V8 reports the
  // parent only when `then` builds a native Promise (the species).
  if (Object.getPrototypeOf(fn) !== AsyncFunctionPrototype || p.constructor !== NativePromise) return undefined;
  takeSlot(p, fresh);
  fresh.live = true;
  liveTrackers++;
  return fresh;
}

/**
 * `p` has settled: the slot lets go of it (and of its value), and a re-raised rejection keeps
 * its tracker on `p` for a late handler.
 */
function release(p: Promise<unknown>, t: Tracker): void {
  if (p !== slotPromise) return;
  slotPromise = undefined;
  slotTracker = undefined;
  if (t.reraised !== undefined) link(p, t);
}

/** Our first handler to see `p` reject: re-raise if nobody but us handled it. */
function decide(t: Tracker, err: unknown): void {
  if (t.decided) return;
  t.decided = true;
  if (candidateTracker === t) {
    // Nothing followed it, so it is not an await wrapper.
    candidate = undefined;
    candidateTracker = undefined;
    t.handled = true;
  }
  if (t.handled || t.probes > 0) {
    retire(t);
    return;
  }
  t.reraised = NativePromise.reject(err) as Promise<never>;
}

/**
 * Ends `run` when `p` (whose `then` is the native one) settles, without swallowing a rejection
 * the app never handles. `fn` is the wrapped function that returned `p`. The caller returns `p`
 * itself to the app; at most it gains a private symbol property (see TRACKER).
 */
export function observePromise(run: SpanRun, p: Promise<unknown>, fn: unknown): void {
  let tracker: Tracker | undefined;
  try {
    tracker = track(p, fn, run);
  } catch (err) {
    diag.error('llm-trace: could not track a promise', err);
  }
  const t = tracker;
  attaching = true;
  try {
    if (t === undefined) {
      promiseThen.call(
        p,
        (value: unknown) => run.settle(value),
        (err: unknown) => run.failAndEnd(err),
      );
    } else {
      promiseThen.call(
        p,
        (value: unknown) => {
          t.decided = true;
          release(p, t);
          retire(t);
          run.settle(value);
        },
        (err: unknown) => {
          run.failAndEnd(err);
          // Never throws into the side chain: a throw here would reject our derived promise.
          try {
            decide(t, err);
            release(p, t);
          } catch (e) {
            diag.error('llm-trace: could not re-raise an unhandled rejection', e);
          }
        },
      );
    }
  } finally {
    attaching = false;
  }
}
