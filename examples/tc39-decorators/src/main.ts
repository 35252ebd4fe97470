/** `npm start`: tracing on, the model reachable (fake server unless configured), one question. */
import { register } from '@llm-trace/node';
import { llmEndpointFromEnv } from '@llm-trace/example-fake-llm-server';
import { run } from './app';

async function main(): Promise<void> {
  const tracing = register({ serviceName: 'tc39-decorators-example' });
  const endpoint = await llmEndpointFromEnv();
  try {
    const result = await run({ baseURL: endpoint.baseURL, apiKey: endpoint.apiKey, question: process.argv[2] });
    const routes = result.routes.map((r) => `${r.method} ${r.path} → ${r.handler}`).join(', ');
    process.stdout.write(`\nQ: ${result.question}\nA: ${result.answer}\n   routes: ${routes}\n\n`);
  } finally {
    await tracing.shutdown();
    await endpoint.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`tc39-decorators example failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
