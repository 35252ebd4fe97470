/**
 * The agent app: a ReAct loop over the real `openai` client with two tools. It uses only
 * `@llm-trace/core` wrappers; tracing setup is the caller's business.
 *
 * Trace shape: ENTRY → AGENT → STEP (one per round) → LLM (with tool calls) → TOOL, until the
 * model answers without calling a tool.
 */
import OpenAI from 'openai';
import { withAgent, withEntry, withLLM, withSession, withStep, withTool } from '@llm-trace/core';
import { calculate } from './calculator';
import { lookupWeather, type Weather } from './weather';

/** Options for `run()`. */
export interface RunOptions {
  baseURL?: string;
  apiKey?: string;
  question?: string;
  sessionId?: string;
}

/** What `run()` answers. */
export interface AgentAnswer {
  readonly question: string;
  readonly answer: string;
  /** Names of the tools called, in order. */
  readonly toolCalls: readonly string[];
  readonly rounds: number;
}

const CHAT_MODEL = process.env.OPENAI_MODEL ?? 'qwen-plus';
const DEFAULT_QUESTION = 'What is the weather in Hangzhou, and what is 23 * 7 + 4?';
const MAX_ROUNDS = 5;

const TOOL_DEFINITIONS: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
  {
    type: 'function',
    function: {
      name: 'calculator',
      description: 'Evaluates an arithmetic expression with + - * / and parentheses',
      parameters: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] },
    },
  },
];

const getWeather = withTool({ description: 'Current weather for a city' }, async function get_weather(args: {
  city: string;
}): Promise<Weather> {
  return lookupWeather(args.city);
});

const calculator = withTool(
  { description: 'Evaluates an arithmetic expression' },
  function calculator(args: { expression: string }): number {
    return calculate(args.expression);
  },
);

/** Runs the tool a model asked for; a failing tool becomes a message the model can react to. */
async function callTool(name: string, rawArguments: string): Promise<string> {
  try {
    const args: unknown = JSON.parse(rawArguments);
    if (name === 'get_weather') return JSON.stringify(await getWeather(args as { city: string }));
    if (name === 'calculator') return String(calculator(args as { expression: string }));
    return `unknown tool "${name}"`;
  } catch (error) {
    return `tool failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

interface StepOutcome {
  readonly done: boolean;
  readonly answer?: string;
  readonly toolCalls: readonly string[];
}

function providerName(baseURL: string | undefined): string {
  return baseURL?.includes('dashscope') ? 'dashscope' : 'openai';
}

/**
 * Answers one question with the agent.
 *
 * @example
 * ```ts
 * import { run } from './app';
 * const { answer } = await run({ baseURL: 'http://127.0.0.1:8080/v1', apiKey: 'fake' });
 * ```
 */
export async function run(options: RunOptions = {}): Promise<AgentAnswer> {
  const client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey ?? process.env.OPENAI_API_KEY ?? 'unset' });
  const provider = providerName(options.baseURL ?? process.env.OPENAI_BASE_URL);
  const question = options.question ?? DEFAULT_QUESTION;

  const chat = withLLM({ model: CHAT_MODEL, provider }, (params: OpenAI.ChatCompletionCreateParamsNonStreaming) =>
    client.chat.completions.create(params),
  );

  const step = withStep(
    {
      mapInput: ([round]) => ({ round }),
      mapOutput: (outcome) => ({ finishReason: outcome.done ? 'stop' : 'tool_calls' }),
    },
    async function reactStep(round: number, messages: OpenAI.ChatCompletionMessageParam[]): Promise<StepOutcome> {
      const completion = await chat({ model: CHAT_MODEL, messages, tools: TOOL_DEFINITIONS });
      const message = completion.choices[0]!.message;
      messages.push(message);
      const calls = (message.tool_calls ?? []).filter((c) => c.type === 'function');
      if (calls.length === 0) return { done: true, answer: message.content ?? '', toolCalls: [] };
      for (const call of calls) {
        const content = await callTool(call.function.name, call.function.arguments);
        messages.push({ role: 'tool', tool_call_id: call.id, content });
      }
      return { done: false, toolCalls: calls.map((c) => c.function.name) };
    },
  );

  const agent = withAgent(
    { name: 'weather_and_maths_assistant', description: 'Answers with the weather and calculator tools' },
    async function assistant(q: string): Promise<AgentAnswer> {
      const messages: OpenAI.ChatCompletionMessageParam[] = [
        { role: 'system', content: 'You are a helpful assistant. Use the tools for weather and arithmetic.' },
        { role: 'user', content: q },
      ];
      const toolCalls: string[] = [];
      for (let round = 1; round <= MAX_ROUNDS; round++) {
        const outcome = await step(round, messages);
        toolCalls.push(...outcome.toolCalls);
        if (outcome.done) return { question: q, answer: outcome.answer ?? '', toolCalls, rounds: round };
      }
      return { question: q, answer: 'I could not finish within the round limit.', toolCalls, rounds: MAX_ROUNDS };
    },
  );

  const handleQuestion = withEntry(
    {
      mapInput: ([q]) => ({ inputMessages: [{ role: 'user', content: q }] }),
      mapOutput: (result) => ({ outputMessages: [{ role: 'assistant', content: result.answer }] }),
    },
    async function handleQuestion(q: string): Promise<AgentAnswer> {
      return agent(q);
    },
  );

  return withSession({ sessionId: options.sessionId ?? 'agent-demo-session', userId: 'demo-user' }, () => handleQuestion(question));
}
