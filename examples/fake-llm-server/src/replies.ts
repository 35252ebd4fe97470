/**
 * The fake model's "intelligence": pure functions from an OpenAI-style request to a reply, so
 * the same request always gets the same answer and the examples' traces are reproducible.
 */

/** The subset of a chat message the fake model reads. */
export interface ChatMessage {
  role: string;
  content?: unknown;
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

/** A tool the request offers. */
export interface ToolSpec {
  type: string;
  function?: { name: string };
}

/** What the fake model decided to say. */
export type Reply =
  | { kind: 'text'; text: string }
  | { kind: 'tool_calls'; calls: { id: string; name: string; arguments: string }[] };

/** Text of a message's content, whether a string or an array of parts. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (part && typeof part === 'object' && 'text' in part ? String((part as { text: unknown }).text) : ''))
      .join(' ');
  }
  return '';
}

/** Whitespace-separated word count: a stable stand-in for a tokenizer. */
export function countTokens(text: string): number {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.length;
}

const ARITHMETIC = /(-?\d+(?:\.\d+)?(?:\s*[-+*/]\s*\(?\s*-?\d+(?:\.\d+)?\s*\)?)+)/;
const WEATHER = /weather\s+(?:in|for|at)\s+([A-Z][a-zA-Z]+(?:\s[A-Z][a-zA-Z]+)?)/;

function lastUserIndex(messages: ChatMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.role === 'user') return i;
  return -1;
}

/** Chooses the tool calls a question needs, in a fixed order: weather first, then arithmetic. */
function neededCalls(question: string, tools: Set<string>): { name: string; arguments: Record<string, unknown> }[] {
  const calls: { name: string; arguments: Record<string, unknown> }[] = [];
  const weather = WEATHER.exec(question);
  if (weather && tools.has('get_weather')) calls.push({ name: 'get_weather', arguments: { city: weather[1] } });
  const maths = ARITHMETIC.exec(question);
  if (maths && tools.has('calculator')) calls.push({ name: 'calculator', arguments: { expression: maths[1]!.trim() } });
  return calls;
}

/** A JSON object result reads as its values ("Hangzhou, light rain, 18"); anything else as is. */
function readable(result: string): string {
  try {
    const parsed: unknown = JSON.parse(result);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return Object.values(parsed).join(', ');
  } catch {
    // Plain text result.
  }
  return result;
}

function summariseToolResults(messages: ChatMessage[], from: number): string {
  const results: string[] = [];
  for (const message of messages.slice(from)) {
    if (message.role === 'tool') results.push(readable(textOf(message.content)));
  }
  return results.length ? `Here is what I found: ${results.join('; ')}.` : 'I could not find anything.';
}

/** The context the RAG example puts into its system prompt, one `[n] text` line per document. */
function firstContextLine(messages: ChatMessage[]): string | undefined {
  for (const message of messages) {
    if (message.role !== 'system') continue;
    const line = textOf(message.content)
      .split('\n')
      .find((l) => /^\[\d+\]/.test(l));
    if (line) return line.replace(/^\[\d+\]\s*/, '');
  }
  return undefined;
}

/**
 * Decides the reply. With tools offered, the model calls one needed tool per round until every
 * needed tool has a result, then answers from the results; without tools it answers from the
 * context in the system prompt, or echoes the question.
 */
export function decideReply(messages: ChatMessage[], tools: ToolSpec[] | undefined, callSeed: number): Reply {
  const userAt = lastUserIndex(messages);
  const question = userAt >= 0 ? textOf(messages[userAt]!.content) : '';
  const toolNames = new Set((tools ?? []).map((t) => t.function?.name).filter((n): n is string => !!n));

  if (toolNames.size > 0) {
    const alreadyCalled = new Set<string>();
    for (const message of messages.slice(userAt + 1)) {
      for (const call of message.tool_calls ?? []) alreadyCalled.add(call.function.name);
    }
    const next = neededCalls(question, toolNames).find((c) => !alreadyCalled.has(c.name));
    if (next) {
      return {
        kind: 'tool_calls',
        calls: [{ id: `call_${callSeed}_${next.name}`, name: next.name, arguments: JSON.stringify(next.arguments) }],
      };
    }
    return { kind: 'text', text: summariseToolResults(messages, userAt + 1) };
  }

  const context = firstContextLine(messages);
  if (context) return { kind: 'text', text: `According to the documentation: ${context}` };
  return { kind: 'text', text: `You asked: ${question}` };
}

const DIMENSIONS = 64;

/** FNV-1a, so a word always lands in the same embedding dimension. */
function hash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A unit-length bag-of-words vector: texts sharing words get a high cosine similarity. */
export function embed(text: string): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    if (word.length < 3) continue;
    vector[hash(word) % DIMENSIONS]! += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
}
