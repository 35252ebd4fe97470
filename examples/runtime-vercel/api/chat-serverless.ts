// A Node serverless function (AWS Lambda handler shape; a Vercel Node function is the same
// idea). The runtime freezes the process as soon as the handler's promise settles, and a batch
// timer would then fire in some later invocation, or never: flush before returning.
import OpenAI from 'openai';
import { withEntry, withLLM } from '@llm-trace/core';
import { register } from '@llm-trace/node';

// Module scope runs once per cold start.
const tracing = register({ serviceName: 'chat-lambda' });
const client = new OpenAI();

const ask = withLLM({ provider: 'openai' }, (question: string) =>
  client.chat.completions.create({ model: 'qwen-plus', messages: [{ role: 'user', content: question }] }),
);

const answer = withEntry({ name: 'chat-lambda' }, async (question: string) => (await ask(question)).choices[0]?.message.content ?? '');

export async function handler(event: { question?: string }): Promise<{ statusCode: number; body: string }> {
  try {
    return { statusCode: 200, body: JSON.stringify({ answer: await answer(event.question ?? 'What is OpenTelemetry?') }) };
  } finally {
    // Bounded by the exporter's timeout; the spans of this invocation leave before the freeze.
    await tracing.forceFlush();
  }
}
