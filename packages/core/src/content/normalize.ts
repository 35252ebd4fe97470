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
  const base = toChatMessage(m as MessageInput);
  const finish = (m as { finish_reason?: string }).finish_reason;
  return { ...base, finish_reason: finish ?? 'stop' };
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

/** Total tokens: the given total, else input + output when either is known. */
export function totalTokens(u: Usage): number | undefined {
  if (typeof u.totalTokens === 'number') return u.totalTokens;
  if (typeof u.inputTokens !== 'number' && typeof u.outputTokens !== 'number') return undefined;
  return (u.inputTokens ?? 0) + (u.outputTokens ?? 0);
}

/** Text of a message's text parts, joined. */
export function textOf(parts: readonly MessagePart[]): string {
  let s = '';
  for (const p of parts) if (p.type === 'text' && typeof (p as { content?: unknown }).content === 'string') s += (p as { content: string }).content;
  return s;
}
