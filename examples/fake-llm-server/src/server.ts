/**
 * An OpenAI-compatible HTTP server on 127.0.0.1 with a free port: chat completions and the
 * Responses API (plain and SSE-streamed, with usage and tool calls) and embeddings (float and
 * base64), deterministic.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { countTokens, decideReply, embed, textOf, type ChatMessage, type Reply, type ToolSpec } from './replies';
import { handleResponses, type ResponsesRequest } from './responses';

/** A running fake server. */
export interface FakeLlmServer {
  /** Base URL for the OpenAI client, ending in `/v1`, e.g. `http://127.0.0.1:53211/v1`. */
  readonly url: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** A fixed creation time keeps responses byte-for-byte reproducible. */
const CREATED = 1_760_000_000;

interface ChatRequest {
  model?: string;
  messages?: ChatMessage[];
  tools?: ToolSpec[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

interface EmbeddingRequest {
  model?: string;
  input?: string | string[];
  encoding_format?: 'float' | 'base64';
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: { message, type: 'invalid_request_error', code: null } });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

function usageFor(messages: ChatMessage[], reply: Reply) {
  const prompt = messages.reduce((n, m) => n + countTokens(textOf(m.content)), 0);
  const completion =
    reply.kind === 'text' ? countTokens(reply.text) : reply.calls.reduce((n, c) => n + countTokens(`${c.name} ${c.arguments}`), 0);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function assistantMessage(reply: Reply) {
  return reply.kind === 'text'
    ? { role: 'assistant', content: reply.text, refusal: null }
    : {
        role: 'assistant',
        content: null,
        refusal: null,
        tool_calls: reply.calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
      };
}

function finishReason(reply: Reply): string {
  return reply.kind === 'text' ? 'stop' : 'tool_calls';
}

/** Splits a reply into stream deltas: text word by word, tool arguments in small pieces. */
function deltas(reply: Reply): Record<string, unknown>[] {
  if (reply.kind === 'text') {
    const words = reply.text.split(/(?<=\s)/);
    return [{ role: 'assistant', content: '' }, ...words.map((w) => ({ content: w }))];
  }
  const out: Record<string, unknown>[] = [{ role: 'assistant', content: null }];
  reply.calls.forEach((call, index) => {
    out.push({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] });
    for (let i = 0; i < call.arguments.length; i += 8) {
      out.push({ tool_calls: [{ index, function: { arguments: call.arguments.slice(i, i + 8) } }] });
    }
  });
  return out;
}

function writeEvent(res: ServerResponse, data: unknown): void {
  res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}

function handleChat(body: ChatRequest, res: ServerResponse, seq: number): void {
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    sendError(res, 400, "'messages' must be a non-empty array");
    return;
  }
  const model = body.model ?? 'fake-model';
  const reply = decideReply(body.messages, body.tools, seq);
  const usage = usageFor(body.messages, reply);
  const id = `chatcmpl-fake-${seq}`;

  if (!body.stream) {
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created: CREATED,
      model,
      choices: [{ index: 0, message: assistantMessage(reply), finish_reason: finishReason(reply), logprobs: null }],
      usage,
    });
    return;
  }

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const base = { id, object: 'chat.completion.chunk', created: CREATED, model };
  for (const delta of deltas(reply)) {
    writeEvent(res, { ...base, choices: [{ index: 0, delta, finish_reason: null, logprobs: null }] });
  }
  writeEvent(res, { ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason(reply), logprobs: null }] });
  if (body.stream_options?.include_usage) writeEvent(res, { ...base, choices: [], usage });
  writeEvent(res, '[DONE]');
  res.end();
}

function handleEmbeddings(body: EmbeddingRequest, res: ServerResponse): void {
  const inputs = typeof body.input === 'string' ? [body.input] : body.input;
  if (!Array.isArray(inputs) || inputs.some((i) => typeof i !== 'string')) {
    sendError(res, 400, "'input' must be a string or an array of strings");
    return;
  }
  const base64 = body.encoding_format === 'base64';
  const data = inputs.map((text, index) => {
    const vector = embed(text);
    const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  const tokens = inputs.reduce((n, t) => n + countTokens(t), 0);
  sendJson(res, 200, {
    object: 'list',
    data,
    model: body.model ?? 'fake-embedding',
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

/**
 * Starts the server on 127.0.0.1 with a port the OS picks.
 *
 * @example
 * ```ts
 * import OpenAI from 'openai';
 * import { startFakeLlmServer } from '@llm-trace/example-fake-llm-server';
 * const server = await startFakeLlmServer();
 * const client = new OpenAI({ baseURL: server.url, apiKey: 'fake' });
 * await client.chat.completions.create({ model: 'qwen-plus', messages: [{ role: 'user', content: 'hi' }] });
 * await server.close();
 * ```
 */
export async function startFakeLlmServer(): Promise<FakeLlmServer> {
  let seq = 0;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST') {
      sendError(res, 405, `${req.method} is not supported`);
      return;
    }
    readJson(req).then(
      (body) => {
        if (path === '/v1/chat/completions') handleChat(body as ChatRequest, res, ++seq);
        else if (path === '/v1/responses') {
          const problem = handleResponses(body as ResponsesRequest, res, ++seq);
          if (problem !== undefined) sendError(res, 400, problem);
        } else if (path === '/v1/embeddings') handleEmbeddings(body as EmbeddingRequest, res);
        else sendError(res, 404, `no route for ${path}`);
      },
      () => sendError(res, 400, 'the request body is not JSON'),
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive connections from the OpenAI client would otherwise hold close() open.
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
