/**
 * In-memory tracing for tests: a real SDK provider, the async-local-storage context manager,
 * and helpers to look at what was recorded.
 */
import { context, trace } from '@opentelemetry/api';
import type { Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { ATTR_GEN_AI_SPAN_KIND, isLlmSpanKind } from '@llm-trace/semconv';
import type { LlmSpanKind } from '@llm-trace/semconv';
import { buildTraceTree, formatTraceTree } from './trace-tree';
import type { TraceTreeNode } from './trace-tree';

/**
 * What `createTestTracing()` returns.
 *
 * @example
 * import { createTestTracing } from '@llm-trace/testing';
 * import type { TestTracing } from '@llm-trace/testing';
 * const tracing: TestTracing = createTestTracing();
 * tracing.tracer().startSpan('work').end();
 * const [span] = tracing.getSpansByName('work');
 * await tracing.shutdown();
 */
export interface TestTracing {
  readonly provider: BasicTracerProvider;
  readonly exporter: InMemorySpanExporter;
  /** A tracer from this provider (the global API returns the same provider's tracers). */
  tracer(name?: string): Tracer;
  /** Every finished span, in end order. */
  getSpans(): ReadableSpan[];
  /** Finished spans whose `gen_ai.span.kind` is `kind`. */
  getSpansByKind(kind: LlmSpanKind): ReadableSpan[];
  /** Finished spans named `name`. */
  getSpansByName(name: string): ReadableSpan[];
  /** The one finished span named `name`; throws, listing what was recorded, when there is not exactly one. */
  getSpan(name: string): ReadableSpan;
  /** The finished spans as a forest (one root per trace, unless parents are still open). */
  getTraceTree(): TraceTreeNode[];
  /** The forest as indented text, e.g. `invoke_agent planner [AGENT]\n└─ chat gpt-4o [LLM]`. */
  formatTraceTree(): string;
  /** Forgets the recorded spans (call between tests). */
  reset(): void;
  /** Shuts the provider down and unregisters the global provider and context manager. */
  shutdown(): Promise<void>;
}

/**
 * Sets up in-memory tracing for a test and registers it globally (provider and context
 * manager), so code that calls `trace.getTracer(...)` records into it. Any global provider or
 * context manager registered before is replaced.
 *
 * @example
 * import { createTestTracing } from '@llm-trace/testing';
 * const tracing = createTestTracing();
 * // ... run instrumented code ...
 * const llmSpans = tracing.getSpansByKind('LLM');
 * tracing.reset();
 * await tracing.shutdown();
 */
export function createTestTracing(): TestTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager();
  // The API refuses a second registration; a test suite that forgot shutdown() must not leave
  // every later test recording into a dead provider.
  trace.disable();
  context.disable();
  contextManager.enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(provider);

  const getSpans = () => exporter.getFinishedSpans();
  const getSpansByName = (name: string) => getSpans().filter((s) => s.name === name);
  return {
    provider,
    exporter,
    tracer: (name = '@llm-trace/testing') => provider.getTracer(name),
    getSpans,
    getSpansByKind: (kind) => {
      if (!isLlmSpanKind(kind)) throw new TypeError(`getSpansByKind: kind must be one of the LLM span kinds, got ${JSON.stringify(kind)}`);
      return getSpans().filter((s) => s.attributes[ATTR_GEN_AI_SPAN_KIND] === kind);
    },
    getSpansByName,
    getSpan: (name) => {
      const found = getSpansByName(name);
      if (found.length !== 1) {
        const names = getSpans().map((s) => JSON.stringify(s.name)).join(', ') || 'none';
        throw new Error(`getSpan: expected exactly one span named ${JSON.stringify(name)}, found ${found.length}; recorded: ${names}`);
      }
      return found[0]!;
    },
    getTraceTree: () => buildTraceTree(getSpans()),
    formatTraceTree: () => formatTraceTree(buildTraceTree(getSpans())),
    reset: () => exporter.reset(),
    shutdown: async () => {
      try {
        await provider.shutdown();
      } finally {
        trace.disable();
        context.disable();
      }
    },
  };
}
