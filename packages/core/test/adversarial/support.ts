/** Shared measuring helpers of the adversarial suite: CPU time (not wall clock) and exports. */
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/**
 * CPU milliseconds `fn` takes, the median of `runs` (after one untimed run). CPU time of this
 * process, so other processes on a shared machine do not count; used only in ratios.
 */
export function cpuMs(fn: () => unknown, runs = 3): number {
  fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t0);
    xs.push((d.user + d.system) / 1000);
  }
  xs.sort((a, b) => a - b);
  return Math.max(xs[Math.floor(xs.length / 2)]!, 0.05);
}

/** `unit` repeated to exactly `length` characters. */
export function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Everything an exporter ships of these spans, as one string to search for secrets. */
export function exportedJson(spans: readonly ReadableSpan[]): string {
  return JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, status: s.status, events: s.events.map((e) => ({ name: e.name, attributes: e.attributes })) })));
}
