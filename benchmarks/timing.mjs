// How the timed benchmark measures, shared by run.mjs and the rows it runs in fresh processes
// (case-row.mjs): a span processor that does nothing while timing, the like-for-like check, and
// interleaved rounds with a paired ratio.
import { TIME_KEYS } from './cases.mjs';

// BENCH_ROUNDS=1 gives a quick smoke run (like-for-like checks and one sample per case).
export const ROUNDS = Number(process.env.BENCH_ROUNDS) || 15;
// BENCH_SCALE=0.01 runs 1 % of the calls per sample (with BENCH_ROUNDS=1: a smoke run).
const SCALE = Number(process.env.BENCH_SCALE) || 1;

/**
 * A span processor that does nothing while timing, so exporting cost is excluded from both sides
 * equally. Outside timing it can collect finished spans, for the like-with-like check below.
 */
let collected;
export const noopProcessor = {
  onStart() {},
  onEnd(span) {
    if (collected) collected.push(span);
  },
  forceFlush: async () => {},
  shutdown: async () => {},
};

/**
 * Runs `ours` and `raw` once each and fails the run unless both end the same spans (names,
 * attribute keys and values; times excepted): the overhead is only meaningful when both sides
 * write the same thing.
 */
export async function sameSpans(label, ours, raw) {
  const shape = async (fn) => {
    collected = [];
    await fn(0);
    await new Promise((r) => setImmediate(r));
    const spans = collected.map((s) => {
      const keys = Object.keys(s.attributes).sort();
      return `${s.name} {${keys.map((k) => `${k}=${TIME_KEYS.has(k) ? '(time)' : JSON.stringify(s.attributes[k])}`).join(', ')}}`;
    });
    collected = undefined;
    return spans.sort().join(' ; ');
  };
  const a = await shape(ours);
  const b = await shape(raw);
  if (a !== b) throw new Error(`benchmark "${label}" compares unlike spans:\n  llm-trace: ${a}\n  raw:       ${b}`);
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// With --expose-gc (npm run bench passes it) each sample starts from a collected heap, so one
// variant's garbage is not collected on the other's clock. A variant's own garbage still counts.
// A forced full collection also shrinks the young generation, and timing right after it measured
// the heap growing back (both sides ~1.8x slower than steady state, and the side that allocates
// more hit harder), so each sample first runs the variant untimed for as many calls as it times:
// the timed part is the steady state a long-running service sees.
const gc = globalThis.gc ?? (() => {});

/** ns per call of `fn` over `n` calls (sync). */
export function timeSync(fn, n, collect = true) {
  if (collect) gc();
  for (let i = 0; i < n; i++) fn(i);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  return Number(process.hrtime.bigint() - t0) / n;
}

export async function timeAsync(fn, n, collect = true) {
  if (collect) gc();
  for (let i = 0; i < n; i++) await fn(i);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  return Number(process.hrtime.bigint() - t0) / n;
}

/**
 * Median ns/call for each of the named variants, interleaved per round after a warm-up, and
 * `rounds`: the samples per variant, in round order. The order within a round alternates
 * (A B, then B A), so neither side always runs right after the other's garbage or JIT work.
 */
export async function compare(variants, n, isAsync, divisor = 1, collect = true) {
  n = Math.max(1, Math.round(n * SCALE));
  const names = Object.keys(variants);
  const samples = Object.fromEntries(names.map((k) => [k, []]));
  const time = isAsync ? timeAsync : timeSync;
  for (const k of names) await time(variants[k], Math.max(1, Math.floor(n / 2)));
  const reversed = [...names].reverse();
  for (let r = 0; r < ROUNDS; r++) {
    for (const k of r % 2 === 0 ? names : reversed) samples[k].push((await time(variants[k], n, collect)) / divisor);
  }
  const out = Object.fromEntries(names.map((k) => [k, median(samples[k])]));
  out.rounds = samples;
  return out;
}

/**
 * The ratio (or difference) of two variants as the median over rounds of the per-round ratio:
 * both samples of a round ran seconds apart, so a slow spell of this shared machine (other tenants)
 * weighs on both sides of the ratio instead of on one side's median.
 */
export function paired(r, a, b, delta = false) {
  const xs = r.rounds[a].map((v, i) => (delta ? v - r.rounds[b][i] : v / r.rounds[b][i]));
  return median(xs);
}
