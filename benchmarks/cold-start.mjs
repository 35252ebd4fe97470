// The first calls after start, in a fresh process: `node cold-start.mjs ours|raw N [CASE]` sets up
// tracing, imports the case, runs N calls of it (default: the OpenAI chat completion, default
// configuration) and prints `COLD <ns>` for the import and those N calls, JIT warm-up included
// (the callgrind row subtracts a run of 0 calls, so there the import cancels out).
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';

const [side = 'ours', count = '1000', caseId = 'llm-openai'] = process.argv.slice(2);
// The hand-written side runs without llm-trace imported (cases.mjs says how): our import is ours.
if (side === 'raw') process.env.BENCH_WITHOUT_CORE = '1';
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [{ onStart() {}, onEnd() {}, forceFlush: async () => {}, shutdown: async () => {} }] }));
const t0 = process.hrtime.bigint();
const { CASES } = await import('./cases.mjs');
const c = CASES.find((x) => x.id === caseId);
const fn = c.build(trace.getTracer('bench'), true)[side];
const n = Number(count);
if (c.isAsync) for (let i = 0; i < n; i++) await fn();
else for (let i = 0; i < n; i++) fn();
process.stdout.write(`COLD ${Number(process.hrtime.bigint() - t0)}\n`);
