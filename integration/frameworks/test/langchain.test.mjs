/**
 * withLLM around a LangChain chat model: LangChain message objects in, AIMessage / AIMessageChunk
 * out (usage, model, tool calls); llm-trace-check passes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { ChatOpenAI } from '@langchain/openai';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { setupTracing, core } from '../lib/tracing.mjs';
import { startFakeLlmServer } from '../lib/fake-server.mjs';
import { llmTraceCheck } from '../lib/check.mjs';

async function traced(fn) {
  const server = await startFakeLlmServer();
  const t = setupTracing();
  try {
    await fn(new ChatOpenAI({ model: 'gpt-4o', apiKey: 'fake', configuration: { baseURL: server.url } }));
    return t.spans().filter((s) => s.instrumentationScope.name === '@llm-trace/core');
  } finally {
    await t.shutdown();
    await server.close();
  }
}

test('model.invoke with message objects: input messages, tool calls, usage, model', async () => {
  const weather = tool(async ({ city }) => ({ city }), { name: 'get_weather', description: 'Weather by city', schema: z.object({ city: z.string() }) });
  const [span] = await traced(async (model) => {
    const bound = model.bindTools([weather]);
    const invoke = core.withLLM({ model: 'gpt-4o', provider: 'openai' }, (messages) => bound.invoke(messages));
    const ai = await invoke([new SystemMessage('You are terse.'), new HumanMessage('What is the weather in Paris?')]);
    assert.equal(ai.tool_calls[0].name, 'get_weather');
  });
  const a = span.attributes;
  assert.deepEqual(JSON.parse(a['gen_ai.input.messages']), [
    { role: 'system', parts: [{ type: 'text', content: 'You are terse.' }] },
    { role: 'user', parts: [{ type: 'text', content: 'What is the weather in Paris?' }] },
  ]);
  assert.equal(a['gen_ai.usage.input_tokens'], 9);
  assert.equal(a['gen_ai.usage.output_tokens'], 2);
  assert.equal(a['gen_ai.response.model'], 'gpt-4o');
  assert.deepEqual(a['gen_ai.response.finish_reasons'], ['tool_call']);
  assert.equal(JSON.parse(a['gen_ai.output.messages'])[0].parts[0].name, 'get_weather');
  const check = llmTraceCheck([span]);
  assert.equal(check.code, 0, check.stdout);
});

test('model.stream: the AIMessageChunk that concat() builds', async () => {
  const [span] = await traced(async (model) => {
    const streamed = core.withLLM({ model: 'gpt-4o', provider: 'openai' }, async (prompt) => {
      let chunk;
      for await (const c of await model.stream(prompt)) chunk = chunk ? chunk.concat(c) : c;
      return chunk;
    });
    assert.equal((await streamed('Say hello')).content, 'You asked: Say hello');
  });
  assert.equal(span.attributes['gen_ai.usage.output_tokens'], 4);
  assert.deepEqual(JSON.parse(span.attributes['gen_ai.output.messages'])[0].parts, [{ type: 'text', content: 'You asked: Say hello' }]);
});
