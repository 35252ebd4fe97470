/**
 * withTool passed straight to a framework as its tool function records the tool's declared
 * arguments and the framework's call id, never the framework's context; plain string arguments
 * and results are JSON; llm-trace-check passes on the trace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import OpenAI from 'openai';
import { setupTracing, core } from '../lib/tracing.mjs';
import { startFakeLlmServer } from '../lib/fake-server.mjs';
import { llmTraceCheck } from '../lib/check.mjs';

const weather = core.withTool({ name: 'get_weather' }, async ({ city }) => ({ city, sky: 'sunny', tempC: 18 }));

async function traced(fn) {
  const server = await startFakeLlmServer();
  const t = setupTracing();
  try {
    await core.withSession({ sessionId: 'sess-tools', userId: 'ada' }, () => fn(server.url));
    return t.spans();
  } finally {
    await t.shutdown();
    await server.close();
  }
}

function assertToolSpan(spans) {
  const tool = spans.find((s) => s.name === 'execute_tool get_weather' && s.instrumentationScope.name === '@llm-trace/core');
  assert.ok(tool, `our tool span is missing: ${spans.map((s) => s.name)}`);
  assert.deepEqual(JSON.parse(tool.attributes['gen_ai.tool.call.arguments']), { city: 'Paris' });
  assert.match(String(tool.attributes['gen_ai.tool.call.id']), /^call_\d+_get_weather$/);
  assert.equal(tool.attributes['gen_ai.session.id'], 'sess-tools');
  const exported = JSON.stringify(tool.attributes);
  for (const leak of ['ada@example.com', 'toolCallId', 'recursionLimit', 'What is the weather']) assert.ok(!exported.includes(leak), `${leak} leaked into ${exported}`);
  const check = llmTraceCheck(spans);
  assert.equal(check.code, 0, check.stdout);
  return tool;
}

test('a string argument and a string result are JSON (the README Quick start shape)', async () => {
  const spans = await traced(async () => {
    const lookupOrder = core.withTool(async function lookupOrder(id) {
      return id === 'A-1001' ? 'Paris' : 'unknown';
    });
    assert.equal(await lookupOrder('A-1001'), 'Paris');
  });
  assert.equal(spans[0].attributes['gen_ai.tool.call.arguments'], '"A-1001"');
  assert.equal(spans[0].attributes['gen_ai.tool.call.result'], '"Paris"');
  const check = llmTraceCheck(spans);
  assert.equal(check.code, 0, check.stdout);
});

test('AI SDK 7 execute', async () => {
  const { generateText, tool, stepCountIs } = await import('ai');
  const { createOpenAI } = await import('@ai-sdk/openai');
  const spans = await traced(async (url) => {
    await generateText({
      model: createOpenAI({ baseURL: url, apiKey: 'fake' }).chat('gpt-4o'),
      prompt: 'What is the weather in Paris?',
      tools: { get_weather: tool({ description: 'Weather by city', inputSchema: z.object({ city: z.string() }), execute: weather }) },
      stopWhen: stepCountIs(3),
    });
  });
  assertToolSpan(spans);
});

test('AI SDK 5 execute', async () => {
  const { generateText, tool, stepCountIs } = await import('ai5');
  const { createOpenAI } = await import('@ai-sdk/openai2');
  const spans = await traced(async (url) => {
    await generateText({
      model: createOpenAI({ baseURL: url, apiKey: 'fake' }).chat('gpt-4o'),
      prompt: 'What is the weather in Paris?',
      tools: { get_weather: tool({ description: 'Weather by city', inputSchema: z.object({ city: z.string() }), execute: weather }) },
      stopWhen: stepCountIs(3),
    });
  });
  assertToolSpan(spans);
});

test('LangChain tool() func called by the model', async () => {
  const { tool } = await import('@langchain/core/tools');
  const { ChatOpenAI } = await import('@langchain/openai');
  const spans = await traced(async (url) => {
    const lcTool = tool(weather, { name: 'get_weather', description: 'Weather by city', schema: z.object({ city: z.string() }) });
    const model = new ChatOpenAI({ model: 'gpt-4o', apiKey: 'fake', configuration: { baseURL: url } }).bindTools([lcTool]);
    const ai = await model.invoke('What is the weather in Paris?');
    const message = await lcTool.invoke(ai.tool_calls[0]);
    assert.equal(message.tool_call_id, ai.tool_calls[0].id);
  });
  assertToolSpan(spans);
});

test('OpenAI Agents tool execute (the run context holds the app user email)', async () => {
  const { Agent, run, tool, setDefaultOpenAIClient, setOpenAIAPI, setTracingDisabled } = await import('@openai/agents');
  const spans = await traced(async (url) => {
    setTracingDisabled(true);
    setDefaultOpenAIClient(new OpenAI({ baseURL: url, apiKey: 'fake' }));
    setOpenAIAPI('chat_completions');
    const agent = new Agent({
      name: 'Weather agent',
      model: 'gpt-4o',
      instructions: 'Answer with the weather.',
      tools: [tool({ name: 'get_weather', description: 'Weather by city', parameters: z.object({ city: z.string() }), execute: weather })],
    });
    const result = await run(agent, 'What is the weather in Paris?', { context: { userEmail: 'ada@example.com' } });
    assert.match(result.finalOutput, /Paris/);
  });
  assertToolSpan(spans);
});
