/** Shared measuring helpers of the adversarial suite: CPU time (not wall clock) and exports. */
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/**
 * CPU milliseconds `fn` takes, the fastest of `runs` (after one untimed run). CPU time of this
 * process, so other processes on a shared machine do not count; used only in ratios.
 */
export function cpuMs(fn: () => unknown, runs = 5): number {
  fn();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t0 = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t0);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  // The fastest run: a collection or another thread's work can only make a run slower, and the
  // process-wide CPU clock counts both.
  return Math.max(best, 0.05);
}

/** `unit` repeated to exactly `length` characters. */
export function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Everything an exporter ships of these spans, as one string to search for secrets. */
export function exportedJson(spans: readonly ReadableSpan[]): string {
  return JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, status: s.status, events: s.events.map((e) => ({ name: e.name, attributes: e.attributes })) })));
}
