// The peer comparison: `npm run bench -- --peers` (timed) and `npm run bench -- --peers --callgrind`
// (instructions per call). One table, a column per side: the hand-written raw OTel of ../cases.mjs,
// llm-trace in its default configuration, OpenInference, Langfuse and OpenLLMetry, each used the
// way its docs show (sides.mjs), all on the same provider and counting span processor (setup.mjs).
//
// Timed: one process, the sides of a row interleaved over BENCH_ROUNDS rounds (default 15) after
// a warm-up, each sample after a forced collection and an untimed run of as many calls, as in
// ../run.mjs; a cell is the median over rounds of the per-round ratio to the raw side.
// Callgrind: each side in fresh processes for N and 2N calls after the same warm-up,
// (instr(2N) - instr(N)) / N, as in ../callgrind.mjs. The first-calls row runs 1 000 calls of the
// LLM row right after the side's import in fresh processes (cold-start.mjs): timed, the median of
// 5 alternating runs per side; under callgrind, instr(1 000 calls) - instr(0 calls).
//
// Each cell also shows, in parentheses, the attribute keys the side writes on the call's span, so
// a side that records less is not read as faster at the same work. Rows or sides can be chosen:
// `npm run bench -- --peers tool chain` (row ids: llm, llm-off, tool, chain, stream, tool-off,
// cold-start).
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadavg, cpus } from 'node:os';
import { setupTracing, probe, tracerOf } from './setup.mjs';
import { ROWS, SIDES, SIDE_NAMES, buildSide, firstChunk, traceloopContent } from './sides.mjs';

const benchDir = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 15;
const SCALE = Number(process.env.BENCH_SCALE) || 1;
const COLD_CALLS = 1000;
const CALLGRIND_CALLS = Number(process.env.PEERS_CALLGRIND_CALLS) || 5000;
const gc = globalThis.gc ?? (() => {});

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** ns per call of `side` over `n` calls, after a collection and an untimed run of `n` calls. */
async function time(side, n) {
  gc();
  const { fn } = side;
  if (side.isAsync) {
    for (let i = 0; i < n; i++) await fn();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await fn();
    return Number(process.hrtime.bigint() - t0) / n;
  }
  for (let i = 0; i < n; i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - t0) / n;
}

/**
 * Builds every side of `row` and probes one call of each: a side that writes no span fails the
 * run; a stream whose span ends before its first chunk is read is reported as such, not timed.
 */
async function buildRow(row) {
  const sides = {};
  for (const name of SIDES) {
    const side = await buildSide(name, row, tracerOf);
    if (typeof side === 'string') {
      sides[name] = side;
      continue;
    }
    const { spans, endedBeforeFirstChunk } = await probe(side.fn, firstChunk);
    if (spans.length === 0) throw new Error(`peer benchmark "${row.id}": ${name} ended no span at the shared provider`);
    if (row.divisor > 1 && endedBeforeFirstChunk) {
      sides[name] = 'span ends before the first chunk';
      continue;
    }
    sides[name] = { ...side, keys: spans.reduce((n, s) => n + Object.keys(s.attributes).length, 0), spans: spans.length };
  }
  return sides;
}

/** Timed cells of one row: `{ [side]: { ns, ratio, keys } | string }`. */
async function timeRow(row) {
  const sides = await buildRow(row);
  const live = SIDES.filter((k) => typeof sides[k] === 'object');
  const n = Math.max(1, Math.round(row.n * SCALE));
  for (const k of live) await time(sides[k], Math.max(1, Math.floor(n / 2)));
  const samples = Object.fromEntries(live.map((k) => [k, []]));
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? live : [...live].reverse();
    for (const k of order) samples[k].push((await time(sides[k], n)) / row.divisor);
  }
  const out = {};
  for (const k of SIDES) {
    if (typeof sides[k] === 'string') out[k] = sides[k];
    else out[k] = { ns: median(samples[k]), ratio: median(samples[k].map((v, i) => v / samples.raw[i])), keys: sides[k].keys };
  }
  return out;
}

/**
 * Total instructions of one `node script args` run under callgrind (cwd: benchmarks/), as
 * ../callgrind.mjs's `instructions` but without blocking, so the two runs of a figure overlap.
 */
async function instructionsAsync(script, args) {
  await slot();
  try {
    return await instructionsOf(script, args);
  } finally {
    release();
  }
}

// At most PEERS_CALLGRIND_JOBS (default 4) callgrind processes at a time, started in the order
// asked for (rows first to last), so a long run on a shared machine fills the table row by row.
const JOBS = Number(process.env.PEERS_CALLGRIND_JOBS) || 4;
let running = 0;
const waiting = [];
const slot = () => (running < JOBS ? (running++, Promise.resolve()) : new Promise((r) => waiting.push(r)));
const release = () => (waiting.length > 0 ? waiting.shift()() : running--);

function instructionsOf(script, args) {
  return new Promise((resolve, reject) => {
    // --single-threaded: stable counts (see instructions() in ../callgrind.mjs).
    const child = spawn('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', script, ...args], { cwd: benchDir, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err = (err + d).slice(-20000)));
    child.on('error', reject);
    child.on('close', (status) => {
      const m = /Collected\s*:\s*(\d+)/.exec(err);
      if (status !== 0 || !m) reject(new Error(`callgrind ${script} ${args.join(' ')} failed (status ${status}):\n${err.slice(-2000)}`));
      else resolve(Number(m[1]));
    });
  });
}

/** Instruction cells of one row (steady state per call, per chunk for the stream). */
async function callgrindRow(row, sides) {
  // As ../callgrind.mjs: large enough that one collection more in one run moves a figure little.
  // PEERS_CALLGRIND_CALLS (default 5000, a stream's 200 scaled with it) trades that for time on a
  // machine too busy to finish the table.
  const n = row.divisor > 1 ? Math.max(1, Math.round(CALLGRIND_CALLS / 25)) : CALLGRIND_CALLS;
  const per = {};
  const measure = async (k) => {
    const args = (calls) => [row.id, k, String(calls), String(n)];
    const [a, b] = await Promise.all([instructionsAsync('peers/callgrind-case.mjs', args(n)), instructionsAsync('peers/callgrind-case.mjs', args(2 * n))]);
    per[k] = (b - a) / n / row.divisor;
    // Progress, for a run that takes long on a busy machine (the table follows at the end).
    console.error(`  ${row.id} ${k}: ${num(per[k])} instructions per ${row.divisor > 1 ? 'chunk' : 'call'}`);
  };
  await Promise.all(SIDES.filter((k) => typeof sides[k] !== 'string').map(measure));
  const out = {};
  for (const k of SIDES) out[k] = typeof sides[k] === 'string' ? sides[k] : { instr: per[k], ratio: per[k] / per.raw, keys: sides[k].keys };
  return out;
}

/** The first 1 000 LLM calls after import, per side, in fresh processes. */
async function coldRow(callgrind) {
  const out = {};
  if (callgrind) {
    const calls = {};
    const imports = {};
    const measure = async (k) => {
      const [zero, full] = await Promise.all([instructionsAsync('peers/cold-start.mjs', [k, '0']), instructionsAsync('peers/cold-start.mjs', [k, String(COLD_CALLS)])]);
      calls[k] = full - zero;
      imports[k] = zero;
      console.error(`  cold-start ${k}: ${num(calls[k])} instructions for ${COLD_CALLS} calls, ${num(zero)} to start and import`);
    };
    await Promise.all(SIDES.map(measure));
    for (const k of SIDES) out[k] = { instr: calls[k], ratio: calls[k] / calls.raw, importInstr: imports[k] - imports.raw };
    return out;
  }
  const runs = Object.fromEntries(SIDES.map((k) => [k, []]));
  const cold = (k) => {
    const r = spawnSync(process.execPath, ['peers/cold-start.mjs', k, String(COLD_CALLS)], { cwd: benchDir, encoding: 'utf8' });
    const m = /COLD (\d+)/.exec(r.stdout);
    if (!m) throw new Error(`peers cold-start ${k} failed: ${r.stdout}${r.stderr}`);
    return Number(m[1]) / COLD_CALLS;
  };
  for (let i = 0; i < 5; i++) for (const k of i % 2 ? [...SIDES].reverse() : SIDES) runs[k].push(cold(k));
  for (const k of SIDES) out[k] = { ns: median(runs[k]), ratio: median(runs[k].map((v, i) => v / runs.raw[i])) };
  return out;
}

const ns = (x) => (x >= 1000 ? x.toFixed(0) : x.toFixed(1));
// A count with its unit; a negative one (a side that imports less than raw OTel's own setup) keeps its sign.
const num = (x) => (x < 0 ? `−${num(-x)}` : x >= 1e9 ? `${(x / 1e9).toFixed(2)}G` : x >= 1e6 ? `${(x / 1e6).toFixed(0)}M` : x >= 10000 ? `${(x / 1000).toFixed(1)}k` : x.toFixed(0));

/** A table cell: the raw side's figure, another side's ratio to it, or the reason for none. */
function cell(k, v, callgrind) {
  if (typeof v === 'string') return `— (${v})`;
  const keys = v.keys === undefined ? '' : ` (${v.keys})`;
  if (k === 'raw') return callgrind ? `${num(v.instr)} instr.${keys}` : `${ns(v.ns)} ns${keys}`;
  return `${v.ratio.toFixed(2)}×${keys}`;
}

/** Runs the comparison for the rows named in `ids` (all when empty) and prints the table. */
export async function runPeers({ callgrind = false, ids = [] } = {}) {
  setupTracing();
  const rows = ROWS.filter((r) => ids.length === 0 || ids.includes(r.id));
  const body = [];
  const notes = [];
  const withCold = ids.length === 0 || ids.includes('cold-start');
  let cold;
  if (callgrind) {
    // The sides are built and probed here one row at a time (the probe shares the processor),
    // then every row's runs go to the callgrind pool together.
    const built = [];
    for (const row of rows) built.push(await buildRow(row));
    traceloopContent({ capture: true });
    const [cells, coldCells] = await Promise.all([Promise.all(rows.map((row, i) => callgrindRow(row, built[i]))), withCold ? coldRow(true) : undefined]);
    rows.forEach((row, i) => body.push([row.name, ...SIDES.map((k) => cell(k, cells[i][k], true))]));
    cold = coldCells;
  } else {
    for (const row of rows) {
      const cells = await timeRow(row);
      body.push([row.name, ...SIDES.map((k) => cell(k, cells[k], false))]);
      console.error(`  ${row.id}: ${SIDES.map((k) => `${k} ${cell(k, cells[k], false)}`).join(', ')}`);
    }
    // Back to OpenLLMetry's default for the first-calls children, which inherit the environment.
    traceloopContent({ capture: true });
    if (withCold) cold = await coldRow(false);
  }
  if (withCold) {
    const cells = cold;
    body.push([
      `first ${COLD_CALLS.toLocaleString('en').replace(',', ' ')} LLM calls after import`,
      ...SIDES.map((k) => (k === 'raw' ? (callgrind ? `${num(cells.raw.instr)} instr.` : `${ns(cells.raw.ns)} ns/call`) : `${cells[k].ratio.toFixed(2)}×`)),
    ]);
    if (callgrind) {
      body.push(['  import and setup, over raw', ...SIDES.map((k) => (k === 'raw' ? '' : `${cells[k].importInstr < 0 ? '' : '+'}${num(cells[k].importInstr)} instr.`))]);
    }
  }
  const header = ['case (default config unless said)', ...SIDES.map((k) => SIDE_NAMES[k])];
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  if (callgrind) console.log(`peer comparison: instructions per call under callgrind (steady state: runs of N and 2N calls after N warm-up calls subtracted, N = ${CALLGRIND_CALLS}, a stream's ${Math.round(CALLGRIND_CALLS / 25)}; the stream per chunk)`);
  else {
    console.log(`peer comparison (Node ${process.version}, median of ${ROUNDS} rounds of interleaved sides; ratio: median of per-round ratios to raw)`);
    console.log(`${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  }
  console.log('(n): attribute keys the side writes on the span of one call\n');
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const b of body) console.log(line(b));
  notes.push(
    'OpenLLMetry: withTool/withWorkflow/withTask return a promise even for a sync function, so its calls are awaited;',
    '  importing @traceloop/node-server-sdk loads its 13 auto-instrumentation packages and the OTel NodeSDK (not started:',
    '  initialize({ tracingEnabled: false }) keeps the app\'s provider); withLLMCall writes content whatever TRACELOOP_TRACE_CONTENT says.',
    'Langfuse: a generation records the input and output the code passes it; masking belongs to its exporting span processor.',
    'OpenInference capture off: a tracer with hideInputs/hideOutputs (the OPENINFERENCE_HIDE_* switches); the keys stay, values "__REDACTED__".',
    'Streams: a wrapper that returns the stream without watching it ends its span before the first chunk; such a side is not timed.',
    'First calls: the OpenAI chat completion with capture on, 1 000 calls right after importing the side (JIT warm-up included).',
  );
  console.log('\n' + notes.join('\n'));
}
