// The request handler the Bun and Deno servers share: `?q=` is asked of an OpenAI-compatible
// model through a traced, streamed call, and the answer goes back as the response body.
// Fetch-style (a `Request` in, a `Response` out), so it runs unchanged in any server that speaks
// the web platform's fetch API; each server only sets up tracing and listens.
import OpenAI from 'openai';
import { withLLM, withSession } from '@llm-trace/core';

const client = new OpenAI();

const streamAnswer = withLLM({ provider: 'openai' }, async (question: string) => {
  return client.chat.completions.create({
    model: 'qwen-plus',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: question }],
  });
});

/** Streams the answer to `?q=` as newline-delimited JSON chunks, in the session `x-session-id` names. */
export async function answerChat(request: Request): Promise<Response> {
  const question = new URL(request.url).searchParams.get('q') ?? 'What is OpenTelemetry?';
  const stream = await withSession({ sessionId: request.headers.get('x-session-id') ?? undefined }, () => streamAnswer(question));
  // The span observes the SDK stream (chunks, usage, first token); the bytes for the client are
  // made from it outside the wrapper, so every chunk the client gets passes through the span.
  const body = stream.toReadableStream();
  return new Response(body, { headers: { 'content-type': 'application/x-ndjson' } });
}
