/** `npm start`: tracing on, the model reachable (fake server unless configured), one question. */
import 'reflect-metadata';
import { register } from '@llm-trace/node';
import { llmEndpointFromEnv } from '@llm-trace/example-fake-llm-server';
import { run } from './app';

async function main(): Promise<void> {
  const tracing = register({ serviceName: 'nestjs-style-example' });
  const endpoint = await llmEndpointFromEnv();
  try {
    const result = await run({ baseURL: endpoint.baseURL, apiKey: endpoint.apiKey, question: process.argv[2] });
    process.stdout.write(
      `\nQ: ${result.question}\nA: ${result.answer}\n   injected: ${result.injected.join(', ')}; validated: ${result.validated.join(', ')}\n\n`,
    );
  } finally {
    await tracing.shutdown();
    await endpoint.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`nestjs-style example failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
