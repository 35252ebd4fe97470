/**
 * The OpenAI Agents SDK traces into its own system, not OpenTelemetry. This processor, installed
 * through the SDK's public extension point (`addTraceProcessor` / `setTraceProcessors`), turns each
 * of its spans into an OTel span in the LLM Trace conventions, nested under the OTel span that was
 * active when the run started, so agent runs, model calls and tool calls appear in the same trace
 * as the app's own spans, with the session, usage, redaction and the content switch.
 */
import { context, diag, trace, SpanKind, SpanStatusCode, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { getConfig, type ContentFor, type KindName } from '@llm-trace/core';
import { CONTENT_ADAPTERS, contentWriter, withCaptureContent } from '@llm-trace/core/extend';

/** The parts of an Agents SDK trace this processor reads. */
export interface AgentsTrace {
  readonly traceId: string;
  readonly name: string;
  readonly groupId?: string | null;
}

/** The parts of an Agents SDK span this processor reads. */
export interface AgentsSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentId: string | null;
  readonly spanData: { readonly type: string; readonly [key: string]: unknown };
  readonly error: { readonly message: string; readonly data?: Record<string, unknown> } | null;
}

/**
 * Options of `LlmTraceAgentsProcessor`.
 *
 * @example
 * ```ts
 * import type { LlmTraceAgentsProcessorOptions } from '@llm-trace/openai-agents';
 * const options: LlmTraceAgentsProcessorOptions = { captureContent: false };
 * ```
 */
export interface LlmTraceAgentsProcessorOptions {
  /** The tracer to use. Default: the global provider's tracer `@llm-trace/openai-agents`. */
  readonly tracer?: Tracer;
  /** Content capture for these spans; default: the global `configure({ captureContent })`. */
  readonly captureContent?: boolean;
}

const TRACER_NAME = '@llm-trace/openai-agents';

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
function parseJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

interface Mapped {
  readonly kind: KindName;
  readonly name: string;
  readonly otelKind: SpanKind;
  readonly operation: string;
}

/** Which of our kinds an Agents span is, and its span name. */
function mapSpan(data: AgentsSpan['spanData']): Mapped {
  switch (data.type) {
    case 'agent':
      return { kind: 'AGENT', name: `invoke_agent ${str(data.name) ?? 'agent'}`, otelKind: SpanKind.INTERNAL, operation: 'invoke_agent' };
    case 'response':
    case 'generation':
      return { kind: 'LLM', name: str(data.model) ? `chat ${String(data.model)}` : 'chat', otelKind: SpanKind.CLIENT, operation: 'chat' };
    case 'function':
      return { kind: 'TOOL', name: `execute_tool ${str(data.name) ?? 'tool'}`, otelKind: SpanKind.INTERNAL, operation: 'execute_tool' };
    case 'turn':
      return { kind: 'STEP', name: 'react step', otelKind: SpanKind.INTERNAL, operation: 'react' };
    case 'task':
      return { kind: 'CHAIN', name: `chain ${str(data.name) ?? 'task'}`, otelKind: SpanKind.INTERNAL, operation: 'workflow' };
    case 'handoff':
      return { kind: 'TASK', name: 'run_task handoff', otelKind: SpanKind.INTERNAL, operation: 'run_task' };
    case 'guardrail':
      return { kind: 'TASK', name: `run_task ${str(data.name) ?? 'guardrail'}`, otelKind: SpanKind.INTERNAL, operation: 'run_task' };
    default:
      return { kind: 'TASK', name: `run_task ${str(data.name) ?? data.type}`, otelKind: SpanKind.INTERNAL, operation: 'run_task' };
  }
}

function agentsUsage(v: unknown): ContentFor<'LLM'>['usage'] {
  const u = obj(v);
  if (!u) return undefined;
  const inputTokens = num(u.input_tokens) ?? num(u.inputTokens);
  const outputTokens = num(u.output_tokens) ?? num(u.outputTokens);
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  return { inputTokens, outputTokens, totalTokens: num(u.total_tokens) ?? num(u.totalTokens) };
}

/** What an Agents span knew by its end, as our content. */
function endContent(kind: KindName, data: AgentsSpan['spanData']): ContentFor<KindName> | undefined {
  if (kind === 'TOOL') return { name: str(data.name), arguments: parseJson(data.input), result: data.output };
  if (kind === 'AGENT') return { name: str(data.name) } as ContentFor<'AGENT'>;
  if (kind === 'STEP') return { round: num(data.turn) } as ContentFor<'STEP'>;
  if (kind !== 'LLM') return undefined;
  if (data.type === 'response') {
    // The Responses API objects, present when the SDK records sensitive data.
    const response = obj(data._response);
    const out = response ? CONTENT_ADAPTERS.LLM.output?.(response) : undefined;
    const input = data._input === undefined ? undefined : CONTENT_ADAPTERS.LLM.input?.([{ model: response?.model, input: data._input }]);
    return { provider: 'openai', ...input, ...out, responseId: str(data.response_id) ?? out?.responseId, usage: out?.usage ?? agentsUsage(response?.usage) };
  }
  const inputMessages = Array.isArray(data.input) ? CONTENT_ADAPTERS.LLM.input?.([{ messages: data.input }])?.inputMessages : undefined;
  // The Chat Completions path records the whole response object as the output.
  const first = Array.isArray(data.output) ? data.output[0] : undefined;
  const out = first === undefined ? undefined : CONTENT_ADAPTERS.LLM.output?.(first);
  return { provider: 'openai', model: str(data.model), inputMessages, ...out, usage: agentsUsage(data.usage) ?? out?.usage };
}

/**
 * An Agents SDK `TracingProcessor` that writes the SDK's traces as OTel spans in the LLM Trace
 * conventions: agent → AGENT, response / generation → LLM, function → TOOL, turn → STEP, task →
 * CHAIN, handoff / guardrail / custom → TASK. Each run nests under the OTel span active when it
 * started (and so carries that context's session); usage, the tool's arguments and result, and
 * (when the SDK records them) the model's messages are written through llm-trace's content rules.
 *
 * @example
 * ```ts
 * import { addTraceProcessor } from '@openai/agents';
 * import { LlmTraceAgentsProcessor } from '@llm-trace/openai-agents';
 * addTraceProcessor(new LlmTraceAgentsProcessor());
 * ```
 */
export class LlmTraceAgentsProcessor {
  private readonly tracerOption: Tracer | undefined;
  private readonly captureContent: boolean | undefined;
  /** The OTel context each Agents trace started in, by trace id. */
  private readonly traces = new Map<string, Context>();
  /** Open OTel spans by Agents span id. */
  private readonly spans = new Map<string, { span: Span; kind: KindName; ctx: Context }>();

  constructor(options: LlmTraceAgentsProcessorOptions = {}) {
    if (options === null || typeof options !== 'object') throw new TypeError('LlmTraceAgentsProcessor: expected an options object');
    if (options.captureContent !== undefined && typeof options.captureContent !== 'boolean') {
      throw new TypeError('LlmTraceAgentsProcessor: option "captureContent" must be a boolean');
    }
    this.tracerOption = options.tracer;
    this.captureContent = options.captureContent;
  }

  private get tracer(): Tracer {
    return this.tracerOption ?? trace.getTracer(TRACER_NAME);
  }

  private config() {
    return withCaptureContent(getConfig(), this.captureContent);
  }

  async onTraceStart(t: AgentsTrace): Promise<void> {
    try {
      this.traces.set(t.traceId, context.active());
    } catch (err) {
      diag.error('llm-trace: LlmTraceAgentsProcessor could not start a trace', err);
    }
  }

  async onTraceEnd(t: AgentsTrace): Promise<void> {
    this.traces.delete(t.traceId);
  }

  async onSpanStart(s: AgentsSpan): Promise<void> {
    try {
      const parent = (s.parentId ? this.spans.get(s.parentId)?.ctx : undefined) ?? this.traces.get(s.traceId) ?? context.active();
      const m = mapSpan(s.spanData);
      const span = this.tracer.startSpan(m.name, { kind: m.otelKind, attributes: { 'gen_ai.span.kind': m.kind, 'gen_ai.operation.name': m.operation } }, parent);
      if (m.kind === 'AGENT') contentWriter.write(span, 'AGENT', { name: str(s.spanData.name) } as ContentFor<'AGENT'>, this.config());
      if (m.kind === 'TOOL') contentWriter.write(span, 'TOOL', { name: str(s.spanData.name) }, this.config());
      if (m.kind === 'LLM') contentWriter.write(span, 'LLM', { provider: 'openai', model: str(s.spanData.model) }, this.config());
      if (s.spanData.type === 'handoff' || s.spanData.type === 'guardrail' || s.spanData.type === 'custom') span.setAttribute('openai_agents.span.type', s.spanData.type);
      this.spans.set(s.spanId, { span, kind: m.kind, ctx: trace.setSpan(parent, span) });
    } catch (err) {
      diag.error('llm-trace: LlmTraceAgentsProcessor could not start a span', err);
    }
  }

  async onSpanEnd(s: AgentsSpan): Promise<void> {
    const open = this.spans.get(s.spanId);
    if (!open) return;
    this.spans.delete(s.spanId);
    const { span, kind } = open;
    try {
      const content = endContent(kind, s.spanData);
      if (content) contentWriter.write(span, kind, content, this.config());
      const model = kind === 'LLM' ? (content as ContentFor<'LLM'> | undefined)?.model ?? (content as ContentFor<'LLM'> | undefined)?.responseModel : undefined;
      if (model) span.updateName(`chat ${model}`);
      const data = s.spanData;
      if (data.type === 'handoff') {
        if (str(data.from_agent)) span.setAttribute('openai_agents.handoff.from_agent', String(data.from_agent));
        if (str(data.to_agent)) span.setAttribute('openai_agents.handoff.to_agent', String(data.to_agent));
      }
      if (data.type === 'guardrail' && typeof data.triggered === 'boolean') span.setAttribute('openai_agents.guardrail.triggered', data.triggered);
      if (s.error) {
        span.setAttribute('error.type', '_OTHER');
        span.setStatus({ code: SpanStatusCode.ERROR, message: s.error.message });
      }
    } catch (err) {
      diag.error('llm-trace: LlmTraceAgentsProcessor could not finish a span', err);
    }
    span.end();
  }

  async forceFlush(): Promise<void> {}

  /** Ends every span still open (a run cut short by shutdown). */
  async shutdown(): Promise<void> {
    for (const { span } of this.spans.values()) span.end();
    this.spans.clear();
    this.traces.clear();
  }
}
