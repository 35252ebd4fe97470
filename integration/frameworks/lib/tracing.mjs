/**
 * OTel set up as an app would with `register()`, but exporting to memory: the same processors
 * register() installs (session, GenAI kind) from the repo's built packages, plus an in-memory
 * exporter and an OTLP JSON dump the `llm-trace-check` command reads.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

const require = createRequire(import.meta.url);
/** The repo's packages, from their build (`npm run build` at the root first). */
export const core = require('../../../packages/core/dist/index.js');
export const node = require('../../../packages/node/dist/index.js');
export const testing = require('../../../packages/testing/dist/index.js');
export const CHECK_CLI = new URL('../../../packages/testing/dist/cli.js', import.meta.url).pathname;

/** A provider with our processors and an in-memory exporter, registered globally. */
export function setupTracing({ extraProcessors = [], kindProcessor = new node.GenAiKindSpanProcessor() } = {}) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    spanProcessors: [new core.SessionSpanProcessor(), kindProcessor, ...extraProcessors, new SimpleSpanProcessor(exporter)],
  });
  trace.disable();
  context.disable();
  const cm = new AsyncLocalStorageContextManager();
  cm.enable();
  context.setGlobalContextManager(cm);
  trace.setGlobalTracerProvider(provider);
  return {
    provider,
    exporter,
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
    },
  };
}

function otlpValue(v) {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  if (Array.isArray(v)) return { arrayValue: { values: v.map(otlpValue) } };
  return { stringValue: String(v) };
}
const nanos = (t) => (BigInt(t[0]) * 1_000_000_000n + BigInt(t[1])).toString();

/** Writes spans as one OTLP JSON ExportTraceServiceRequest, grouped by scope. */
export function writeOtlpJson(file, spans) {
  const byScope = new Map();
  for (const s of spans) {
    const name = s.instrumentationScope?.name ?? 'unknown';
    if (!byScope.has(name)) byScope.set(name, []);
    byScope.get(name).push({
      traceId: s.spanContext().traceId,
      spanId: s.spanContext().spanId,
      parentSpanId: s.parentSpanContext?.spanId,
      name: s.name,
      kind: s.kind + 1,
      startTimeUnixNano: nanos(s.startTime),
      endTimeUnixNano: nanos(s.endTime),
      attributes: Object.entries(s.attributes).filter(([, v]) => v !== undefined).map(([key, value]) => ({ key, value: otlpValue(value) })),
      status: { code: s.status.code },
      events: s.events.map((e) => ({ name: e.name })),
    });
  }
  const doc = {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'frameworks-integration' } }] },
        scopeSpans: [...byScope].map(([name, list]) => ({ scope: { name }, spans: list })),
      },
    ],
  };
  writeFileSync(file, JSON.stringify(doc));
}

/** A compact view of a trace for assertions: name, kind, parent name, session. */
export function shape(spans) {
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  return spans
    .slice()
    .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1])
    .map((s) => ({
      name: s.name,
      kind: s.attributes['gen_ai.span.kind'],
      scope: s.instrumentationScope?.name,
      parent: byId.get(s.parentSpanContext?.spanId)?.name,
      session: s.attributes['gen_ai.session.id'],
    }));
}
