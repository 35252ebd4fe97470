/**
 * Finds out, cheaply and once, whether an OpenTelemetry context manager is installed. Without
 * one, `context.with()` runs the callback but `context.active()` inside it is still the root:
 * spans do not nest and `withSession()` has no effect. That is silent in OTel, so we say it once.
 */
import { context, createContextKey, diag, ROOT_CONTEXT } from '@opentelemetry/api';

const PROBE_KEY = createContextKey('llm-trace context manager probe');
const PROBE_CONTEXT = ROOT_CONTEXT.setValue(PROBE_KEY, true);
const readProbe = (): boolean => context.active().getValue(PROBE_KEY) === true;

let works = false;
let warned = false;

/**
 * True when the global context manager carries a value set with `context.with()` into the
 * callback. A positive answer is kept (a context manager, once installed, stays); a negative one
 * is asked again next time, since an app may install one after its first traced call, and is
 * reported through `diag` once.
 *
 * @example
 * ```ts
 * import { hasContextManager } from '@llm-trace/core';
 * if (!hasContextManager()) console.warn('spans will not nest here');
 * ```
 */
export function hasContextManager(): boolean {
  if (works) return true;
  try {
    works = context.with(PROBE_CONTEXT, readProbe);
  } catch {
    works = false;
  }
  if (!works && !warned) {
    warned = true;
    diag.warn(
      'llm-trace: no OpenTelemetry context manager is installed, so spans will not nest under each other and withSession() has no effect. ' +
        "Call register() from @llm-trace/node (Node) or @llm-trace/web (other runtimes), or install a context manager with context.setGlobalContextManager().",
    );
  }
  return works;
}
