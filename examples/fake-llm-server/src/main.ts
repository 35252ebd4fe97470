/** Runs the fake server until interrupted, for trying the examples against it by hand. */
import { startFakeLlmServer } from './server';

async function main(): Promise<void> {
  const server = await startFakeLlmServer();
  process.stdout.write(`Fake OpenAI-compatible server listening at ${server.url}\n`);
  process.stdout.write(`Try: OPENAI_BASE_URL=${server.url} OPENAI_API_KEY=fake npm start -w @llm-trace/example-rag\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
