/**
 * Benchmark rows about the engine as a whole, each measured in fresh processes (alternating, so
 * neither side inherits the other's heap or JIT state) against the BUILT core:
 * - the promise tax: an app's own unrelated `await`s while a traced async call is pending,
 *   against the same process with no tracing at all (any process-wide promise hook would show);
 * - the stack depth: how deep sync recursion through a wrapped function goes before the stack
 *   is full, against the same recursion unwrapped.
 * Alone: `npm run build -w @llm-trace/core && node benchmarks/engine-rows.mjs`.
 *
 * `node benchmarks/engine-rows.mjs --callgrind [CASE...]` (or `npm run bench -- --callgrind
 * engine`) counts instructions instead, for the engine's own rows (see `ENGINE_CASES`), with the
 * N/2N method of callgrind.mjs: they hold still on a machine other work is loading.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { medianOfPairs } from './callgrind.mjs';

const SELF = fileURLToPath(import.meta.url);
const ROUNDS = 7;
const AWAITS = 1_000_000;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function child(mode, ...args) {
  const r = spawnSync(process.execPath, [SELF, mode, ...args], { encoding: 'utf8' });
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

// ---- instruction counts ------------------------------------------------------------------

const WORK = (x) => x * 2 + 1;
const CHUNKS = 100;

/**
 * The engine's rows as callgrind cases: `build({ core, tracer, SpanKind, SpanStatusCode })`
 * gives `{ ours, raw }`, each one call (async ones return a promise); `divisor` turns a call
 * into the row's unit (a chunk, an await); `delta` rows show the difference, not the ratio.
 */
export const ENGINE_CASES = [
  {
    id: 'engine-sync',
    name: 'sync function (TOOL)',
    target: '≤ 1.15×',
    build: ({ core, tracer, options }) => ({
      ours: core.withTool(function lookup(x) {
        return WORK(x);
      }),
      raw: (x) =>
        tracer.startActiveSpan('execute_tool lookup', options.TOOL, (span) => {
          try {
            return WORK(x);
          } finally {
            span.end();
          }
        }),
    }),
  },
  {
    id: 'engine-async',
    name: 'async function (CHAIN)',
    target: '≤ 1.15×',
    isAsync: true,
    build: ({ core, tracer, options }) => ({
      ours: core.withChain(async function pipeline(x) {
        return WORK(x);
      }),
      raw: (x) =>
        tracer.startActiveSpan('chain pipeline', options.CHAIN, async (span) => {
          try {
            return WORK(x);
          } finally {
            span.end();
          }
        }),
    }),
  },
  {
    id: 'engine-iterable',
    name: 'async iterable, per chunk (LLM)',
    target: '≤ 1.15×',
    isAsync: true,
    divisor: CHUNKS,
    build: ({ core, tracer, options }) => {
      async function* source() {
        for (let i = 0; i < CHUNKS; i++) yield i;
      }
      const consume = async (it) => {
        let s = 0;
        for await (const x of it) s += x;
        return s;
      };
      const wrapped = core.withLLM({ model: 'm' }, source);
      // As run.mjs's "stream returned" baseline: `next` patched to watch each step's promise.
      const rawStream = () =>
        tracer.startActiveSpan('chat m', options.LLM, (span) => {
          span.setAttribute('gen_ai.request.stream', true);
          const t0 = performance.now();
          const it = source();
          const next = it.next;
          let first = true;
          const onStep = (r) => {
            if (r.done) span.end();
            else if (first) {
              first = false;
              const ms = performance.now() - t0;
              span.setAttributes({ 'gen_ai.response.time_to_first_token': Math.round(ms * 1e6), 'gen_ai.response.time_to_first_chunk': ms / 1e3 });
            }
          };
          it.next = function (...a) {
            const p = next.apply(this, a);
            p.then(onStep, () => span.end());
            return p;
          };
          return it;
        });
      return { ours: () => consume(wrapped()), raw: () => consume(rawStream()) };
    },
  },
  {
    id: 'engine-off',
    name: 'tracing off: wrapped call',
    target: '(instructions more)',
    delta: true,
    tracingOff: true,
    build: ({ core }) => ({
      ours: core.withTool(function lookup(x) {
        return WORK(x);
      }),
      raw: WORK,
    }),
  },
];

/** Runs one side of an engine case `n` times after a warm-up (a child under valgrind). */
async function callgrindChild(caseId, side, n) {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const { context, trace, SpanKind } = require('@opentelemetry/api');
  const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
  const { BasicTracerProvider } = require('@opentelemetry/sdk-trace-base');
  // LLM_TRACE_CORE_DIST: another build to measure (an older one, for a before/after figure).
  const core = require(process.env.LLM_TRACE_CORE_DIST || '@llm-trace/core');
  const c = ENGINE_CASES.find((x) => x.id === caseId);
  if (!c.tracingOff) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [{ onStart() {}, onEnd() {}, forceFlush: async () => {}, shutdown: async () => {} }] }));
  }
  core.configure({ captureContent: false });
  const attrs = (kind, op) => ({ 'gen_ai.span.kind': kind, 'gen_ai.operation.name': op });
  const options = {
    TOOL: { kind: SpanKind.INTERNAL, attributes: { ...attrs('TOOL', 'execute_tool'), 'gen_ai.tool.name': 'lookup' } },
    CHAIN: { kind: SpanKind.INTERNAL, attributes: attrs('CHAIN', 'workflow') },
    LLM: { kind: SpanKind.CLIENT, attributes: { ...attrs('LLM', 'chat'), 'gen_ai.request.model': 'm' } },
  };
  const fn = c.build({ core, tracer: trace.getTracer('bench'), options })[side];
  const warm = c.divisor ? 100 : 2000;
  if (c.isAsync) for (let i = 0; i < warm + n; i++) await fn(i);
  else for (let i = 0; i < warm + n; i++) fn(i);
  return 0;
}

function instructions(args) {
  // --single-threaded: stable counts (see instructions() in callgrind.mjs).
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', SELF, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = /Collected\s*:\s*(\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`callgrind ${args.join(' ')} failed (status ${r.status}):\n${r.stderr.slice(-2000)}`);
  return Number(m[1]);
}

/**
 * Steady-state instructions per unit of one side: runs of N and 2N calls subtracted, the median
 * of callgrind.mjs's pairs (N as large as there: one collection more in one run of a pair moved
 * a stream's figure by a fifth at 100 streams).
 */
function perUnit(c, side) {
  const n = c.divisor ? 300 : 20000;
  return medianOfPairs(() => (instructions(['cg', c.id, side, String(2 * n)]) - instructions(['cg', c.id, side, String(n)])) / n / (c.divisor ?? 1));
}

/** Prints the engine rows in instructions (all of them when `ids` names none of them). */
export function engineCallgrind(ids = []) {
  const cases = ENGINE_CASES.filter((c) => ids.length === 0 || ids.includes(c.id) || ids.includes('engine'));
  if (cases.length === 0) return;
  console.log('\nengine rows, instructions per call (per chunk for the stream), capture off\n');
  console.log('| case | llm-trace | by hand | ratio / difference | target |');
  console.log('|---|---|---|---|---|');
  for (const c of cases) {
    const ours = perUnit(c, 'ours');
    const raw = perUnit(c, 'raw');
    const d = ours - raw;
    const cmp = c.delta ? `${d < 0 ? '−' : '+'}${Math.abs(d).toFixed(0)}` : `${(ours / raw).toFixed(2)}×`;
    console.log(`| ${c.name} | ${ours.toFixed(0)} | ${raw.toFixed(0)} | ${cmp} | ${c.target} |`);
  }
}

const isMain = process.argv[1] === SELF;
if (isMain && process.argv[2] === 'cg') {
  await callgrindChild(process.argv[3], process.argv[4], Number(process.argv[5]));
} else if (isMain && process.argv[2] === '--callgrind') {
  engineCallgrind(process.argv.slice(3));
} else if (isMain && process.argv[2]) {
  const result = await inChild(process.argv[2]);
  console.log(`RESULT ${result}`);
} else if (isMain) {
  for (const r of engineRows()) console.log(`${r.name}: ${r.ours.toFixed(1)}${r.baseline === undefined ? '' : ` vs ${r.baseline.toFixed(1)} (${r.baselineName}) → ${r.cmp.toFixed(3)}× target ${r.target}`}`);
}
