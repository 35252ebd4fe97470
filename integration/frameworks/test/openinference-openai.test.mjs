/**
 * withLLM around an OpenAI call that OpenInference's openai instrumentation also traces: one LLM
 * span per call by default (ours, with what either knew), both with duplicateLlmSpans: 'keep'.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import { setupTracing, core, node } from '../lib/tracing.mjs';
import { startFakeLlmServer } from '../lib/fake-server.mjs';
import { llmTraceCheck } from '../lib/check.mjs';

async function run(processorOptions, dialects) {
  const server = await startFakeLlmServer();
  const t = setupTracing({ kindProcessor: new node.GenAiKindSpanProcessor(processorOptions) });
  const instrumentation = new OpenAIInstrumentation();
  instrumentation.setTracerProvider(t.provider);
  instrumentation.manuallyInstrument(OpenAI);
  core.configure({ dialects });
  try {
    const client = new OpenAI({ baseURL: server.url, apiKey: 'fake' });
    const ask = core.withLLM({ provider: 'openai' }, (question) => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] }));
    const reply = await core.withSession({ sessionId: 's-1' }, () => ask('Say hello'));
    assert.equal(reply.choices[0].message.content, 'You asked: Say hello');
    return t.spans();
  } finally {
    instrumentation.disable();
    core.configure({ dialects: ['llm-trace'] });
    await t.shutdown();
    await server.close();
  }
}

const llmSpans = (spans) => spans.filter((s) => s.attributes['gen_ai.span.kind'] === 'LLM');

for (const dialects of [['llm-trace'], ['llm-trace', 'openinference']]) {
  test(`one LLM span per call by default (${dialects.join(' + ')}), usage counted once`, async () => {
    const spans = await run({}, dialects);
    const llm = llmSpans(spans);
    assert.deepEqual(llm.map((s) => s.name), ['chat']);
    assert.equal(llm[0].attributes['gen_ai.response.model'], 'gpt-4o');
    assert.equal(llm[0].instrumentationScope.name, '@llm-trace/core');
    assert.equal(llm[0].attributes['gen_ai.usage.input_tokens'], 2);
    assert.equal(llm[0].attributes['gen_ai.session.id'], 's-1');
    const promptCounts = spans.map((s) => s.attributes['llm.token_count.prompt']).filter((v) => v !== undefined);
    assert.equal(promptCounts.length, dialects.includes('openinference') ? 1 : 0);
    const check = llmTraceCheck(spans);
    assert.equal(check.code, 0, check.stdout);
  });
}

test("duplicateLlmSpans: 'keep' exports both, the inner one with our kind", async () => {
  const spans = await run({ duplicateLlmSpans: 'keep' }, ['llm-trace']);
  const llm = llmSpans(spans);
  assert.deepEqual(llm.map((s) => s.name).sort(), ['OpenAI Chat Completions', 'chat']);
  const inner = llm.find((s) => s.name === 'OpenAI Chat Completions');
  assert.equal(inner.attributes['openinference.span.kind'], 'LLM');
  assert.equal(inner.attributes['gen_ai.session.id'], 's-1');
});
