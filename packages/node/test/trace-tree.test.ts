import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ConsoleTreeExporter, consoleTreeSpanProcessor, formatDuration } from '../src';

/** Collects what the exporter writes. */
function captureStream(isTTY = false) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (text: string) => void writes.push(text) } };
}

const T0 = 1_700_000_000;
const at = (ms: number): [number, number] => [T0 + Math.floor(ms / 1000), (ms % 1000) * 1e6];

/** A fixed RAG-shaped trace with explicit start/end times, so durations are exact. */
function emitFixedTrace(provider: BasicTracerProvider): void {
  const tracer = provider.getTracer('fixed');
  const entry = tracer.startSpan('enter_ai_application_system', {
    startTime: at(0),
    attributes: { 'gen_ai.span.kind': 'ENTRY', 'gen_ai.session.id': 'sess-1' },
  });
  const inEntry = trace.setSpan(context.active(), entry);
  const chain = tracer.startSpan('chain answer', { startTime: at(10), attributes: { 'gen_ai.span.kind': 'CHAIN', 'gen_ai.session.id': 'sess-1' } }, inEntry);
  const inChain = trace.setSpan(inEntry, chain);
  const emb = tracer.startSpan(
    'embeddings text-embedding-v3',
    { kind: SpanKind.CLIENT, startTime: at(6), attributes: { 'gen_ai.span.kind': 'EMBEDDING', 'gen_ai.request.model': 'text-embedding-v3', 'gen_ai.usage.input_tokens': 7 } },
    inChain,
  );
  emb.end(at(18));
  const step = tracer.startSpan('react step', { startTime: at(18), attributes: { 'gen_ai.span.kind': 'STEP', 'gen_ai.react.round': 1 } }, inChain);
  const tool = tracer.startSpan('execute_tool lookup', { startTime: at(19), attributes: { 'gen_ai.span.kind': 'TOOL' } }, trace.setSpan(inChain, step));
  tool.setStatus({ code: SpanStatusCode.ERROR, message: 'city not found' });
  tool.setAttribute('error.type', 'LookupError');
  tool.end(at(19.5));
  step.end(at(19.75));
  const llm = tracer.startSpan(
    'chat qwen-plus',
    {
      kind: SpanKind.CLIENT,
      startTime: at(20),
      attributes: {
        'gen_ai.span.kind': 'LLM',
        'gen_ai.request.model': 'qwen-plus',
        'gen_ai.response.model': 'qwen-plus-2025-01-25',
        'gen_ai.usage.input_tokens': 120,
        'gen_ai.usage.output_tokens': 45,
        'gen_ai.response.time_to_first_token': 80_000_000,
      },
    },
    inChain,
  );
  llm.end(at(1320));
  chain.end(at(1330));
  entry.end(at(1340));
}

describe('ConsoleTreeExporter', () => {
  let provider: BasicTracerProvider;
  afterEach(async () => {
    await provider?.shutdown();
    context.disable();
  });
  beforeEach(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  });

  it('prints a fixed trace as a plain tree when colours are off', () => {
    const { writes, stream } = captureStream();
    provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new ConsoleTreeExporter({ stream }))] });
    emitFixedTrace(provider);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toBe(
      [
        'ENTRY  enter_ai_application_system  1.34s  session=sess-1',
        '└─ CHAIN  chain answer  1.32s',
        '   ├─ EMBEDDING  embeddings text-embedding-v3  12ms  tokens 7 in',
        '   ├─ STEP  react step  2ms  round 1',
        '   │  └─ TOOL  execute_tool lookup  500µs  ✗ ERROR LookupError: city not found',
        '   └─ LLM  chat qwen-plus  1.30s  model=qwen-plus-2025-01-25  tokens 120→45  ttft 80ms',
        '',
        '',
      ].join('\n'),
    );
  });

  it('waits for the root span, so a trace prints once and whole', () => {
    const { writes, stream } = captureStream();
    provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new ConsoleTreeExporter({ stream }))] });
    const tracer = provider.getTracer('t');
    const root = tracer.startSpan('root');
    tracer.startSpan('child', {}, trace.setSpan(context.active(), root)).end();
    expect(writes).toHaveLength(0);
    root.end();
    expect(writes).toHaveLength(1);
    const lines = writes[0]!.split('\n');
    expect(lines[0]).toMatch(/^span {2}root {2}\S+$/);
    expect(lines[1]).toMatch(/^└─ span {2}child {2}\S+$/);
    expect(lines.slice(2)).toEqual(['', '']);
  });

  it('colours on a TTY, with errors in red, and stays plain when NO_COLOR is set', () => {
    const tty = captureStream(true);
    provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(new ConsoleTreeExporter({ stream: tty.stream }))],
    });
    const previous = process.env.NO_COLOR;
    delete process.env.NO_COLOR;
    try {
      emitFixedTrace(provider);
      expect(tty.writes[0]).toContain('\u001b[31m✗ ERROR LookupError: city not found\u001b[0m');
      process.env.NO_COLOR = '1';
      const plain = captureStream(true);
      const p2 = new BasicTracerProvider({
        spanProcessors: [new SimpleSpanProcessor(new ConsoleTreeExporter({ stream: plain.stream }))],
      });
      emitFixedTrace(p2);
      expect(plain.writes[0]).not.toContain('\u001b[');
      expect(plain.writes[0]).toContain('✗ ERROR LookupError: city not found');
    } finally {
      if (previous === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = previous;
    }
  });

  it('prints unfinished traces on forceFlush, and bounds the traces it holds', async () => {
    const { writes, stream } = captureStream();
    const exporter = new ConsoleTreeExporter({ stream, maxPendingTraces: 2 });
    provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const tracer = provider.getTracer('t');
    const roots = [1, 2, 3].map((i) => tracer.startSpan(`root${i}`));
    roots.forEach((r, i) => tracer.startSpan(`orphan${i + 1}`, {}, trace.setSpan(context.active(), r)).end());
    // Three traces wait for roots that never end; the oldest is printed to stay within two.
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^span {2}orphan1 /);
    await exporter.forceFlush();
    expect(writes.map((w) => w.split('  ')[1])).toEqual(['orphan1', 'orphan2', 'orphan3']);
  });

  it('names the bad option', () => {
    expect(() => new ConsoleTreeExporter({ maxPendingTraces: 0 })).toThrow(/"maxPendingTraces"/);
    expect(() => new ConsoleTreeExporter({ stream: {} as never })).toThrow(/"stream"/);
  });
});

describe('formatDuration', () => {
  it('picks a readable unit', () => {
    expect([0.25, 12.4, 999, 1000, 1234.5].map(formatDuration)).toEqual(['250µs', '12ms', '999ms', '1.00s', '1.23s']);
  });
});

describe('consoleTreeSpanProcessor', () => {
  it('a child that ends after its root joins the root tree instead of printing as a tree of its own', () => {
    const { writes, stream } = captureStream();
    const provider = new BasicTracerProvider({ spanProcessors: [consoleTreeSpanProcessor({ stream, color: false })] });
    const tracer = provider.getTracer('late');
    const root = tracer.startSpan('invoke_agent planner', { attributes: { 'gen_ai.span.kind': 'AGENT' } });
    const late = tracer.startSpan('ChatOpenAI', { attributes: { 'openinference.span.kind': 'LLM' } }, trace.setSpan(context.active(), root));
    root.end();
    expect(writes).toEqual([]);
    late.end();
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^AGENT  invoke_agent planner .*\n└─ LLM  ChatOpenAI /);
  });

  it('a root whose children never end prints after lateSpanWaitMs', async () => {
    const { writes, stream } = captureStream();
    const provider = new BasicTracerProvider({ spanProcessors: [consoleTreeSpanProcessor({ stream, color: false, lateSpanWaitMs: 20 })] });
    const tracer = provider.getTracer('late');
    const root = tracer.startSpan('chain answer');
    tracer.startSpan('never ends', {}, trace.setSpan(context.active(), root));
    root.end();
    expect(writes).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    expect(writes).toHaveLength(1);
  });
});
