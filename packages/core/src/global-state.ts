/**
 * Settings and state that must be one per process, however many copies of this package are
 * loaded: the ES module and CommonJS builds side by side (an ESM app importing a CommonJS
 * library that requires us), or two installed copies of one version in different
 * `node_modules` folders. Each copy finds the same object on `globalThis` under a registered
 * symbol, so `configure({ captureContent: false })` made through one copy holds for a tool
 * wrapped through another.
 *
 * The symbol carries the layout's version, not the package's: a copy whose layout differs uses
 * its own slot instead of misreading another's.
 */
import type { LlmTraceConfig } from './config';

/** What every loaded copy shares. */
export interface LlmTraceGlobalState {
  /** The settings in force; undefined until the first copy reads or sets them. */
  config: LlmTraceConfig | undefined;
}

const GLOBAL_STATE_KEY = Symbol.for('llm-trace.core.global-state.v1');

type Holder = { [GLOBAL_STATE_KEY]?: LlmTraceGlobalState };

function sharedState(): LlmTraceGlobalState {
  const holder = globalThis as Holder;
  let state = holder[GLOBAL_STATE_KEY];
  if (state === undefined || state === null || typeof state !== 'object') {
    state = { config: undefined };
    // Not enumerable, so it never shows up when someone lists or serializes globalThis.
    Object.defineProperty(holder, GLOBAL_STATE_KEY, { value: state, configurable: true, enumerable: false, writable: false });
  }
  return state;
}

/**
 * The process-wide state object, the same object in every loaded copy.
 *
 * @example
 * ```ts
 * import { globalState } from './global-state';
 * const captureContent = globalState.config?.captureContent;
 * ```
 */
export const globalState: LlmTraceGlobalState = sharedState();
