// How the hand-written stream baselines watch each step of a stream they hand back (the same
// object, as ours does, so an OpenAI `Stream` keeps its methods): `next` patched once per stream,
// so no mode's `next` does more than its own work.
import { context } from '@opentelemetry/api';

/**
 * Patches `it.next` to call `onStep(result)` after each step and `onError(err)` on a failed one.
 * `mode`, from least to most of what the behaviour contract asks of ours:
 * - 'returned': the step's own promise handed back, watched by a side handler;
 * - 'in span': the same, with each resume of the generator in the span's context (the active
 *   context when this is called), so a span inside the generator's body belongs to the call;
 * - 'as the contract asks': each resume in the span and each step's promise handed back derived
 *   (a side handler marks a rejected step handled that the app never handles).
 */
export function watchSteps(it, mode, onStep, onError) {
  const next = it.next;
  if (mode === 'returned') {
    it.next = function (...a) {
      const p = next.apply(this, a);
      p.then(onStep, onError);
      return p;
    };
    return;
  }
  const spanContext = context.active();
  if (mode === 'in span') {
    it.next = function (...a) {
      const p = context.with(spanContext, () => next.apply(this, a));
      p.then(onStep, onError);
      return p;
    };
    return;
  }
  if (mode !== 'as the contract asks') throw new Error(`watchSteps: unknown mode ${JSON.stringify(mode)}`);
  it.next = function (...a) {
    return context.with(spanContext, () => next.apply(this, a)).then(
      (r) => {
        onStep(r);
        return r;
      },
      (err) => {
        onError(err);
        throw err;
      },
    );
  };
}
