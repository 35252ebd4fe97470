// Compile-time proofs for mapInput / mapOutput in the shapes the docs use, and for
// currentLlmSpan(); checked against the sources and, in CI, against the built declarations with
// TypeScript 5.0 to 7. Nothing here runs.
import { currentLlmSpan, withAgent, withLLM, withRetriever, type ChatMessage, type Document, type LlmSpanHandle } from '@llm-trace/core';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

interface Completion {
  text: string;
  usage: { prompt: number; completion: number };
}

// A function declared first, then wrapped: the options are typed from it on every TS version.
async function complete(prompt: string, temperature: number): Promise<Completion> {
  return { text: prompt, usage: { prompt: temperature, completion: 1 } };
}
const tracedComplete = withLLM(
  {
    model: 'qwen-plus',
    provider: 'dashscope',
    mapInput: ([prompt, temperature]) => ({
      inputMessages: [{ role: 'user', content: prompt }],
      request: { temperature },
    }),
    mapOutput: (c) => ({
      outputMessages: [{ role: 'assistant', content: c.text }],
      usage: { inputTokens: c.usage.prompt, outputTokens: c.usage.completion },
    }),
  },
  complete,
);
assertType<Equals<typeof tracedComplete, typeof complete>>();

// An inline arrow after the options infers too.
const retrieve = withRetriever(
  { dataSource: 'kb', mapOutput: (docs) => ({ documents: docs.map((d): Document => ({ id: d.id, content: d.body })) }) },
  async (query: string) => [{ id: query, body: 'text' }],
);
const docs: Promise<{ id: string; body: string }[]> = retrieve('otel');
void docs;

// An agent with mapInput on a single object argument.
const plan = withAgent({ name: 'planner', mapInput: ([task]) => ({ inputMessages: [{ role: 'user', content: task.goal }] }) }, async (task: { goal: string }) => task.goal.length);
const steps: Promise<number> = plan({ goal: 'ship' });
void steps;

// currentLlmSpan() is a typed handle everywhere, a no-op outside a span.
const handle: LlmSpanHandle = currentLlmSpan();
handle.setUsage({ inputTokens: 1, outputTokens: 2 });
handle.setModel('qwen-plus');
const messages: ChatMessage[] = [{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }];
handle.setInputMessages(messages);
handle.recordFirstToken();
// @ts-expect-error token counts are numbers
handle.setUsage({ inputTokens: '1' });
