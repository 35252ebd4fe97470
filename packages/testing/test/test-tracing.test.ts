import { context, trace } from '@opentelemetry/api';
import { createTestTracing } from '../src/index';
import type { LlmSpanKind } from '@llm-trace/semconv';
import type { TestTracing } from '../src/index';

let tracing: TestTracing;
beforeEach(() => {
  tracing = createTestTracing();
});
afterEach(async () => {
  await tracing.shutdown();
});

/** A small agent run through the global API, with an await between parent and children. */
async function runAgent(): Promise<void> {
  const tracer = trace.getTracer('app');
  await tracer.startActiveSpan('invoke_agent planner', { attributes: { 'gen_ai.span.kind': 'AGENT' } }, async (agent) => {
    await new Promise((r) => setTimeout(r, 1));
    await tracer.startActiveSpan('react step', { attributes: { 'gen_ai.span.kind': 'STEP' } }, async (step) => {
      await Promise.resolve();
      tracer.startSpan('chat gpt-4o', { attributes: { 'gen_ai.span.kind': 'LLM' } }).end();
      tracer.startSpan('execute_tool search', { attributes: { 'gen_ai.span.kind': 'TOOL' } }).end();
      step.end();
    });
    agent.end();
  });
}

describe('createTestTracing', () => {
  it('records spans started through the global API, parented across awaits', async () => {
    await runAgent();
    const [agent] = tracing.getSpansByKind('AGENT');
    const [step] = tracing.getSpansByKind('STEP');
    const [llm] = tracing.getSpansByKind('LLM');
    expect(agent?.name).toBe('invoke_agent planner');
    expect(step?.parentSpanContext?.spanId).toBe(agent?.spanContext().spanId);
    expect(llm?.parentSpanContext?.spanId).toBe(step?.spanContext().spanId);
    expect(llm?.spanContext().traceId).toBe(agent?.spanContext().traceId);
  });

  it('finds spans by name, and getSpan insists on exactly one', async () => {
    await runAgent();
    expect(tracing.getSpansByName('chat gpt-4o')).toHaveLength(1);
    expect(tracing.getSpan('execute_tool search').attributes['gen_ai.span.kind']).toBe('TOOL');
    expect(() => tracing.getSpan('chat')).toThrow(
      'getSpan: expected exactly one span named "chat", found 0; recorded: "chat gpt-4o", "execute_tool search", "react step", "invoke_agent planner"',
    );
  });

  it('names the option when the kind is not one of the ten', () => {
    expect(() => tracing.getSpansByKind('llm' as LlmSpanKind)).toThrow('getSpansByKind: kind must be one of the LLM span kinds, got "llm"');
  });

  it('shows the trace as a tree, in structure and as text', async () => {
    await runAgent();
    const [root, ...others] = tracing.getTraceTree();
    expect(others).toEqual([]);
    expect(root?.kind).toBe('AGENT');
    expect(root?.children.map((c) => c.name)).toEqual(['react step']);
    expect(root?.children[0]?.children.map((c) => c.kind)).toEqual(['LLM', 'TOOL']);
    expect(tracing.formatTraceTree()).toBe(
      ['invoke_agent planner [AGENT]', '└─ react step [STEP]', '   ├─ chat gpt-4o [LLM]', '   └─ execute_tool search [TOOL]'].join('\n'),
    );
  });

  it('marks error spans in the text tree', () => {
    const span = tracing.tracer().startSpan('boom');
    span.setStatus({ code: 2 });
    span.end();
    expect(tracing.formatTraceTree()).toBe('boom !');
  });

  it('reset forgets recorded spans and keeps recording', async () => {
    await runAgent();
    tracing.reset();
    expect(tracing.getSpans()).toEqual([]);
    tracing.tracer().startSpan('after').end();
    expect(tracing.getSpans().map((s) => s.name)).toEqual(['after']);
  });

  it('shutdown unregisters the global provider and context manager', async () => {
    await tracing.shutdown();
    const span = trace.getTracer('x').startSpan('late');
    expect(span.isRecording()).toBe(false);
    span.end();
    expect(context.active()).toBe(context.active());
    expect(tracing.getSpans()).toEqual([]);
    tracing = createTestTracing();
  });

  it('a second createTestTracing takes over from one that was never shut down', () => {
    const second = createTestTracing();
    trace.getTracer('x').startSpan('to second').end();
    expect(second.getSpans().map((s) => s.name)).toEqual(['to second']);
    expect(tracing.getSpans()).toEqual([]);
    tracing = second;
  });
});
