/**
 * The bridge from the OpenAI Agents SDK's tracing to OTel, driven with the span data the real SDK
 * (0.20.0, Chat Completions path) hands its processors.
 */
import { context, trace } from '@opentelemetry/api';
import { configure, resetConfig, withSession } from '@llm-trace/core';
import { createTestTracing, validateSpans, type TestTracing } from '@llm-trace/testing';
import { LlmTraceAgentsProcessor, type AgentsSpan } from '../src';

let t: TestTracing;
beforeEach(() => {
  resetConfig();
  t = createTestTracing();
});
afterEach(async () => {
  await t.shutdown();
});

const span = (spanId: string, parentId: string | null, spanData: AgentsSpan['spanData'], error: AgentsSpan['error'] = null): AgentsSpan => ({ traceId: 'trace_1', spanId, parentId, spanData, error });

const completion = {
  id: 'chatcmpl-fake-1',
  object: 'chat.completion',
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: 'You asked: Say hello', refusal: null }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
};

async function runOnce(p: LlmTraceAgentsProcessor) {
  await p.onTraceStart({ traceId: 'trace_1', name: 'Agent workflow' });
  const agent = span('span_a', null, { type: 'agent', name: 'Weather agent' });
  const gen = span('span_g', 'span_a', { type: 'generation', model: 'gpt-4o', input: [{ role: 'user', content: 'Say hello' }] });
  const fn = span('span_f', 'span_a', { type: 'function', name: 'get_weather', input: '{"city":"Paris"}', output: '' });
  await p.onSpanStart(agent);
  await p.onSpanStart(gen);
  await p.onSpanEnd({ ...gen, spanData: { ...gen.spanData, output: [completion] } });
  await p.onSpanStart(fn);
  await p.onSpanEnd({ ...fn, spanData: { ...fn.spanData, output: '{"tempC":18}' } });
  await p.onSpanEnd(agent);
  await p.onTraceEnd({ traceId: 'trace_1', name: 'Agent workflow' });
}

it('agent, generation and function spans become AGENT, LLM and TOOL spans under the active span', async () => {
  const p = new LlmTraceAgentsProcessor();
  const app = t.tracer('app').startSpan('handle request');
  await withSession({ sessionId: 's-9' }, () => context.with(trace.setSpan(context.active(), app), () => runOnce(p)));
  app.end();
  const spans = t.getSpans();
  const byName = new Map(spans.map((s) => [s.name, s]));
  const agent = byName.get('invoke_agent Weather agent')!;
  expect(agent.parentSpanContext?.spanId).toBe(app.spanContext().spanId);
  const llm = byName.get('chat gpt-4o')!;
  expect(llm.parentSpanContext?.spanId).toBe(agent.spanContext().spanId);
  expect(llm.attributes).toMatchObject({ 'gen_ai.span.kind': 'LLM', 'gen_ai.usage.input_tokens': 3, 'gen_ai.usage.output_tokens': 4, 'gen_ai.response.id': 'chatcmpl-fake-1', 'gen_ai.request.model': 'gpt-4o' });
  const tool = byName.get('execute_tool get_weather')!;
  expect(JSON.parse(String(tool.attributes['gen_ai.tool.call.arguments']))).toEqual({ city: 'Paris' });
  expect(validateSpans(spans.filter((s) => s.instrumentationScope.name === '@llm-trace/openai-agents')).filter((f) => f.level === 'error')).toEqual([]);
});

it('the content switch holds: no messages, arguments or results with capture off', async () => {
  configure({ captureContent: false });
  await runOnce(new LlmTraceAgentsProcessor());
  const exported = JSON.stringify(t.getSpans().map((s) => s.attributes));
  for (const content of ['Say hello', 'Paris', 'tempC']) expect(exported).not.toContain(content);
  expect(t.getSpans().find((s) => s.name === 'chat gpt-4o')!.attributes['gen_ai.usage.input_tokens']).toBe(3);
});

it('an Agents span error becomes an ERROR status', async () => {
  const p = new LlmTraceAgentsProcessor();
  await p.onTraceStart({ traceId: 'trace_1', name: 'w' });
  const fn = span('span_f', null, { type: 'function', name: 'boom', input: '{}', output: '' });
  await p.onSpanStart(fn);
  await p.onSpanEnd({ ...fn, error: { message: 'tool failed' } });
  expect(t.getSpans()[0]!.status).toMatchObject({ code: 2, message: 'tool failed' });
});

it('a bad option is a TypeError naming it', () => {
  expect(() => new LlmTraceAgentsProcessor({ captureContent: 'no' as unknown as boolean })).toThrow('option "captureContent" must be a boolean');
});
