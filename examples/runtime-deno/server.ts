// A Deno server streaming a chat answer. Run with:
//   deno run --allow-net --allow-env=OTEL_*,OPENAI_* server.ts
// Importing @llm-trace/core needs no permission; the OpenTelemetry SDK reads its OTEL_*
// settings and the openai client its OPENAI_* settings, hence --allow-env for those only.
import OpenAI from 'openai';
import { withLLM, withSession } from '@llm-trace/core';
import { register } from '@llm-trace/web';

declare const Deno: {
  serve(options: { port: number; hostname: string; onListen(addr: { port: number }): void }, handler: (request: Request) => Promise<Response>): { finished: Promise<void> };
  env: { get(name: string): string | undefined };
  addSignalListener(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void;
  exit(code: number): never;
};

const tracing = register({ serviceName: 'chat-deno' });
const client = new OpenAI();

const streamAnswer = withLLM({ provider: 'openai' }, async (question: string) => {
  return client.chat.completions.create({
    model: 'qwen-plus',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: question }],
  });
});

Deno.serve({ port: Number(Deno.env.get('OTEL_EXAMPLE_PORT') ?? 8000), hostname: '127.0.0.1', onListen: ({ port }) => console.log(`listening on http://127.0.0.1:${port}/`) }, async (request) => {
  const question = new URL(request.url).searchParams.get('q') ?? 'What is OpenTelemetry?';
  const stream = await withSession({ sessionId: request.headers.get('x-session-id') ?? undefined }, () => streamAnswer(question));
  // The span observes the SDK stream (chunks, usage, first token); the bytes for the client are
  // made from it outside the wrapper, so every chunk the client gets passes through the span.
  const body = stream.toReadableStream();
  return new Response(body, { headers: { 'content-type': 'application/x-ndjson' } });
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  Deno.addSignalListener(signal, () => void tracing.shutdown().finally(() => Deno.exit(0)));
}
