/**
 * Cost of the promise hook that keeps unhandled rejections visible (src/engine/rejections.ts),
 * not a test: ns per `await` of an already-resolved promise inside an active OTel context
 * (AsyncLocalStorage), with the hook installed and without. Every promise the app creates runs
 * the hook once it is installed; an `await` creates one. Uses the built core. From the repo root:
 *   npm run build -w @llm-trace/core && node benchmarks/promise-hook.mjs
 * Each sample is its own process, alternating, so neither run inherits the other's heap or JIT
 * state. With the hook, a traced async call stays pending throughout, which keeps it installed
 * (it is removed once no traced promise has needed it for HOOK_IDLE_MS).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROUNDS = 7;
const AWAITS = 1_000_000;

async function sample(withHook) {
  const { context, trace } = require('@opentelemetry/api');
  const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
  const { BasicTracerProvider } = require('@opentelemetry/sdk-trace-base');
  const core = require('@llm-trace/core');
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(new BasicTracerProvider());
  // The same traced call both ways; only an async one installs the hook, and while it is
  // pending the hook stays.
  let finish = () => {};
  const pending = withHook
    ? core.withTool({ name: 'warm' }, async () => new Promise((r) => (finish = r)))()
    : core.withTool({ name: 'warm' }, () => 1)();
  const resolved = Promise.resolve(1);
  const loop = async (n) => {
    for (let i = 0; i < n; i++) await resolved;
  };
  const ctx = context.active().setValue(Symbol('bench'), 1);
  return context.with(ctx, async () => {
    await loop(AWAITS / 5);
    const t0 = process.hrtime.bigint();
    await loop(AWAITS);
    const ns = Number(process.hrtime.bigint() - t0) / AWAITS;
    finish();
    await pending;
    return ns;
  });
}

const self = fileURLToPath(import.meta.url);

/** Median ns per await without and with the hook, each sample a fresh process. */
export function measureHookCost(rounds = ROUNDS) {
  const runs = { none: [], hook: [] };
  for (let r = 0; r < rounds; r++) {
    for (const m of ['none', 'hook']) {
      const out = spawnSync(process.execPath, [self, m], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(out.stderr);
      runs[m].push(Number(out.stdout));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  return { none: median(runs.none), hook: median(runs.hook), runs };
}

const mode = process.argv[2];
if (mode === 'hook' || mode === 'none') {
  process.stdout.write(String(await sample(mode === 'hook')));
} else if (process.argv[1] === self) {
  const { none, hook, runs } = measureHookCost();
  console.log(`ns per await (median of ${ROUNDS} processes, ${AWAITS} awaits each): without hook ${none.toFixed(1)}, with hook ${hook.toFixed(1)}, difference ${(hook - none).toFixed(1)}`);
  console.log(`min: without ${Math.min(...runs.none).toFixed(1)}, with ${Math.min(...runs.hook).toFixed(1)}`);
}
