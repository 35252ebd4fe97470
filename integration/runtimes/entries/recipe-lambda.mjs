// Calls the serverless handler once, as Lambda would; nothing is flushed after it returns, so
// the spans must already have left.
import { handler } from '../../../examples/runtime-vercel/api/chat-serverless.ts';

globalThis.exercise = async () => {
  const r = await handler({ question: 'What is OpenTelemetry?' });
  return { status: r.statusCode, answer: JSON.parse(r.body).answer.length > 0 };
};
