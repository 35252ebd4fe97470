/** Wires the container and asks the support desk one question; no tracing setup here. */
import 'reflect-metadata';
import OpenAI from 'openai';
import { Container } from './container';
import { SupportController, SupportService } from './support';
import { parameterTypeNames } from './validate-args';

/** Options for `run()`. */
export interface RunOptions {
  baseURL?: string;
  apiKey?: string;
  question?: string;
}

/** The answer, plus the metadata the other decorators read, to show it survived `@llmSpan`. */
export interface SupportAnswer {
  readonly question: string;
  readonly answer: string;
  /** `design:paramtypes` of `SupportService` (constructor injection). */
  readonly injected: readonly string[];
  /** `design:paramtypes` of `SupportService.answer` (what `@ValidateArgs` checks). */
  readonly validated: readonly string[];
}

/**
 * Answers one support question through the injected, decorated services.
 *
 * @example
 * ```ts
 * import { run } from './app';
 * const { answer } = await run({ baseURL: 'http://127.0.0.1:8080/v1', apiKey: 'fake' });
 * ```
 */
export async function run(options: RunOptions = {}): Promise<SupportAnswer> {
  const client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey ?? process.env.OPENAI_API_KEY ?? 'unset' });
  const container = new Container().provide(OpenAI, client);
  const controller = container.resolve(SupportController);
  const question = options.question ?? 'How do I reset my password?';
  const answer = await controller.handle(question);
  return {
    question,
    answer,
    injected: ((Reflect.getMetadata('design:paramtypes', SupportService) ?? []) as { name: string }[]).map((t) => t.name),
    validated: parameterTypeNames(SupportService.prototype, 'answer'),
  };
}
