// Instructions per call under valgrind's callgrind, which hold still on a noisy machine where
// timings do not: `npm run bench -- --callgrind` (or `node callgrind.mjs [CASE...]`).
// Each figure runs the case in a fresh process twice, for N and for 2N calls after the same
// warm-up, and reports (instructions(2N) - instructions(N)) / N: start-up, import and warm-up
// cancel out, leaving the steady state; the median of several such pairs is shown. The cold-start row is instructions(1000 calls) minus
// instructions(0 calls) right after import, JIT work included.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Total instructions of one `node script args` run under callgrind. `--single-threaded`: with V8's
 * background compiler and GC threads, how much of their work lands inside the measured window
 * depends on scheduling, and the same build measured twice differed by half; on one thread two
 * runs agree within a few per cent.
 */
function instructions(script, args) {
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', script, ...args], { cwd: here, encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = /Collected\s*:\s*(\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`callgrind ${script} ${args.join(' ')} failed (status ${r.status}):\n${r.stderr.slice(-2000)}`);
  return Number(m[1]);
}

/** Steady-state instructions per call (per unit: a stream's chunks) of one side of a case. */
export function perCall(caseId, side, capture, n, divisor = 1) {
  const a = instructions('callgrind-case.mjs', [caseId, side, capture, String(n)]);
  const b = instructions('callgrind-case.mjs', [caseId, side, capture, String(2 * n)]);
  return (b - a) / n / divisor;
}

/**
 * Pairs of N/2N runs per figure (CALLGRIND_PAIRS, default 3), of which the median is shown: a
 * collection that lands in one run of a pair and not the other still moves that pair's figure
 * by up to a fifth at these N, and the median of three leaves such a pair out.
 */
export const PAIRS = Number(process.env.CALLGRIND_PAIRS) || 3;

/** The median of `PAIRS` runs of `measure()`. */
export function medianOfPairs(measure) {
  const xs = Array.from({ length: PAIRS }, measure).sort((a, b) => a - b);
  return xs[xs.length >> 1];
}

/** Instructions of the first `n` calls after import (JIT warm-up included). */
export function coldStart(side, n = 1000) {
  return instructions('cold-start.mjs', [side, String(n)]) - instructions('cold-start.mjs', [side, '0']);
}

/** Prints the instruction table for the cases named in `ids` (all when empty). */
export async function runCallgrind(ids = []) {
  const { CASES } = await import('./cases.mjs');
  const { ENGINE_CASES, engineCallgrind } = await import('./engine-rows.mjs');
  const engineIds = new Set(['engine', ...ENGINE_CASES.map((c) => c.id)]);
  const cases = CASES.filter((c) => ids.length === 0 || ids.includes(c.id));
  // The engine's own rows (`engine` or `engine-<case>`): when they are the only ones named, alone.
  if (ids.length > 0 && ids.every((id) => engineIds.has(id))) return engineCallgrind(ids);
  const fmt = (x) => (x >= 10000 ? `${(x / 1000).toFixed(1)}k` : x.toFixed(0));
  console.log(`instructions per call under callgrind (steady state: runs of N and 2N calls subtracted; median of ${PAIRS} pairs)\n`);
  console.log('| case | content | llm-trace | by hand | ratio | target |');
  console.log('|---|---|---|---|---|---|');
  for (const c of cases) {
    // Large enough that a collection falling in one run and not the other (tens of millions of
    // instructions) moves the per-call figure by a few per cent; the median of pairs does the rest.
    const n = c.divisor > 1 ? 300 : 20000;
    for (const capture of ['default', 'rules-off', 'off']) {
      const ours = medianOfPairs(() => perCall(c.id, 'ours', capture, n, c.divisor));
      const raw = medianOfPairs(() => perCall(c.id, 'raw', capture, n, c.divisor));
      const target = capture === 'default' ? c.target : capture === 'off' ? c.offTarget : '(info)';
      console.log(`| ${c.name} | ${capture} | ${fmt(ours)} | ${fmt(raw)} | ${(ours / raw).toFixed(2)}× | ${target} |`);
      // The information sides (cases.mjs): the stream by hand as the contract asks, in place of
      // the hand-written column; ours' recognition and mapping alone, in place of ours.
      if (c.sides?.includes('contract')) {
        const contract = medianOfPairs(() => perCall(c.id, 'contract', capture, n, c.divisor));
        console.log(`| same, by hand as the contract asks | ${capture} | ${fmt(ours)} | ${fmt(contract)} | ${(ours / contract).toFixed(2)}× | (info) |`);
      }
      if (c.sides?.includes('recognise')) {
        const alone = medianOfPairs(() => perCall(c.id, 'recognise', capture, n, c.divisor));
        console.log(`| of it, recognising and mapping alone | ${capture} | ${fmt(alone)} | ${fmt(raw)} | ${(alone / raw).toFixed(2)}× | (info) |`);
      }
    }
  }
  if (ids.length === 0 || ids.some((id) => engineIds.has(id))) engineCallgrind(ids.filter((id) => engineIds.has(id)));
  if (ids.length === 0 || ids.includes('cold-start')) {
    const ours = coldStart('ours');
    const raw = coldStart('raw');
    console.log(`| first 1 000 LLM calls after import | default | ${(ours / 1e6).toFixed(0)}M | ${(raw / 1e6).toFixed(0)}M | ${(ours / raw).toFixed(2)}× | as low as possible |`);
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
// Not awaited at the top level: engine-rows.mjs imports this module, and that import would wait
// for this module's own top-level await, the run that imported it (Node then exits with 13 and
// prints nothing).
if (isMain) {
  runCallgrind(process.argv.slice(2).filter((a) => !a.startsWith('--'))).catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
