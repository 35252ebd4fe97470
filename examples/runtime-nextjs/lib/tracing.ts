// The registration made in instrumentation.ts, kept on globalThis because Next.js loads
// instrumentation.ts and route modules as separate bundles.
interface Flushable {
  forceFlush(): Promise<void>;
}
const KEY = Symbol.for('example.llm-trace.registration');
type Holder = { [KEY]?: Flushable };

export function keepRegistration(registration: Flushable): void {
  (globalThis as Holder)[KEY] = registration;
}

/** Sends the spans still buffered; give it to after() so the response is not delayed. */
export function flushTracing(): Promise<void> {
  return (globalThis as Holder)[KEY]?.forceFlush() ?? Promise.resolve();
}
