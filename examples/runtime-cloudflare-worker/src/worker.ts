// A Cloudflare Worker that streams a chat answer. Context (nesting, sessions) rides on
// AsyncLocalStorage from node:async_hooks, which needs the nodejs_compat flag (wrangler.toml).
// Spans are sent by ctx.waitUntil(), which keeps the worker alive after the response for that.
import { AsyncLocalStorage } from 'node:async_hooks';
import OpenAI from 'openai';
import { withLLM, withSession } from '@llm-trace/core';
import { register, type WebRegistration } from '@llm-trace/web';

interface Env {
  OPENAI_API_KEY: string;
  OPENAI_BASE_URL?: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_HEADERS?: string;
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

// A Worker's settings arrive with the first request (as `env`), so tracing starts there, once.
let tracing: WebRegistration | undefined;

const streamAnswer = withLLM({ provider: 'openai' }, async (client: OpenAI, question: string) => {
  return client.chat.completions.create({
    model: 'qwen-plus',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: question }],
  });
});

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    tracing ??= register({ serviceName: 'chat-worker', env, asyncLocalStorage: AsyncLocalStorage });
    const client = new OpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL });
    const question = new URL(request.url).searchParams.get('q') ?? 'What is OpenTelemetry?';
    const sessionId = request.headers.get('x-session-id') ?? undefined;
    const stream = await withSession({ sessionId }, () => streamAnswer(client, question));
    // The span observes the SDK stream (chunks, usage, first token); the bytes for the client are
    // made from it outside the wrapper, so every chunk the client gets passes through the span.
    const body = stream.toReadableStream();
    // waitUntil() keeps the worker alive after the response; flush once the body has been sent,
    // when the stream's span has ended.
    const { stream: outgoing, sent } = whenSent(body);
    ctx.waitUntil(sent.then(() => tracing?.forceFlush()));
    return new Response(outgoing, { headers: { 'content-type': 'application/x-ndjson' } });
  },
};

/** `body` passed through unchanged, and a promise settled once its last chunk has gone out. */
function whenSent(body: ReadableStream<Uint8Array>): { stream: ReadableStream<Uint8Array>; sent: Promise<void> } {
  let settle!: () => void;
  const sent = new Promise<void>((resolve) => (settle = resolve));
  const stream = body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ flush: () => settle() }));
  return { stream, sent };
}
