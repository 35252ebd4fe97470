// One row of the "what a default user pays" table, in a fresh process: `node --expose-gc
// case-row.mjs CASE default|rules-off|off` checks that both sides end the same spans, times them
// in interleaved rounds and prints `RESULT {ours, raw, rounds}` (with the case's information
// sides, `contract` and `recognise`, where it has them). A fresh process per row, because
// one process running every case in every configuration measured each row with the JIT feedback
// and heap the earlier rows left behind: the same capture-off TOOL call took 1.38 µs alone and
// 2.13 µs after the capture-on rows, and the hand-written side 1.34 and 1.83 µs. An app sets its
// configuration once.
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { CASES } from './cases.mjs';
import { compare, noopProcessor, sameSpans } from './timing.mjs';

const { configure } = await import(process.env.LLM_TRACE_CORE_DIST || '@llm-trace/core');

/** The configuration of each variant of a case row. */
export const VARIANTS = {
  default: {},
  'rules-off': { redaction: { defaults: false } },
  off: { captureContent: false },
};

const [caseId, variant] = process.argv.slice(2);
const c = CASES.find((x) => x.id === caseId);
if (!c || !(variant in VARIANTS)) throw new Error(`usage: case-row.mjs CASE ${Object.keys(VARIANTS).join('|')}`);
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [noopProcessor] }));
configure(VARIANTS[variant]);
const sides = c.build(trace.getTracer('bench'), variant !== 'off');
await sameSpans(`${c.name} (${variant})`, sides.ours, sides.raw);
if (c.sides?.includes('contract')) await sameSpans(`${c.name} (${variant}), by hand as the contract asks`, sides.ours, sides.contract);
// The case's information sides (cases.mjs) are timed in the same interleaved rounds.
const timed = { ours: sides.ours, raw: sides.raw };
for (const side of c.sides ?? []) timed[side] = sides[side];
const r = await compare(timed, c.n, c.isAsync, c.divisor);
process.stdout.write(`RESULT ${JSON.stringify(r)}\n`);
