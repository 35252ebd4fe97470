/**
 * A monotonic clock in milliseconds. `performance.now()` wherever it exists (Node, Bun, Deno,
 * workerd, Vercel Edge, browsers); `Date.now()` in an embedding that has no `performance`, so
 * loading the package never depends on it.
 */
const hasPerformance = typeof performance === 'object' && performance !== null && typeof performance.now === 'function';

/** Milliseconds on a monotonic clock; only differences between two readings mean anything. */
export const monotonicNow: () => number = hasPerformance ? () => performance.now() : () => Date.now();
