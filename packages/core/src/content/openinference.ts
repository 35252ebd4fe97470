/**
 * The OpenInference dialect: flattened `llm.*`, `retrieval.documents.{i}.*`,
 * `reranker.*_documents.{i}.*`, `embedding.*`, `tool.*` keys on the same span, so Phoenix renders it.
 */
import type { AttributeSink } from './attribute-sink';
import { toChatMessage, toOutputMessage, toToolDefinition } from './normalize';
import type { Document, KindName, MessageInput, MessagePart, OutputMessageInput, ToolDefinition, Usage } from './types';
import { totalTokens } from './normalize';

/**
 * `openinference.span.kind` for each kind (TASK, ENTRY and STEP render as CHAIN).
 *
 * @example
 * ```ts
 * import { OPENINFERENCE_SPAN_KIND } from '@llm-trace/core/extend';
 * OPENINFERENCE_SPAN_KIND.STEP; // 'CHAIN'
 * ```
 */
export const OPENINFERENCE_SPAN_KIND = {
  LLM: 'LLM',
  EMBEDDING: 'EMBEDDING',
  RETRIEVER: 'RETRIEVER',
  RERANKER: 'RERANKER',
  TOOL: 'TOOL',
  AGENT: 'AGENT',
  CHAIN: 'CHAIN',
  TASK: 'CHAIN',
  ENTRY: 'CHAIN',
  STEP: 'CHAIN',
} as const satisfies Record<KindName, string>;

/** OpenInference `llm.provider` / `llm.system` values for the OTel provider names that differ. */
const PROVIDER: Readonly<Record<string, string>> = {
  'mistral_ai': 'mistralai',
  'x_ai': 'xai',
  'gcp.gemini': 'google',
  'gcp.vertex_ai': 'google',
  'gcp.gen_ai': 'google',
  'aws.bedrock': 'aws',
  'azure.ai.openai': 'azure',
  'azure.ai.inference': 'azure',
};

/** Maps an OTel provider name to OpenInference's `llm.provider`. */
export function oiProvider(provider: string): string {
  return PROVIDER[provider] ?? provider;
}

function stringify(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return String(v);
  }
}

/** Writes one message's flattened keys under `prefix` (e.g. `llm.input_messages.0.`). */
function writeMessage(sink: AttributeSink, prefix: string, role: string, parts: readonly MessagePart[], name?: string | null): void {
  sink.value(`${prefix}message.role`, role);
  if (name) sink.value(`${prefix}message.name`, name);
  const texts: string[] = [];
  let calls = 0;
  let onlyText = true;
  for (const p of sink.list(parts)) {
    if (p.type === 'text') texts.push(String((p as { content: unknown }).content ?? ''));
    else if (p.type === 'tool_call') {
      const c = p as { id?: string | null; name: string; arguments?: unknown };
      const tp = `${prefix}message.tool_calls.${calls++}.tool_call.`;
      if (c.id) sink.value(`${tp}id`, c.id);
      sink.value(`${tp}function.name`, c.name);
      if (c.arguments !== undefined) sink.value(`${tp}function.arguments`, stringify(c.arguments));
    } else if (p.type === 'tool_call_response') {
      const r = p as { id?: string | null; response: unknown };
      if (r.id) sink.value(`${prefix}message.tool_call_id`, r.id);
      texts.push(stringify(r.response));
    } else onlyText = false;
  }
  if (onlyText) {
    if (texts.length > 0) sink.value(`${prefix}message.content`, texts.join(''));
    return;
  }
  let k = 0;
  for (const p of sink.list(parts)) {
    const cp = `${prefix}message.contents.${k}.message_content.`;
    const any = p as Record<string, unknown>;
    switch (p.type) {
      case 'text':
        sink.value(`${cp}type`, 'text');
        sink.value(`${cp}text`, any.content);
        break;
      case 'reasoning':
        sink.value(`${cp}type`, 'reasoning');
        sink.value(`${cp}text`, any.content);
        break;
      case 'uri':
        if (any.modality === 'image') {
          sink.value(`${cp}type`, 'image');
          sink.value(`${cp}image.image.url`, any.uri);
        } else continue;
        break;
      case 'blob':
        if (any.modality === 'image') {
          sink.value(`${cp}type`, 'image');
          sink.value(`${cp}image.image.url`, `data:${String(any.mime_type ?? 'image/png')};base64,${String(any.content)}`);
        } else continue;
        break;
      default:
        continue;
    }
    k++;
  }
}

/** `llm.input_messages.*` (system instructions first, as a `system` message). */
export function oiInputMessages(sink: AttributeSink, messages: readonly MessageInput[] | undefined, system: readonly MessagePart[] | undefined): void {
  if (!sink.capture) return;
  let i = 0;
  if (system && system.length > 0) writeMessage(sink, `llm.input_messages.${i++}.`, 'system', sink.redacted('llm.input_messages', system));
  for (const m of sink.list(messages ?? [])) {
    const c = sink.redacted('llm.input_messages', toChatMessage(m));
    writeMessage(sink, `llm.input_messages.${i++}.`, c.role, c.parts, c.name);
  }
}

/** `llm.output_messages.*`. */
export function oiOutputMessages(sink: AttributeSink, messages: readonly OutputMessageInput[] | undefined): void {
  if (!sink.capture || !messages) return;
  sink.list(messages).forEach((m, i) => {
    const c = sink.redacted('llm.output_messages', toOutputMessage(m));
    writeMessage(sink, `llm.output_messages.${i}.`, c.role, c.parts, c.name);
  });
}

/** `llm.tools.{i}.tool.json_schema`. */
export function oiTools(sink: AttributeSink, tools: readonly ToolDefinition[]): void {
  sink.list(tools).forEach((t, i) => {
    const d = toToolDefinition(t, sink.capture);
    const fn: Record<string, unknown> = { name: d.name };
    if (d.description !== undefined) fn.description = d.description;
    if (d.parameters !== undefined) fn.parameters = d.parameters;
    sink.json(`llm.tools.${i}.tool.json_schema`, { type: d.type, function: fn });
  });
}

/** `llm.token_count.*`. */
export function oiUsage(sink: AttributeSink, u: Usage): void {
  sink.value('llm.token_count.prompt', u.inputTokens);
  sink.value('llm.token_count.completion', u.outputTokens);
  sink.value('llm.token_count.total', totalTokens(u));
  sink.value('llm.token_count.prompt_details.cache_read', u.cacheReadInputTokens);
  sink.value('llm.token_count.prompt_details.cache_write', u.cacheCreationInputTokens);
  sink.value('llm.token_count.completion_details.reasoning', u.reasoningOutputTokens);
}

/** `retrieval.documents.{i}.document.*` or `reranker.{input,output}_documents.{i}.document.*`. */
export function oiDocuments(sink: AttributeSink, prefix: string, docs: readonly Document[]): void {
  sink.list(docs).forEach((d, i) => {
    const p = `${prefix}.${i}.document.`;
    if (d.id !== undefined && d.id !== null) sink.value(`${p}id`, String(d.id));
    sink.value(`${p}score`, d.score);
    sink.content(`${p}content`, d.content);
    if (sink.capture && d.metadata !== undefined) sink.json(`${p}metadata`, d.metadata);
  });
}
