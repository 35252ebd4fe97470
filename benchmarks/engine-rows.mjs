/**
 * Benchmark rows about the engine as a whole, each measured in fresh processes (alternating, so
 * neither side inherits the other's heap or JIT state) against the BUILT core:
 * - the promise tax: an app's own unrelated `await`s while a traced async call is pending,
 *   against the same process with no tracing at all (any process-wide promise hook would show);
 * - the stack depth: how deep sync recursion through a wrapped function goes before the stack
 *   is full, against the same recursion unwrapped.
 * Alone: `npm run build -w @llm-trace/core && node benchmarks/engine-rows.mjs`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const ROUNDS = 7;
const AWAITS = 1_000_000;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function child(mode) {
  const r = spawnSync(process.execPath, [SELF, mode], { encoding: 'utf8' });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`engine-rows ${mode}: no result (exit ${r.status})\n${r.stderr}`);
  return Number(line.slice('RESULT '.length));
}

/** ns per `await` of an already-resolved promise, in a loop of the app's own. */
async function awaitLoop() {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < AWAITS; i++) await Promise.resolve(i);
  return Number(process.hrtime.bigint() - t0) / AWAITS;
}

async function inChild(mode) {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const { context, trace } = require('@opentelemetry/api');
  const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
  const { BasicTracerProvider } = require('@opentelemetry/sdk-trace-base');
  const core = require('@llm-trace/core');
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  if (mode !== 'await-untraced') trace.setGlobalTracerProvider(new BasicTracerProvider());
  const tracer = trace.getTracer('raw');
  if (mode.startsWith('await')) {
    let finish = () => {};
    const wait = () => new Promise((r) => (finish = r));
    // Ours pending, the same by hand with the raw OTel API (a span made active with
    // `context.with`, which is what turns on the context manager's own async tracking), or nothing.
    const pending =
      mode === 'await-traced'
        ? core.withTool({ name: 'pending' }, async () => wait())()
        : mode === 'await-raw'
          ? context.with(trace.setSpan(context.active(), tracer.startSpan('pending')), wait)
          : Promise.resolve();
    await awaitLoop(); // warm-up
    const ns = await awaitLoop();
    finish();
    await pending;
    return ns;
  }
  let depth = 0;
  const fn = (n) => {
    depth = n;
    return rec(n + 1) + 1;
  };
  const rec = mode === 'depth-wrapped' ? core.withTool({ name: 'deep' }, fn) : fn;
  try {
    rec(0);
  } catch {
    // RangeError: the stack is full.
  }
  return depth;
}

/**
 * The rows: `{ name, ours, baseline, baselineName, target, cmp }` (cmp: the median of per-round
 * ratios; for the depth row the ratio wrapped/unwrapped, higher is better, shown for information).
 */
export function engineRows() {
  const samples = { 'await-traced': [], 'await-raw': [], 'await-untraced': [] };
  const modes = Object.keys(samples);
  for (let i = 0; i < ROUNDS; i++) for (const mode of i % 2 ? [...modes].reverse() : modes) samples[mode].push(child(mode));
  const traced = samples['await-traced'];
  const raw = samples['await-raw'];
  const untraced = samples['await-untraced'];
  const wrappedDepth = child('depth-wrapped');
  const plainDepth = child('depth-plain');
  return [
    {
      name: 'app await while a traced call is pending',
      ours: median(traced),
      baseline: median(raw),
      baselineName: 'same, raw OTel span pending',
      target: '≤ 1.05×',
      cmp: median(traced.map((t, i) => t / raw[i])),
    },
    {
      name: '  (same, no span pending at all)',
      ours: median(untraced),
      baseline: undefined,
      baselineName: '',
      target: '',
      cmp: undefined,
    },
    {
      name: 'sync recursion depth (wrapped / plain)',
      ours: wrappedDepth,
      baseline: plainDepth,
      baselineName: 'unwrapped recursion',
      target: '(info)',
      cmp: wrappedDepth / plainDepth,
    },
  ];
}

if (process.argv[2]) {
  const result = await inChild(process.argv[2]);
  console.log(`RESULT ${result}`);
} else if (process.argv[1] === SELF) {
  for (const r of engineRows()) console.log(`${r.name}: ${r.ours.toFixed(1)}${r.baseline === undefined ? '' : ` vs ${r.baseline.toFixed(1)} (${r.baselineName}) → ${r.cmp.toFixed(3)}× target ${r.target}`}`);
}
