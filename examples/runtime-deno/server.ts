// A Deno server streaming a chat answer. Run with:
//   deno run --allow-net --allow-env=OTEL_*,OPENAI_* server.ts
// Importing @llm-trace/core needs no permission; the OpenTelemetry SDK reads its OTEL_*
// settings and the openai client its OPENAI_* settings, hence --allow-env for those only.
import { register } from '@llm-trace/web';
import { answerChat } from '../runtime-shared/answer-chat.ts';

declare const Deno: {
  serve(options: { port: number; hostname: string; onListen(addr: { port: number }): void }, handler: (request: Request) => Promise<Response>): { finished: Promise<void> };
  env: { get(name: string): string | undefined };
  addSignalListener(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void;
  exit(code: number): never;
};

const tracing = register({ serviceName: 'chat-deno' });

Deno.serve({ port: Number(Deno.env.get('OTEL_EXAMPLE_PORT') ?? 8000), hostname: '127.0.0.1', onListen: ({ port }) => console.log(`listening on http://127.0.0.1:${port}/`) }, answerChat);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  Deno.addSignalListener(signal, () => void tracing.shutdown().finally(() => Deno.exit(0)));
}
