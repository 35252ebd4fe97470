/**
 * How every example finds its model: a real provider when `OPENAI_BASE_URL` or `OPENAI_API_KEY`
 * is set, the fake server otherwise, so `npm start` works offline and unchanged online.
 */
import { startFakeLlmServer } from './server';

/** Where the examples send model calls. */
export interface LlmEndpoint {
  /** For `new OpenAI({ baseURL })`; `undefined` means the client's default (api.openai.com). */
  readonly baseURL: string | undefined;
  readonly apiKey: string;
  /** True when the fake server is answering. */
  readonly fake: boolean;
  /** Stops the fake server, if one was started. */
  close(): Promise<void>;
}

/**
 * Uses `OPENAI_BASE_URL` / `OPENAI_API_KEY` when either is set (e.g. DashScope's
 * OpenAI-compatible endpoint for Qwen), and starts the fake server otherwise.
 *
 * @example
 * ```ts
 * import OpenAI from 'openai';
 * import { llmEndpointFromEnv } from '@llm-trace/example-fake-llm-server';
 * const endpoint = await llmEndpointFromEnv();
 * const client = new OpenAI({ baseURL: endpoint.baseURL, apiKey: endpoint.apiKey });
 * await endpoint.close();
 * ```
 */
export async function llmEndpointFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<LlmEndpoint> {
  const baseURL = env.OPENAI_BASE_URL?.trim() || undefined;
  const apiKey = env.OPENAI_API_KEY?.trim() || undefined;
  if (baseURL || apiKey) {
    return { baseURL, apiKey: apiKey ?? 'unset', fake: false, close: () => Promise.resolve() };
  }
  const server = await startFakeLlmServer();
  return { baseURL: server.url, apiKey: 'fake-key', fake: true, close: () => server.close() };
}
