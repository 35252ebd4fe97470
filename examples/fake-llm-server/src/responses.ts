/**
 * The Responses API (`POST /v1/responses`): the same fake model as chat completions, answered as
 * one `response` object, or streamed as the event sequence the real API sends (`response.created`,
 * `response.in_progress`, the output item and content part events, one `response.output_text.delta`
 * per word, the `.done` events, then `response.completed` carrying the whole response and usage).
 */
import type { ServerResponse } from 'node:http';
import { countTokens, decideReply, textOf, type ChatMessage, type Reply, type ToolSpec } from './replies';

/** The subset of a Responses API request the fake model reads. */
export interface ResponsesRequest {
  model?: string;
  input?: string | ResponsesInputItem[];
  instructions?: string;
  tools?: { type: string; name?: string }[];
  stream?: boolean;
}

/** An input item: a message, or a function call and its output from an earlier round. */
interface ResponsesInputItem {
  type?: string;
  role?: string;
  content?: unknown;
  call_id?: string;
  name?: string;
  arguments?: string;
  output?: unknown;
}

/** A fixed creation time keeps responses byte-for-byte reproducible. */
const CREATED = 1_760_000_000;

/** The request's input as chat messages, so the one fake model answers both APIs alike. */
function messagesOf(body: ResponsesRequest): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (typeof body.instructions === 'string') messages.push({ role: 'system', content: body.instructions });
  if (typeof body.input === 'string') messages.push({ role: 'user', content: body.input });
  else if (Array.isArray(body.input)) {
    for (const item of body.input) {
      if (item.type === 'function_call') messages.push({ role: 'assistant', tool_calls: [{ id: item.call_id ?? '', function: { name: item.name ?? '', arguments: item.arguments ?? '' } }] });
      else if (item.type === 'function_call_output') messages.push({ role: 'tool', tool_call_id: item.call_id, content: textOf(item.output) || String(item.output ?? '') });
      else if (typeof item.role === 'string') messages.push({ role: item.role, content: item.content });
    }
  }
  return messages;
}

function toolsOf(body: ResponsesRequest): ToolSpec[] {
  return (body.tools ?? []).filter((t) => t.type === 'function' && typeof t.name === 'string').map((t) => ({ type: 'function', function: { name: t.name! } }));
}

function usageOf(messages: ChatMessage[], reply: Reply) {
  const input = messages.reduce((n, m) => n + countTokens(textOf(m.content)), 0);
  const output = reply.kind === 'text' ? countTokens(reply.text) : reply.calls.reduce((n, c) => n + countTokens(`${c.name} ${c.arguments}`), 0);
  return { input_tokens: input, input_tokens_details: { cached_tokens: 0 }, output_tokens: output, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: input + output };
}

/** The finished output items of a reply: one assistant message, or one function call per call. */
function outputItems(reply: Reply, seq: number): Record<string, unknown>[] {
  if (reply.kind === 'text') {
    return [{ id: `msg_fake_${seq}`, type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: reply.text, annotations: [], logprobs: [] }] }];
  }
  return reply.calls.map((c, i) => ({ id: `fc_fake_${seq}_${i}`, type: 'function_call', status: 'completed', call_id: c.id, name: c.name, arguments: c.arguments }));
}

// No `output_text`: that is a convenience the client adds, not part of the wire format.
function responseObject(id: string, model: string, status: string, output: unknown[], usage: unknown) {
  return {
    id,
    object: 'response',
    created_at: CREATED,
    status,
    error: null,
    incomplete_details: null,
    instructions: null,
    model,
    output,
    parallel_tool_calls: true,
    temperature: 1,
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    usage,
  };
}

function send(res: ServerResponse, type: string, data: Record<string, unknown>, counter: { n: number }): void {
  res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data, sequence_number: counter.n++ })}\n\n`);
}

/** Streams the reply as Responses API events. */
function streamResponse(res: ServerResponse, id: string, model: string, reply: Reply, usage: unknown, seq: number): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const counter = { n: 0 };
  send(res, 'response.created', { response: responseObject(id, model, 'in_progress', [], null) }, counter);
  send(res, 'response.in_progress', { response: responseObject(id, model, 'in_progress', [], null) }, counter);
  const items = outputItems(reply, seq);
  items.forEach((item, output_index) => {
    if (item.type === 'message') {
      const text = (reply as { text: string }).text;
      const item_id = item.id;
      send(res, 'response.output_item.added', { output_index, item: { ...item, status: 'in_progress', content: [] } }, counter);
      const part = { type: 'output_text', text: '', annotations: [], logprobs: [] };
      send(res, 'response.content_part.added', { item_id, output_index, content_index: 0, part }, counter);
      for (const delta of text.split(/(?<=\s)/)) send(res, 'response.output_text.delta', { item_id, output_index, content_index: 0, delta, logprobs: [] }, counter);
      send(res, 'response.output_text.done', { item_id, output_index, content_index: 0, text, logprobs: [] }, counter);
      send(res, 'response.content_part.done', { item_id, output_index, content_index: 0, part: { ...part, text } }, counter);
    } else {
      const args = String(item.arguments);
      const item_id = item.id;
      send(res, 'response.output_item.added', { output_index, item: { ...item, status: 'in_progress', arguments: '' } }, counter);
      for (let i = 0; i < args.length; i += 8) send(res, 'response.function_call_arguments.delta', { item_id, output_index, delta: args.slice(i, i + 8) }, counter);
      send(res, 'response.function_call_arguments.done', { item_id, output_index, arguments: args }, counter);
    }
    send(res, 'response.output_item.done', { output_index, item }, counter);
  });
  send(res, 'response.completed', { response: responseObject(id, model, 'completed', items, usage) }, counter);
  res.end();
}

/**
 * Answers one Responses API request (`seq` numbers the call, as for chat completions). Returns an
 * error message for a request it cannot answer.
 */
export function handleResponses(body: ResponsesRequest, res: ServerResponse, seq: number): string | undefined {
  const messages = messagesOf(body);
  if (!messages.some((m) => m.role === 'user')) return "'input' must be a string or hold a user message";
  const model = body.model ?? 'fake-model';
  const reply = decideReply(messages, toolsOf(body), seq);
  const usage = usageOf(messages, reply);
  const id = `resp_fake_${seq}`;
  if (body.stream) {
    streamResponse(res, id, model, reply, usage, seq);
    return undefined;
  }
  const payload = JSON.stringify(responseObject(id, model, 'completed', outputItems(reply, seq), usage));
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
  return undefined;
}
