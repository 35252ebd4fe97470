/**
 * The OpenAI Agents SDK's own tracing bridged into OTel by @llm-trace/openai-agents: its agent,
 * model and tool spans appear in the trace, nested under the app's span, with our kinds, the
 * session and usage; llm-trace-check passes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { z } from 'zod';
import OpenAI from 'openai';
import { Agent, run, tool, setDefaultOpenAIClient, setOpenAIAPI, setTraceProcessors, setTracingDisabled } from '@openai/agents';
import { setupTracing, core, shape } from '../lib/tracing.mjs';
import { startFakeLlmServer } from '../lib/fake-server.mjs';
import { llmTraceCheck } from '../lib/check.mjs';

const { LlmTraceAgentsProcessor } = createRequire(import.meta.url)('../../../packages/openai-agents/dist/index.js');

for (const api of ['chat_completions']) {
  test(`agent run (${api}): the run's CHAIN, AGENT, STEP, LLM and TOOL spans under the app's span, with session and usage`, async (t) => {
    const server = await startFakeLlmServer();
    const tracing = setupTracing();
    try {
      setTracingDisabled(false);
      setTraceProcessors([new LlmTraceAgentsProcessor()]);
      setDefaultOpenAIClient(new OpenAI({ baseURL: server.url, apiKey: 'fake' }));
      setOpenAIAPI(api);
      const agent = new Agent({
        name: 'Weather agent',
        model: 'gpt-4o',
        instructions: 'Answer with the weather.',
        tools: [tool({ name: 'get_weather', description: 'Weather by city', parameters: z.object({ city: z.string() }), execute: async ({ city }) => ({ city, tempC: 18 }) })],
      });
      const handle = core.withEntry(async (question) => (await run(agent, question, { context: { userEmail: 'ada@example.com' } })).finalOutput);
      const answer = await core.withSession({ sessionId: 'sess-agents' }, () => handle('What is the weather in Paris?'));
      assert.match(String(answer), /Paris/);
      const spans = tracing.spans();
      const tree = shape(spans);
      const bridged = tree.filter((s) => s.scope === '@llm-trace/openai-agents');
      assert.deepEqual([...new Set(bridged.map((s) => s.kind))].sort(), ['AGENT', 'CHAIN', 'LLM', 'STEP', 'TOOL'], JSON.stringify(tree));
      assert.equal(bridged.find((s) => s.kind === 'CHAIN').parent, 'enter_ai_application_system');
      assert.equal(bridged.find((s) => s.kind === 'AGENT').parent, 'chain Agent workflow');
      assert.deepEqual(bridged.filter((s) => s.kind === 'LLM').map((s) => s.parent), ['react step', 'react step']);
      for (const s of bridged) assert.equal(s.session, 'sess-agents', s.name);
      const llm = spans.filter((s) => s.attributes['gen_ai.span.kind'] === 'LLM');
      assert.ok(llm.every((s) => typeof s.attributes['gen_ai.usage.input_tokens'] === 'number'), JSON.stringify(llm.map((s) => s.attributes)));
      const toolSpan = spans.find((s) => s.name === 'execute_tool get_weather');
      assert.deepEqual(JSON.parse(toolSpan.attributes['gen_ai.tool.call.arguments']), { city: 'Paris' });
      assert.ok(!JSON.stringify(spans.map((s) => s.attributes)).includes('ada@example.com'));
      const check = llmTraceCheck(spans);
      assert.equal(check.code, 0, check.stdout);
    } finally {
      setTraceProcessors([]);
      await tracing.shutdown();
      await server.close();
    }
  });
}
