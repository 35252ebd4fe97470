/**
 * The AI SDK beside llm-trace: its own spans get our kind and pass llm-trace-check; withLLM around
 * generateText / streamText records usage, output, response id and finish reason, and around
 * streamText the span lasts until the stream is read.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { setupTracing, core, shape } from '../lib/tracing.mjs';
import { startFakeLlmServer } from '../lib/fake-server.mjs';
import { llmTraceCheck } from '../lib/check.mjs';

// One provider for the whole file: AI SDK 7's OpenTelemetry integration keeps the tracer it got
// when it was registered, as an app's would.
const t = setupTracing();
after(() => t.shutdown());

async function traced(fn) {
  const server = await startFakeLlmServer();
  t.reset();
  try {
    await core.withSession({ sessionId: 'sess-ai' }, () => fn(server.url));
    return t.spans();
  } finally {
    await server.close();
  }
}

let registered = false;
const versions = [
  ['AI SDK 7', async () => {
    const ai = await import('ai');
    const { OpenTelemetry } = await import('@ai-sdk/otel');
    if (!registered) ai.registerTelemetry(new OpenTelemetry());
    registered = true;
    return { ai, createOpenAI: (await import('@ai-sdk/openai')).createOpenAI };
  }],
  ['AI SDK 5', async () => ({ ai: await import('ai5'), createOpenAI: (await import('@ai-sdk/openai2')).createOpenAI })],
];

for (const [title, load] of versions) {
  test(`${title}: its spans get our kind and the session; llm-trace-check passes`, async () => {
    const { ai, createOpenAI } = await load();
    const spans = await traced(async (url) => {
      const agent = core.withAgent({ name: 'weather' }, async (question) => {
        const r = await ai.generateText({
          model: createOpenAI({ baseURL: url, apiKey: 'fake' }).chat('gpt-4o'),
          prompt: question,
          tools: { get_weather: ai.tool({ description: 'Weather by city', inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => ({ city, tempC: 18 }) }) },
          stopWhen: ai.stepCountIs(3),
          experimental_telemetry: { isEnabled: true },
        });
        return r.text;
      });
      assert.match(await agent('What is the weather in Paris?'), /Paris/);
    });
    const tree = shape(spans);
    const foreign = tree.filter((s) => s.scope !== '@llm-trace/core');
    assert.ok(foreign.length >= 4, JSON.stringify(tree));
    for (const s of foreign) {
      assert.ok(s.kind, `${s.name} has no kind`);
      assert.equal(s.session, 'sess-ai', `${s.name} has no session`);
    }
    assert.deepEqual([...new Set(foreign.map((s) => s.kind))].sort(), title === 'AI SDK 7' ? ['AGENT', 'LLM', 'STEP', 'TOOL'] : ['AGENT', 'LLM', 'TOOL']);
    // The AI SDK's root span sits under our agent span.
    assert.equal(tree.find((s) => s.kind === 'AGENT' && s.scope !== '@llm-trace/core').parent, 'invoke_agent weather');
    const check = llmTraceCheck(spans);
    assert.equal(check.code, 0, check.stdout);
  });

  test(`${title}: withLLM around generateText records usage, output, response id, finish reason`, async () => {
    const { ai, createOpenAI } = await load();
    const spans = await traced(async (url) => {
      const model = createOpenAI({ baseURL: url, apiKey: 'fake' }).chat('gpt-4o');
      const generate = core.withLLM({ provider: 'openai' }, ai.generateText);
      const r = await generate({ model, prompt: 'Say hello' });
      assert.equal(r.text, 'You asked: Say hello');
    });
    const llm = spans.find((s) => s.instrumentationScope.name === '@llm-trace/core');
    assert.equal(llm.name, 'chat gpt-4o');
    assert.equal(llm.attributes['gen_ai.usage.input_tokens'], 2);
    assert.equal(llm.attributes['gen_ai.usage.output_tokens'], 4);
    assert.match(String(llm.attributes['gen_ai.response.id']), /^chatcmpl-fake-/);
    assert.deepEqual(llm.attributes['gen_ai.response.finish_reasons'], ['stop']);
    assert.deepEqual(JSON.parse(llm.attributes['gen_ai.output.messages'])[0].parts, [{ type: 'text', content: 'You asked: Say hello' }]);
    const check = llmTraceCheck(spans);
    assert.equal(check.code, 0, check.stdout);
  });

  test(`${title}: withLLM around streamText lasts until the stream and its usage settle`, async () => {
    const { ai, createOpenAI } = await load();
    let endedBeforeRead;
    const spans = await traced(async (url) => {
      const model = createOpenAI({ baseURL: url, apiKey: 'fake' }).chat('gpt-4o');
      const stream = core.withLLM({ provider: 'openai' }, ai.streamText);
      const result = stream({ model, prompt: 'Say hello' });
      endedBeforeRead = spansSoFar();
      assert.equal(typeof result.textStream[Symbol.asyncIterator], 'function');
      let text = '';
      for await (const chunk of result.textStream) text += chunk;
      assert.equal(text, 'You asked: Say hello');
      await result.usage;
      await new Promise((r) => setTimeout(r, 10));
    });
    assert.equal(endedBeforeRead, 0);
    const llm = spans.find((s) => s.instrumentationScope.name === '@llm-trace/core');
    assert.equal(llm.attributes['gen_ai.usage.output_tokens'], 4);
    assert.deepEqual(JSON.parse(llm.attributes['gen_ai.output.messages'])[0].parts, [{ type: 'text', content: 'You asked: Say hello' }]);
    const check = llmTraceCheck(spans);
    assert.equal(check.code, 0, check.stdout);
  });
}

function spansSoFar() {
  return t.spans().filter((s) => s.instrumentationScope.name === '@llm-trace/core').length;
}
