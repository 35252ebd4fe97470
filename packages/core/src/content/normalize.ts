/**
 * Normalizes user-friendly content shapes (string system prompts, `{ role, content }` messages,
 * numeric document ids) into the OTel GenAI JSON schema shapes.
 */
import type { ChatMessage, Document, MessageInput, MessagePart, OutputMessage, OutputMessageInput, ToolDefinition, Usage } from './types';

/** Converts a `{ role, content }` shorthand (or a full message) to an OTel `ChatMessage`. */
export function toChatMessage(m: MessageInput): ChatMessage {
  if ('parts' in m && Array.isArray(m.parts)) return m;
  const s = m as { role: string; content: unknown; name?: string };
  const parts: MessagePart[] = typeof s.content === 'string' ? [{ type: 'text', content: s.content }] : [];
  return s.name === undefined ? { role: s.role, parts } : { role: s.role, parts, name: s.name };
}

/** Converts an output message input to an OTel `OutputMessage` (finish reason defaults to `stop`). */
export function toOutputMessage(m: OutputMessageInput): OutputMessage {
  if (isFinalOutputMessage(m)) return m;
  const base = toChatMessage(m as MessageInput);
  const finish = (m as { finish_reason?: string }).finish_reason;
  return { ...base, finish_reason: finish ?? 'stop' };
}

/**
 * True when `m` already is what `toOutputMessage` would build: a plain object with `parts` and a
 * string `finish_reason` (what the provider extractors build). A copy of it would serialize to
 * the same JSON, so it is written as it is.
 */
function isFinalOutputMessage(m: OutputMessageInput): m is OutputMessage {
  const o = m as { parts?: unknown; finish_reason?: unknown };
  return typeof o.finish_reason === 'string' && Array.isArray(o.parts) && Object.getPrototypeOf(m) === Object.prototype;
}

/**
 * A message list as OTel `ChatMessage`s: the list itself when every entry already has `parts`
 * (extracted provider messages), so nothing is copied.
 */
export function toChatMessages(list: readonly MessageInput[]): readonly ChatMessage[] {
  for (let i = 0; i < list.length; i++) {
    const m = list[i] as { parts?: unknown } | null;
    if (m === null || typeof m !== 'object' || !('parts' in m) || !Array.isArray(m.parts)) return list.map(toChatMessage);
  }
  return list as readonly ChatMessage[];
}

/**
 * An output message list as OTel `OutputMessage`s: the list itself when every entry already is
 * one (extracted provider messages), so nothing is copied.
 */
export function toOutputMessages(list: readonly OutputMessageInput[]): readonly OutputMessage[] {
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    if (m === null || typeof m !== 'object' || !isFinalOutputMessage(m)) return list.map(toOutputMessage);
  }
  return list as readonly OutputMessage[];
}

/** A system prompt as the OTel `gen_ai.system_instructions` part list. */
export function toInstructionParts(s: string | readonly MessagePart[]): readonly MessagePart[] {
  return typeof s === 'string' ? [{ type: 'text', content: s }] : s;
}

/** A document as written: `id` is a string per the retrieval-documents schema. */
export function toDocument(d: Document, captureContent: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (d.id !== undefined && d.id !== null) out.id = String(d.id);
  if (typeof d.score === 'number') out.score = d.score;
  if (captureContent) {
    if (d.content !== undefined) out.content = d.content;
    if (d.metadata !== undefined) out.metadata = d.metadata;
  }
  return out;
}

/** A tool definition as written; with content off only `{type, name}` remains. */
export function toToolDefinition(t: ToolDefinition, captureContent: boolean): Record<string, unknown> {
  if (!captureContent) return { type: t.type, name: t.name };
  const out: Record<string, unknown> = { type: t.type, name: t.name };
  if (t.description !== undefined) out.description = t.description;
  if (t.parameters !== undefined) out.parameters = t.parameters;
  return out;
}

/**
 * Total tokens: the given total, else input + output when either is known. Only numbers are
 * added: a count of another type (from `mapOutput`, say) is written as it is under its own key
 * and left out of the sum, which it would turn into text or make throw.
 */
export function totalTokens(u: Usage): number | undefined {
  if (typeof u.totalTokens === 'number') return u.totalTokens;
  const input = typeof u.inputTokens === 'number' ? u.inputTokens : undefined;
  const output = typeof u.outputTokens === 'number' ? u.outputTokens : undefined;
  if (input === undefined && output === undefined) return undefined;
  return (input ?? 0) + (output ?? 0);
}

/** Text of a message's text parts, joined. */
export function textOf(parts: readonly MessagePart[]): string {
  let s = '';
  for (const p of parts) if (p.type === 'text' && typeof (p as { content?: unknown }).content === 'string') s += (p as { content: string }).content;
  return s;
}
