// A Bun server streaming a chat answer. Bun has node:async_hooks' AsyncLocalStorage, which
// register() from @llm-trace/web finds; spans go out over OTLP/JSON with Bun's fetch.
import OpenAI from 'openai';
import { withLLM, withSession } from '@llm-trace/core';
import { register } from '@llm-trace/web';

declare const Bun: {
  serve(options: { port: number; hostname: string; fetch(request: Request): Promise<Response> }): { url: URL };
};

const tracing = register({ serviceName: 'chat-bun' });
const client = new OpenAI();

const streamAnswer = withLLM({ provider: 'openai' }, async (question: string) => {
  return client.chat.completions.create({
    model: 'qwen-plus',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: question }],
  });
});

const server = Bun.serve({
  port: Number(process.env.PORT ?? 3000),
  hostname: '127.0.0.1',
  async fetch(request) {
    const question = new URL(request.url).searchParams.get('q') ?? 'What is OpenTelemetry?';
    const stream = await withSession({ sessionId: request.headers.get('x-session-id') ?? undefined }, () => streamAnswer(question));
    // The span observes the SDK stream (chunks, usage, first token); the bytes for the client are
    // made from it outside the wrapper, so every chunk the client gets passes through the span.
    const body = stream.toReadableStream();
    return new Response(body, { headers: { 'content-type': 'application/x-ndjson' } });
  },
});
console.log(`listening on ${server.url}`);

// Batches leave on a timer while the server runs; flush what is left on the way out.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void tracing.shutdown().finally(() => process.exit(0)));
}
