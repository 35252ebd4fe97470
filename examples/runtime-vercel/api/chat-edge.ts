// A Vercel Edge Function. The instance may be frozen as soon as the response is done, so each
// trace is exported when its root span ends (exportMode 'trace') and the export is handed to
// waitUntil(), which Vercel honours after the response.
import OpenAI from 'openai';
import { withLLM, withSession } from '@llm-trace/core';
import { register } from '@llm-trace/web';

export const config = { runtime: 'edge' };

// Vercel's edge runtime provides AsyncLocalStorage on globalThis; register() finds it.
const tracing = register({ serviceName: 'chat-edge', exportMode: 'trace' });
const client = new OpenAI();

const streamAnswer = withLLM({ provider: 'openai' }, async (question: string) => {
  return client.chat.completions.create({
    model: 'qwen-plus',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: question }],
  });
});

export default async function handler(request: Request, context: { waitUntil(promise: Promise<unknown>): void }): Promise<Response> {
  const question = new URL(request.url).searchParams.get('q') ?? 'What is OpenTelemetry?';
  const stream = await withSession({ sessionId: request.headers.get('x-session-id') ?? undefined }, () => streamAnswer(question));
  // The span observes the SDK stream (chunks, usage, first token); the bytes for the client are
  // made from it outside the wrapper, so every chunk the client gets passes through the span.
  const body = stream.toReadableStream();
  let sent!: () => void;
  const done = new Promise<void>((resolve) => (sent = resolve));
  context.waitUntil(done.then(() => tracing.forceFlush()));
  return new Response(body.pipeThrough(new TransformStream({ flush: () => sent() })), { headers: { 'content-type': 'application/x-ndjson' } });
}
