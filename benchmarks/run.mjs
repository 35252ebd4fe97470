// Overhead of @llm-trace/core against the same work written by hand with the raw OTel API.
// Runs against the BUILT packages (dist). One process, one run: warm-up, then several rounds
// per case with ours and raw interleaved; the table shows the median ns per call and the median
// of the per-round ratios.
//   npm run bench                          this table
//   npm run bench -- --callgrind [CASE…]   instructions per call instead (callgrind.mjs)
//   npm run bench -- --peers [ROW…]        beside OpenInference, Langfuse and OpenLLMetry
//   npm run bench -- --peers --callgrind   the same in instructions (peers/run.mjs)
import { context, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { configure, llmSpan, resetConfig, withChain, withLLM, withTool } from '@llm-trace/core';
import { CASES } from './cases.mjs';
import { ROUNDS, compare, median, noopProcessor, paired, sameSpans } from './timing.mjs';
import { watchSteps } from './step-watch.mjs';

// `npm run bench -- --peers [ROW...]`: the same rows beside OpenInference, Langfuse and
// OpenLLMetry (benchmarks/peers, installed there on first use); with --callgrind, in instructions.
if (process.argv.includes('--peers')) {
  const { ensurePeers } = await import('./peers/ensure.mjs');
  if (!ensurePeers()) process.exit(1);
  const { runPeers } = await import('./peers/run.mjs');
  await runPeers({ callgrind: process.argv.includes('--callgrind'), ids: process.argv.slice(2).filter((a) => !a.startsWith('--')) });
  process.exit(0);
}

// `npm run bench -- --callgrind [CASE...]`: instruction counts instead of timings.
if (process.argv.includes('--callgrind')) {
  const { runCallgrind } = await import('./callgrind.mjs');
  await runCallgrind(process.argv.slice(2).filter((a) => !a.startsWith('--')));
  process.exit(0);
}

// Imported after the modes above: engine-rows.mjs runs as its own child when given an argument.
const { engineRows } = await import('./engine-rows.mjs');

function enableTracing() {
  trace.disable();
  context.disable();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [noopProcessor] }));
}

const rows = [];
/** A table row; `cmp` is the paired ratio or difference (see `paired`) when the samples exist. */
const row = (name, ours, baseline, baselineName, target, delta = target.startsWith('≤ +'), cmp) =>
  rows.push({ name, ours, baseline, baselineName, target, delta, cmp });
/** A row comparing variant `a` with variant `b` of one `compare` result. */
const rowOf = (name, r, a, b, baselineName, target, delta = target.startsWith('≤ +')) =>
  row(name, r[a], r[b], baselineName, target, delta, paired(r, a, b, delta));

// --- tracing on, content capture off: both sides write the same attributes --------------------
enableTracing();
configure({ captureContent: false });
const tracer = trace.getTracer('bench');
const attrs = (kind, op) => ({ 'gen_ai.span.kind': kind, 'gen_ai.operation.name': op });
// The raw side's span options are constants built once, as a careful hand-written instrumentation
// would hoist them (ours computes its equivalent once per wrapped function, too).
const TOOL_OPTIONS = { kind: SpanKind.INTERNAL, attributes: { ...attrs('TOOL', 'execute_tool'), 'gen_ai.tool.name': 'lookup' } };
const CHAIN_OPTIONS = { kind: SpanKind.INTERNAL, attributes: attrs('CHAIN', 'workflow') };
const LLM_OPTIONS = { kind: SpanKind.CLIENT, attributes: { ...attrs('LLM', 'chat'), 'gen_ai.request.model': 'm' } };

function work(x) {
  return x * 2 + 1;
}

{
  const ours = withTool(function lookup(x) {
    return work(x);
  });
  const raw = (x) =>
    tracer.startActiveSpan('execute_tool lookup', TOOL_OPTIONS, (span) => {
      try {
        return work(x);
      } finally {
        span.end();
      }
    });
  await sameSpans('sync function (TOOL)', ours, raw);
  const r = await compare({ ours, raw }, 20000, false);
  rowOf('sync function (TOOL)', r, 'ours', 'raw', 'raw OTel', '≤ 1.15×');
}

{
  const ours = withChain(async function pipeline(x) {
    return work(x);
  });
  const raw = (x) =>
    tracer.startActiveSpan('chain pipeline', CHAIN_OPTIONS, async (span) => {
      try {
        return work(x);
      } finally {
        span.end();
      }
    });
  await sameSpans('async function (CHAIN)', ours, raw);
  const r = await compare({ ours, raw }, 20000, true);
  rowOf('async function (CHAIN)', r, 'ours', 'raw', 'raw OTel', '≤ 1.15×');
}

{
  class Svc {
    ask(x) {
      return work(x);
    }
  }
  // What TypeScript's legacy `@llmSpan({ kind: 'LLM', model: 'm' })` compiles to.
  const d = Object.getOwnPropertyDescriptor(Svc.prototype, 'ask');
  Object.defineProperty(Svc.prototype, 'ask', llmSpan({ kind: 'LLM', model: 'm' })(Svc.prototype, 'ask', d) ?? d);
  const svc = new Svc();
  const rawSvc = {
    ask(x) {
      return tracer.startActiveSpan('chat m', LLM_OPTIONS, (span) => {
        try {
          return work(x);
        } finally {
          span.end();
        }
      });
    },
  };
  await sameSpans('decorated method (LLM)', (x) => svc.ask(x), (x) => rawSvc.ask(x));
  const r = await compare({ ours: (x) => svc.ask(x), raw: (x) => rawSvc.ask(x) }, 20000, false);
  rowOf('decorated method (LLM)', r, 'ours', 'raw', 'raw OTel', '≤ 1.15×');
}

{
  const CHUNKS = 100;
  async function* source() {
    for (let i = 0; i < CHUNKS; i++) yield i;
  }
  const ours = withLLM({ model: 'm' }, source);
  const consume = async (it) => {
    let s = 0;
    for await (const x of it) s += x;
    return s;
  };
  const ttft = (span, t0) => {
    // Time to first token (ns) and to first chunk (s): both keys on an LLM span, as ours writes them.
    const ms = performance.now() - t0;
    span.setAttributes({ 'gen_ai.response.time_to_first_token': Math.round(ms * 1e6), 'gen_ai.response.time_to_first_chunk': ms / 1e3 });
  };
  // The same work by hand: a function that returns the stream to its caller, which reads it
  // elsewhere, with the span open until the stream ends, each step watched in one of the modes of
  // step-watch.mjs. 'in span' is shown for information, as what one `context.with` per chunk
  // costs by hand; 'as the contract asks' is what the behaviour contract asks of ours.
  const handWrittenStream = (mode) => () =>
    tracer.startActiveSpan('chat m', LLM_OPTIONS, (span) => {
      span.setAttribute('gen_ai.request.stream', true);
      const t0 = performance.now();
      const it = source();
      const ret = it.return;
      let first = true;
      const onStep = (r) => {
        if (r.done) span.end();
        else if (first) {
          first = false;
          ttft(span, t0);
        }
      };
      const onError = (err) => {
        span.recordException(err);
        span.setStatus({ code: SpanStatusCode.ERROR, message: String(err?.message) });
        span.end();
      };
      const inSpan = mode !== 'returned';
      const spanContext = context.active();
      watchSteps(it, mode, onStep, onError);
      it.return = function (...a) {
        span.end();
        return inSpan ? context.with(spanContext, () => ret.apply(this, a)) : ret.apply(this, a);
      };
      return it;
    });
  const rawStream = handWrittenStream('returned');
  const rawStreamInSpan = handWrittenStream('in span');
  const rawStreamAsContract = handWrittenStream('as the contract asks');
  // The usual hand-written wrapper elsewhere: a new async generator around the stream.
  const rawGenerator = () =>
    tracer.startActiveSpan('chat m', LLM_OPTIONS, (span) => {
      span.setAttribute('gen_ai.request.stream', true);
      const t0 = performance.now();
      const it = source();
      return (async function* () {
        let first = true;
        try {
          for await (const x of it) {
            if (first) {
              first = false;
              ttft(span, t0);
            }
            yield x;
          }
        } catch (err) {
          span.recordException(err);
          throw err;
        } finally {
          span.end();
        }
      })();
    });
  // A lower bound no wrapper can reach: the stream read inside the span's own function, so no
  // step needs watching (possible only when the traced code also consumes the stream).
  const rawInline = () =>
    tracer.startActiveSpan('chat m', LLM_OPTIONS, async (span) => {
      let first = true;
      const t0 = performance.now();
      span.setAttribute('gen_ai.request.stream', true);
      try {
        let s = 0;
        for await (const x of source()) {
          if (first) {
            first = false;
            ttft(span, t0);
          }
          s += x;
        }
        return s;
      } finally {
        span.end();
      }
    });
  await sameSpans('async iterable (LLM)', () => consume(ours()), () => consume(rawStream()));
  await sameSpans('async iterable (LLM), resumes in the span', () => consume(ours()), () => consume(rawStreamInSpan()));
  await sameSpans('async iterable (LLM), as the contract asks', () => consume(ours()), () => consume(rawStreamAsContract()));
  await sameSpans('async iterable (LLM), generator', () => consume(ours()), () => consume(rawGenerator()));
  await sameSpans('async iterable (LLM), inline', () => consume(ours()), rawInline);
  const r = await compare(
    { ours: () => consume(ours()), raw: () => consume(rawStream()), inSpan: () => consume(rawStreamInSpan()), contract: () => consume(rawStreamAsContract()), gen: () => consume(rawGenerator()), inline: rawInline, plain: () => consume(source()) },
    2000,
    true,
    CHUNKS,
  );
  rowOf('async iterable, per chunk (LLM)', r, 'ours', 'raw', 'raw OTel, stream returned', '≤ 1.15×');
  rowOf('  vs the same, resumes in the span', r, 'ours', 'inSpan', 'raw OTel, context.with per resume', '(info)');
  rowOf('  same, and each step derived', r, 'ours', 'contract', 'raw OTel, as the contract asks', '(info)');
  rowOf('  vs a hand-written generator', r, 'ours', 'gen', 'raw OTel, new generator', '(info)');
  rowOf('  vs reading inside the span', r, 'ours', 'inline', 'raw OTel, read in place', '(info)');
  row('  (same stream, untraced)', r.plain, undefined, '', '');
  // The pair again without a forced collection before each sample (see the footnote).
  const f = await compare({ ours: () => consume(ours()), raw: () => consume(rawStream()) }, 2000, true, CHUNKS, false);
  rowOf('  same, no forced collection', f, 'ours', 'raw', 'raw OTel, stream returned', '(info)');
  // What this Node charges for entering a context, which ours pays once per resume: on Node 24
  // and later `AsyncLocalStorage.run()` copies the context frame on entry and on exit.
  const ctx = trace.setSpan(context.active(), trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '1'.repeat(16), traceFlags: 1 }));
  const step = (x) => x + 1;
  const w = await compare({ with: () => context.with(ctx, step, undefined, 1), plain: () => step(1) }, 2_000_000, false);
  rowOf('  (one context.with on this Node)', w, 'with', 'plain', 'plain call', '(info)', true);
}

// --- tracing on, content capture on -------------------------------------------------------------
configure({ captureContent: true });
{
  const ours = withChain(function pipeline(x) {
    return { answer: work(x.n) };
  });
  const raw = (x) =>
    tracer.startActiveSpan('chain pipeline', CHAIN_OPTIONS, (span) => {
      try {
        span.setAttribute('input.value', JSON.stringify(x));
        span.setAttribute('input.mime_type', 'application/json');
        const out = { answer: work(x.n) };
        span.setAttribute('output.value', JSON.stringify(out));
        span.setAttribute('output.mime_type', 'application/json');
        return out;
      } finally {
        span.end();
      }
    });
  const input = { n: 3, question: 'What is OpenTelemetry?' };
  await sameSpans('sync, content captured (CHAIN)', () => ours(input), () => raw(input));
  const r = await compare({ ours: () => ours(input), raw: () => raw(input) }, 20000, false);
  rowOf('sync, content captured (CHAIN)', r, 'ours', 'raw', 'raw OTel + JSON.stringify', '(info)');
}

{
  const kb = (bytes) => {
    const msg = { role: 'user', content: 'x'.repeat(1000) };
    return { messages: Array.from({ length: Math.ceil(bytes / 1030) }, () => msg) };
  };
  const small = kb(64 * 1024);
  const big = kb(10 * 1024 * 1024);
  const bigString = 'y'.repeat(10 * 1024 * 1024);
  const smallString = 'y'.repeat(64 * 1024);
  const f = withChain(function ingest(x) {
    return x === undefined;
  });
  const r = await compare({ big: () => f(big), small: () => f(small), bigS: () => f(bigString), smallS: () => f(smallString) }, 300, false);
  rowOf('capture 10 MB object input', r, 'big', 'small', '64 KB object input', '≤ 2×');
  rowOf('capture 10 MB string input', r, 'bigS', 'smallS', '64 KB string input', '≤ 2×');
}

// --- what a default user pays: content captured, default redaction; capture off beside it -------
// Each case of cases.mjs in the default configuration (the headline), with the default redaction
// rules switched off (how much of the cost is the rules), and with capture off; each row in a
// fresh process (case-row.mjs says why).
{
  const { spawnSync } = await import('node:child_process');
  const caseRow = (id, variant) => {
    const r = spawnSync(process.execPath, ['--expose-gc', 'case-row.mjs', id, variant], { cwd: new URL('.', import.meta.url), encoding: 'utf8' });
    const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`case-row ${id} ${variant} failed (exit ${r.status}):\n${r.stderr}`);
    return JSON.parse(line.slice('RESULT '.length));
  };
  for (const c of CASES) {
    const variants = [
      ['', 'default', c.target],
      ['  default rules off', 'rules-off', '(info)'],
      ['  capture off', 'off', c.offTarget],
    ];
    for (const [suffix, variant, target] of variants) {
      const r = caseRow(c.id, variant);
      rowOf(suffix ? suffix : `${c.name} (default)`, r, 'ours', 'raw', 'raw OTel + JSON.stringify', target);
      if (r.contract !== undefined) rowOf('    same, by hand as the contract asks', r, 'ours', 'contract', 'raw OTel, as the contract asks', '(info)');
      if (r.recognise !== undefined) rowOf('    of it, recognising and mapping alone', r, 'recognise', 'raw', 'raw OTel + JSON.stringify', '(info)');
    }
  }
}

// --- the first calls after start: the case's import and 1 000 LLM calls, in fresh processes ------
{
  const { spawnSync } = await import('node:child_process');
  const cold = (side) => {
    const out = spawnSync(process.execPath, ['cold-start.mjs', side, '1000'], { cwd: new URL('.', import.meta.url), encoding: 'utf8' }).stdout;
    const m = /COLD (\d+)/.exec(out);
    if (!m) throw new Error(`cold-start ${side} failed: ${out}`);
    return Number(m[1]) / 1000;
  };
  const runs = { ours: [], raw: [] };
  for (let i = 0; i < 5; i++) for (const side of i % 2 ? ['raw', 'ours'] : ['ours', 'raw']) runs[side].push(cold(side));
  row('import and first 1 000 LLM calls', median(runs.ours), median(runs.raw), 'raw OTel, same process start', '(info)', false, paired({ rounds: runs }, 'ours', 'raw'));
}

// --- rows from other modules: each producer gets the helpers and adds its rows -------------------
// A producer is `async ({ compare, rowOf, row, sameSpans, tracer, enableTracing }) => void`,
// pushed onto ROW_PRODUCERS by an import line below.
const ROW_PRODUCERS = [];
for (const produce of ROW_PRODUCERS) {
  enableTracing();
  resetConfig();
  await produce({ compare, rowOf, row, sameSpans, tracer: trace.getTracer('bench'), enableTracing, paired, median });
}

// --- no provider registered ----------------------------------------------------------------------
trace.disable();
context.disable();
{
  const wrapped = withTool(function lookup(x) {
    return work(x);
  });
  const r = await compare({ wrapped, plain: work }, 2_000_000, false);
  rowOf('tracing off: wrapped call', r, 'wrapped', 'plain', 'plain call', '≤ +50 ns');
}

// --- process-wide: the app's own awaits while a traced call is pending; stack depth ------------
for (const r of engineRows()) row(r.name, r.ours, r.baseline, r.baselineName, r.target, false, r.cmp);

// --- table -------------------------------------------------------------------------------------
const fmt = (n) => (n === undefined ? '' : n >= 1000 ? n.toFixed(0) : n.toFixed(1));
/** PASS/MISS against a target of the form `≤ 1.15×` (ratio) or `≤ +50 ns` (delta); '' for info rows. */
const cmpOf = (r) => r.cmp ?? (r.delta ? r.ours - r.baseline : r.ours / r.baseline);
function verdict(r) {
  if (r.baseline === undefined) return '';
  const delta = /^≤ \+([\d.]+) ns$/.exec(r.target);
  if (delta) return cmpOf(r) <= Number(delta[1]) ? 'PASS' : 'MISS';
  const ratio = /^≤ ([\d.]+)×$/.exec(r.target);
  if (ratio) return cmpOf(r) <= Number(ratio[1]) ? 'PASS' : 'MISS';
  return '';
}
const { loadavg, cpus } = await import('node:os');
console.log(`llm-trace overhead (Node ${process.version}, median of ${ROUNDS} rounds, ns per call;`);
console.log('ratio / delta: median of the per-round ratios or differences, each round running both sides)');
console.log(`${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${globalThis.gc ? 'heap collected, then the variant run untimed, before each sample' : 'run with --expose-gc to collect the heap before each sample'}\n`);
const header = ['case', 'llm-trace', 'baseline', 'baseline is', 'ratio / delta', 'target', 'result'];
const body = rows.map((r) => {
  const c = r.baseline === undefined ? 0 : cmpOf(r);
  const cmp = r.baseline === undefined ? '' : r.delta ? `${c < 0 ? '−' : '+'}${Math.abs(c).toFixed(1)} ns` : `${c.toFixed(2)}×`;
  return [r.name, fmt(r.ours), fmt(r.baseline), r.baselineName, cmp, r.target, verdict(r)];
});
const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
const line = (cells) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
console.log(line(header));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const b of body) console.log(line(b));
console.log(`
Streams: the baseline is a hand-written function returning the same stream object with its span open
until the stream ends (each step's promise watched, as ours does). Reading the stream inside the
span's own function is a lower bound no wrapper that returns the stream can reach: watching a step
costs a promise reaction, the largest part of the gap. Ours also runs each resume of the generator
in the span's context, which the baseline does not: with AsyncLocalStorage that is a
\`context.with\` per chunk, shown by hand in the "resumes in the span" row. Ours also hands each
step's promise back derived rather than watching it from the side, so a rejected step nobody handles
is still reported by the runtime; the "each step derived" row does both by hand, as the behaviour
contract asks of any wrapper; the chat chunk stream has the same row ("same, by hand as the contract
asks"). The async CHAIN's row of that name is a hand-written wrapper: the app's async function called
in the span, its promise handed back derived, the span ended when it settles.

A model call's "recognising and mapping alone" row is ours without a span: finding which of the
request and response shapes it knows the call has, reading their fields and writing them as
redacted, capped attributes. Its ratio is the share of the whole hand-written call (which knows its
shape and writes constants) that this part alone costs.

Each sample starts with a forced full collection, after which V8 throws away optimized code that
depended on maps the collection freed (--trace-deopt: "weak objects") on both sides; our stream path
has more functions to re-optimize (~37 against ~10 a collection), so the pair is also shown without
the forced collection. The await and depth rows run in fresh processes, alternating
(benchmarks/engine-rows.mjs), and so does each row of the captured cases (benchmarks/case-row.mjs).`);
// An indented row ("  capture off") is named with the row it belongs to.
const missed = [];
let parent = '';
for (const b of body) {
  if (!b[0].startsWith(' ')) parent = b[0];
  if (b[6] === 'MISS') missed.push(b[0].startsWith(' ') ? `${parent.replace(/ \(default\)$/, '')}, ${b[0].trim()}` : b[0]);
}
console.log(missed.length === 0 ? '\nAll targets met.' : `\n${missed.length} target(s) missed: ${missed.join('; ')}.`);

console.log('\nBundle sizes (esbuild, minified, browser platform, from dist):');
for (const line of await (await import('./bundle-size.mjs')).bundleSizeLines()) console.log(`  ${line}`);

// Redaction throughput over ordinary and hostile text (its own table).
(await import('./redaction.mjs')).runRedactionBench();

console.log('\nRetained heap after full collections (fresh processes; bounded by maxAttributeLength):');
for (const line of (await import('./retained-heap.mjs')).retainedHeapLines()) console.log(`  ${line}`);
