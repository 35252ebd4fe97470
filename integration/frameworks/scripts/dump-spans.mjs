/** Prints the spans each framework emits (for writing the tests and the fixtures). */
import { z } from 'zod';
import { setupTracing, core, shape } from '../lib/tracing.mjs';
import { startFakeLlmServer } from '../lib/fake-server.mjs';
import { record } from '../lib/shape-record.mjs';
import { writeFileSync, mkdirSync } from 'node:fs';

const which = process.argv[2];
const out = process.argv[3];
const server = await startFakeLlmServer();
const t = setupTracing();
const results = {};
try {
  if (which === 'ai7') {
    const { generateText, streamText, tool, stepCountIs } = await import('ai');
    const { registerTelemetry } = await import('ai');
    const { OpenTelemetry } = await import('@ai-sdk/otel');
    registerTelemetry?.(new OpenTelemetry());
    const { createOpenAI } = await import('@ai-sdk/openai');
    const model = createOpenAI({ baseURL: server.url, apiKey: 'fake' }).chat('gpt-4o');
    const tools = { get_weather: tool({ description: 'Weather by city', inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => ({ city, tempC: 18 }) }) };
    const r = await generateText({ model, prompt: 'What is the weather in Paris?', tools, stopWhen: stepCountIs(3), experimental_telemetry: { isEnabled: true } });
    results.generateText = record({ text: r.text, finishReason: r.finishReason, usage: r.usage, totalUsage: r.totalUsage, response: { id: r.response.id, modelId: r.response.modelId }, steps: r.steps.length, toolCalls: r.toolCalls, keys: Object.keys(r) });
    const s = streamText({ model, prompt: 'Say hello', experimental_telemetry: { isEnabled: true } });
    results.streamTextKeys = Object.keys(s);
    results.streamTextProto = Object.getOwnPropertyNames(Object.getPrototypeOf(s));
    let text = '';
    for await (const c of s.textStream) text += c;
    results.streamText = record({ text, usage: await s.usage, finishReason: await s.finishReason, response: await s.response.then((x) => ({ id: x.id, modelId: x.modelId })) });
  } else if (which === 'ai5') {
    const { generateText, streamText, tool, stepCountIs } = await import('ai5');
    const { createOpenAI } = await import('@ai-sdk/openai2');
    const model = createOpenAI({ baseURL: server.url, apiKey: 'fake' }).chat('gpt-4o');
    const tools = { get_weather: tool({ description: 'Weather by city', inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => ({ city, tempC: 18 }) }) };
    const r = await generateText({ model, prompt: 'What is the weather in Paris?', tools, stopWhen: stepCountIs(3), experimental_telemetry: { isEnabled: true } });
    results.generateText = record({ text: r.text, finishReason: r.finishReason, usage: r.usage, totalUsage: r.totalUsage, response: { id: r.response.id, modelId: r.response.modelId }, steps: r.steps.length, toolCalls: r.toolCalls, keys: Object.keys(r) });
    const s = streamText({ model, prompt: 'Say hello', experimental_telemetry: { isEnabled: true } });
    results.streamTextProto = Object.getOwnPropertyNames(Object.getPrototypeOf(s));
    let text = '';
    for await (const c of s.textStream) text += c;
    results.streamText = record({ text, usage: await s.usage, finishReason: await s.finishReason });
  } else if (which === 'langchain') {
    const { ChatOpenAI } = await import('@langchain/openai');
    const { HumanMessage, SystemMessage } = await import('@langchain/core/messages');
    const { tool } = await import('@langchain/core/tools');
    const lcTool = tool(async ({ city }) => ({ city, tempC: 18 }), { name: 'get_weather', description: 'Weather by city', schema: z.object({ city: z.string() }) });
    const model = new ChatOpenAI({ model: 'gpt-4o', apiKey: 'fake', configuration: { baseURL: server.url } });
    const input = [new SystemMessage('You are terse.'), new HumanMessage('What is the weather in Paris?')];
    results.input = record(input);
    const ai = await model.bindTools([lcTool]).invoke(input);
    results.aiMessage = record(ai);
    const ai2 = await model.invoke('Say hello');
    results.aiMessageText = record(ai2);
    let chunk;
    for await (const c of await model.stream('Say hello')) chunk = chunk ? chunk.concat(c) : c;
    results.aiMessageChunk = record(chunk);
  }
} finally {
  await server.close();
}
console.log(JSON.stringify(shape(t.spans()), null, 0).replace(/\},\{/g, '},\n{'));
for (const s of t.spans()) console.log(s.name, JSON.stringify(s.attributes).slice(0, 600));
if (out) {
  mkdirSync(out, { recursive: true });
  for (const [k, v] of Object.entries(results)) writeFileSync(`${out}/${which}-${k}.json`, JSON.stringify(v, null, 1) + '\n');
  const ended = t.spans();
  const ids = ended.map((s) => s.spanContext().spanId);
  const byStart = ended.map((s, i) => i).sort((a, b) => ended[a].startTime[0] - ended[b].startTime[0] || ended[a].startTime[1] - ended[b].startTime[1]);
  const recorded = byStart.map((i) => {
    const s = ended[i];
    const parent = ids.indexOf(s.parentSpanContext?.spanId);
    return { name: s.name, scope: s.instrumentationScope?.name, parent: parent < 0 ? undefined : byStart.indexOf(parent), attributes: s.attributes };
  });
  writeFileSync(`${out}/${which}-spans.json`, JSON.stringify(recorded, null, 1) + '\n');
}
if (out) (await import('../lib/tracing.mjs')).writeOtlpJson(`${out}/${which}-otlp.json`, t.spans());
await t.shutdown();
