// A Bun server streaming a chat answer. Bun has node:async_hooks' AsyncLocalStorage, which
// register() from @llm-trace/web finds; spans go out over OTLP/JSON with Bun's fetch.
import { register } from '@llm-trace/web';
import { answerChat } from '../runtime-shared/answer-chat.ts';

declare const Bun: {
  serve(options: { port: number; hostname: string; fetch(request: Request): Promise<Response> }): { url: URL };
};

const tracing = register({ serviceName: 'chat-bun' });

const server = Bun.serve({ port: Number(process.env.PORT ?? 3000), hostname: '127.0.0.1', fetch: answerChat });
console.log(`listening on ${server.url}`);

// Batches leave on a timer while the server runs; flush what is left on the way out.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void tracing.shutdown().finally(() => process.exit(0)));
}
