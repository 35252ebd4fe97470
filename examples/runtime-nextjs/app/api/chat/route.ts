// A streaming chat route: the model's stream goes straight into the Response, and the LLM span
// ends when the client has read the last chunk (with usage and time to first token). The same
// file runs in the Node and the Edge runtime; pick one with `export const runtime`.
import OpenAI from 'openai';
import { after } from 'next/server';
import { withLLM, withSession } from '@llm-trace/core';
import { flushTracing } from '../../../lib/tracing';

// export const runtime = 'edge';

// OPENAI_API_KEY and OPENAI_BASE_URL come from the environment.
const client = new OpenAI();

const streamAnswer = withLLM({ provider: 'openai' }, async (question: string) => {
  return client.chat.completions.create({
    model: 'qwen-plus',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: question }],
  });
});

export async function POST(request: Request): Promise<Response> {
  const { question, sessionId } = (await request.json()) as { question: string; sessionId?: string };
  const stream = await withSession({ sessionId }, () => streamAnswer(question));
  // The span observes the SDK stream (chunks, usage, first token); the bytes for the client are
  // made from it outside the wrapper, so every chunk the client gets passes through the span.
  const body = stream.toReadableStream();
  // Runs after the response has been sent, so flushing never delays the answer.
  after(() => flushTracing());
  return new Response(body, { headers: { 'content-type': 'application/x-ndjson' } });
}

export async function GET(): Promise<Response> {
  return Response.json({ ok: true, runtime: process.env.NEXT_RUNTIME ?? 'unknown' });
}
