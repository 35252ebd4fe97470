/**
 * Redaction and the content switch for GenAI spans other libraries make (the Vercel AI SDK,
 * OpenInference, OpenLLMetry, the OpenAI Agents SDK): their prompts, completions, tool arguments
 * and results are redacted with the same rules as ours, and dropped when content capture is off.
 * Our own spans are skipped: they were redacted when written.
 */
import { diag, type AttributeValue, type Attributes, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { getConfig, type LlmTraceConfig } from '@llm-trace/core';
import { createRedactor, redactText } from '@llm-trace/core/extend';

/** The instrumentation scope of the spans `@llm-trace/core` makes. */
const OUR_SCOPE = '@llm-trace/core';

/** Attributes that hold content (messages, prompts, inputs, outputs, tool arguments and results). */
const CONTENT_KEYS: ReadonlySet<string> = new Set([
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.system_instructions',
  'gen_ai.tool.call.arguments',
  'gen_ai.tool.call.result',
  'gen_ai.retrieval.query.text',
  'gen_ai.retrieval.documents',
  'gen_ai.prompt',
  'gen_ai.completion',
  'input.value',
  'output.value',
  'llm.prompts',
  'reranker.query',
  'ai.prompt',
  'ai.prompt.messages',
  'ai.prompt.tools',
  'ai.response.text',
  'ai.response.object',
  'ai.response.toolCalls',
  'ai.response.reasoning',
  'ai.toolCall.args',
  'ai.toolCall.result',
  'ai.value',
  'ai.values',
  'traceloop.entity.input',
  'traceloop.entity.output',
]);

/** Flattened content (`llm.input_messages.0.message.content`, `gen_ai.prompt.0.content`, ...). */
const CONTENT_PREFIXES: readonly string[] = [
  'llm.input_messages.',
  'llm.output_messages.',
  'llm.prompts.',
  'retrieval.documents.',
  'reranker.input_documents.',
  'reranker.output_documents.',
  'embedding.embeddings.',
  'gen_ai.prompt.',
  'gen_ai.completion.',
  'ai.prompt.',
  'ai.response.',
];

/** Parts of flattened content that are structure, kept with content off (`...role`, `...id`, `...score`). */
const STRUCTURE_SUFFIX = /\.(?:role|id|score|finish_reason|tool_call_id)$/;

/** Key prefixes that mark a span as a GenAI span (others are not touched). */
const GENAI_PREFIXES: readonly string[] = ['gen_ai.', 'llm.', 'ai.', 'openinference.', 'traceloop.', 'input.value', 'output.value', 'retrieval.', 'reranker.', 'embedding.', 'tool.'];

function isContentKey(key: string): boolean {
  if (CONTENT_KEYS.has(key)) return true;
  for (const p of CONTENT_PREFIXES) if (key.startsWith(p)) return !STRUCTURE_SUFFIX.test(key);
  return false;
}

function isGenAiSpan(attributes: Attributes): boolean {
  for (const key in attributes) {
    for (const p of GENAI_PREFIXES) if (key.startsWith(p)) return true;
  }
  return false;
}

function redactAttributeValue(value: AttributeValue | undefined, key: string, config: LlmTraceConfig): AttributeValue | undefined {
  if (typeof value === 'string') return createRedactor(config.redaction, key, config.maxAttributeLength).string(value);
  if (Array.isArray(value) && value.some((v) => typeof v === 'string')) {
    const r = createRedactor(config.redaction, key, config.maxAttributeLength);
    return value.map((v) => (typeof v === 'string' ? r.string(v) : v)) as AttributeValue;
  }
  return value;
}

/** Redacts (or, content off, drops) the content of one attribute map in place. */
function scrubAttributes(attributes: Attributes, config: LlmTraceConfig): void {
  for (const key of Object.keys(attributes)) {
    if (!config.captureContent && isContentKey(key)) {
      // The span's own attribute map: an ended span is never written again, and onEnding is
      // the last moment anyone can change it.
      delete attributes[key];
      continue;
    }
    const before = attributes[key];
    const after = redactAttributeValue(before, key, config);
    if (after !== before) attributes[key] = after;
  }
}

/**
 * A span processor that applies redaction and the content switch to GenAI spans made by other
 * libraries, just before they end (SDK 2.x `onEnding`, so every exporter sees the redacted span).
 * `register()` installs it first.
 *
 * @example
 * ```ts
 * import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
 * import { RedactingSpanProcessor } from '@llm-trace/node';
 * const provider = new NodeTracerProvider({ spanProcessors: [new RedactingSpanProcessor()] });
 * ```
 */
export class RedactingSpanProcessor implements SpanProcessor {
  onStart(_span: Span, _parentContext: Context): void {}

  onEnding(span: Span): void {
    try {
      if (span.instrumentationScope?.name === OUR_SCOPE) return;
      const attributes = span.attributes as Attributes;
      if (!isGenAiSpan(attributes)) return;
      const config = getConfig();
      scrubAttributes(attributes, config);
      for (const event of span.events) if (event.attributes) scrubAttributes(event.attributes as Attributes, config);
      const message = span.status.message;
      if (message) span.setStatus({ code: span.status.code, message: redactText(message, config.redaction, config.maxAttributeLength) });
    } catch (err) {
      diag.error('llm-trace: could not redact a span from another library', err);
    }
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
