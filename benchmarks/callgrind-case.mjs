// One side of one case, run N times after a fixed warm-up: `node callgrind-case.mjs CASE ours|raw
// default|rules-off|off N`. Run by callgrind.mjs under valgrind; prints nothing.
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { CASES } from './cases.mjs';

const { configure } = await import(process.env.LLM_TRACE_CORE_DIST || '@llm-trace/core');

const [caseId, side, capture, count] = process.argv.slice(2);
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [{ onStart() {}, onEnd() {}, forceFlush: async () => {}, shutdown: async () => {} }] }));
configure({ captureContent: capture !== 'off', ...(capture === 'rules-off' ? { redaction: { defaults: false } } : {}) });
const c = CASES.find((x) => x.id === caseId);
const fn = c.build(trace.getTracer('bench'), capture !== 'off')[side];
const warm = c.divisor > 1 ? 200 : 5000;
const n = Number(count);
if (c.isAsync) {
  for (let i = 0; i < warm; i++) await fn();
  for (let i = 0; i < n; i++) await fn();
} else {
  for (let i = 0; i < warm; i++) fn();
  for (let i = 0; i < n; i++) fn();
}
