/** Builds the services and asks the support desk one question; no tracing setup here. */
import './metadata-polyfill';
import OpenAI from 'openai';
import { routesOf, type Route } from './routes';
import { FaqRepository, SupportController, SupportService } from './support';

/** Options for `run()`. */
export interface RunOptions {
  baseURL?: string;
  apiKey?: string;
  question?: string;
}

/** The answer, plus the routes `@route` recorded, to show `context.metadata` survived `@llmSpan`. */
export interface SupportAnswer {
  readonly question: string;
  readonly answer: string;
  readonly routes: readonly Route[];
}

/**
 * Answers one support question through the decorated services.
 *
 * @example
 * ```ts
 * import { run } from './app';
 * const { answer } = await run({ baseURL: 'http://127.0.0.1:8080/v1', apiKey: 'fake' });
 * ```
 */
export async function run(options: RunOptions = {}): Promise<SupportAnswer> {
  const client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey ?? process.env.OPENAI_API_KEY ?? 'unset' });
  const controller = new SupportController(new SupportService(client, new FaqRepository()));
  const question = options.question ?? 'How do I export my data?';
  const answer = await controller.handle(question);
  return { question, answer, routes: routesOf(SupportController) };
}
