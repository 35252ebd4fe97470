// What the per-call fast work may skip, and that skipping it loses nothing: the start time read
// from the SDK span, content not built with capture off, the dialect's span kind written at start.
import { context, trace, type Span, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { CONTENT_ADAPTERS, configure, withChain, withLLM, withTool } from '../../src';
import { resetConfig } from '../../src/config';
import { useTracing } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function* slowFirstChunk(): AsyncGenerator<string> {
  await sleep(30);
  yield 'a';
  yield 'b';
}

function ttftMs(attrs: Record<string, unknown>): number {
  return (attrs['gen_ai.response.time_to_first_token'] as number) / 1e6;
}

describe('time to first chunk is measured from the span start', () => {
  const h = useTracing();

  it('with SDK spans (start time read from the span itself)', async () => {
    const stream = withLLM({ model: 'm' }, slowFirstChunk);
    for await (const _ of stream()) void _;
    const s = h.span('chat m');
    const durationMs = s.duration[0] * 1e3 + s.duration[1] / 1e6;
    expect(ttftMs(s.attributes)).toBeGreaterThanOrEqual(29);
    expect(ttftMs(s.attributes)).toBeLessThanOrEqual(durationMs + 1);
  });
});

/** A span that forwards to an SDK span but is not one (as another SDK's span would be). */
function foreignProvider(inner: TracerProvider): TracerProvider {
  const wrapSpan = (span: Span): Span => {
    const forward: Record<string, unknown> = {};
    for (const key of ['spanContext', 'setAttribute', 'setAttributes', 'addEvent', 'addLink', 'addLinks', 'setStatus', 'updateName', 'end', 'isRecording', 'recordException'] as const) {
      forward[key] = (...a: unknown[]) => {
        const r = (span[key] as (...b: unknown[]) => unknown).apply(span, a);
        return r === span ? forward : r;
      };
    }
    return forward as unknown as Span;
  };
  return {
    getTracer(name, version) {
      const t = inner.getTracer(name, version);
      return {
        startSpan: (n, o, c) => wrapSpan(t.startSpan(n, o, c)),
        startActiveSpan: t.startActiveSpan.bind(t),
      } as Tracer;
    },
  };
}

describe('time to first chunk with spans that are not SDK spans', () => {
  const exporter = new InMemorySpanExporter();
  beforeEach(() => {
    resetConfig();
    exporter.reset();
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(foreignProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })));
  });
  afterEach(() => {
    trace.disable();
    context.disable();
  });

  it('falls back to its own clock reading at start', async () => {
    const stream = withLLM({ model: 'm' }, slowFirstChunk);
    for await (const _ of stream()) void _;
    const [s] = exporter.getFinishedSpans();
    expect(s.name).toBe('chat m');
    const durationMs = s.duration[0] * 1e3 + s.duration[1] / 1e6;
    expect(ttftMs(s.attributes)).toBeGreaterThanOrEqual(29);
    expect(ttftMs(s.attributes)).toBeLessThanOrEqual(durationMs + 1);
  });
});

describe('capture off: content is not built, structure is still written', () => {
  const h = useTracing();

  it('the TOOL adapter builds no argument content when capture is off', () => {
    expect(CONTENT_ADAPTERS.TOOL.input?.([1, 2], false)).toBeUndefined();
    expect(CONTENT_ADAPTERS.TOOL.input?.([1, 2], true)).toEqual({ arguments: [1, 2] });
    expect(CONTENT_ADAPTERS.TOOL.input?.([1, 2])).toEqual({ arguments: [1, 2] });
  });

  it('a tool call passed as the argument keeps its id and name with capture off', () => {
    configure({ captureContent: false });
    const run = withTool(function run(call: unknown) {
      return call !== undefined;
    });
    run({ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } });
    const s = h.span('execute_tool run');
    expect(s.attributes['gen_ai.tool.call.id']).toBe('call_1');
    expect(s.attributes['gen_ai.tool.call.arguments']).toBeUndefined();
  });

  it('OpenInference span kind is on spans with no other write (anonymous CHAIN and TOOL, capture off)', () => {
    configure({ captureContent: false, dialects: ['llm-trace', 'openinference'] });
    withChain((x: number) => x + 1)(1);
    withTool((x: number) => x * 2)(2);
    const kinds = h.spans().map((s) => [s.attributes['gen_ai.span.kind'], s.attributes['openinference.span.kind']]);
    expect(kinds).toEqual([
      ['CHAIN', 'CHAIN'],
      ['TOOL', 'TOOL'],
    ]);
  });
});
