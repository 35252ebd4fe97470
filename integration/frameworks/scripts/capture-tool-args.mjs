/**
 * Captures the arguments each framework passes to a tool function, offline against the fake
 * server, and writes them as fixtures for the core unit tests:
 *   node scripts/capture-tool-args.mjs ../../packages/core/test/content/fixtures/frameworks
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { generateText, tool as aiTool, stepCountIs } from 'ai';
import { createOpenAI } from '@ai-sdk/openai';
import { tool as lcTool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { Agent, run, tool as agentsTool, setDefaultOpenAIClient, setOpenAIAPI, setTracingDisabled } from '@openai/agents';
import OpenAI from 'openai';
import { record } from '../lib/shape-record.mjs';
import { startFakeLlmServer } from '../lib/fake-server.mjs';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: capture-tool-args.mjs <fixtures dir>');
mkdirSync(outDir, { recursive: true });
const server = await startFakeLlmServer();
const captured = {};
const weather = (name) => (...args) => {
  captured[name] = record(args);
  return { city: 'Paris', sky: 'sunny', tempC: 18 };
};
try {
  const provider = createOpenAI({ baseURL: server.url, apiKey: 'fake' });
  await generateText({
    model: provider.chat('gpt-4o'),
    prompt: 'What is the weather in Paris?',
    tools: { get_weather: aiTool({ description: 'Weather by city', inputSchema: z.object({ city: z.string() }), execute: weather('ai-sdk-7') }) },
    stopWhen: stepCountIs(3),
  });
  const { generateText: gen5, tool: tool5, stepCountIs: steps5 } = await import('ai5');
  const { createOpenAI: createOpenAI2 } = await import('@ai-sdk/openai2');
  await gen5({
    model: createOpenAI2({ baseURL: server.url, apiKey: 'fake' }).chat('gpt-4o'),
    prompt: 'What is the weather in Paris?',
    tools: { get_weather: tool5({ description: 'Weather by city', inputSchema: z.object({ city: z.string() }), execute: weather('ai-sdk-5') }) },
    stopWhen: steps5(3),
  });

  const lc = lcTool(weather('langchain'), { name: 'get_weather', description: 'Weather by city', schema: z.object({ city: z.string() }) });
  const model = new ChatOpenAI({ model: 'gpt-4o', apiKey: 'fake', configuration: { baseURL: server.url } }).bindTools([lc]);
  const ai = await model.invoke('What is the weather in Paris?');
  await lc.invoke(ai.tool_calls[0]);
  const direct = weather('langchain-direct');
  const lcDirect = lcTool(direct, { name: 'get_weather', description: 'Weather by city', schema: z.object({ city: z.string() }) });
  await lcDirect.invoke({ city: 'Paris' });

  setTracingDisabled(true);
  setDefaultOpenAIClient(new OpenAI({ baseURL: server.url, apiKey: 'fake' }));
  setOpenAIAPI('chat_completions');
  const agent = new Agent({
    name: 'Weather agent',
    model: 'gpt-4o',
    instructions: 'Answer with the weather.',
    tools: [agentsTool({ name: 'get_weather', description: 'Weather by city', parameters: z.object({ city: z.string() }), execute: weather('openai-agents') })],
  });
  await run(agent, 'What is the weather in Paris?', { context: { userEmail: 'ada@example.com' } });
} finally {
  await server.close();
}
for (const [name, args] of Object.entries(captured)) writeFileSync(join(outDir, `${name}-tool-args.json`), JSON.stringify(args, null, 1) + '\n');
console.log('captured', Object.keys(captured).join(', '));
