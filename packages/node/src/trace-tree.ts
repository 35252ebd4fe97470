/**
 * Renders one finished trace as an indented tree, one line per span. Pure (spans in, text out)
 * so the console exporter stays a thin buffering layer and the format is testable on its own.
 */
import { SpanStatusCode, type Attributes, type HrTime, type SpanContext, type SpanStatus } from '@opentelemetry/api';
import { getConfig } from '@llm-trace/core';
import { redactText } from '@llm-trace/core/extend';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_REACT_ROUND,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_TOKEN,
  ATTR_GEN_AI_SESSION_ID,
  ATTR_GEN_AI_SPAN_KIND,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USER_TIME_TO_FIRST_TOKEN,
  ATTR_RERANKER_MODEL_NAME,
} from '@llm-trace/semconv';

/** Another library's span (OpenInference) may carry only its own kind key. */
const OPENINFERENCE_KIND = 'openinference.span.kind';

/**
 * How `formatTraceTree()` renders.
 *
 * @example
 * ```ts
 * import type { TraceTreeFormat } from '@llm-trace/node';
 * const format: TraceTreeFormat = { color: process.stdout.isTTY };
 * ```
 */
export interface TraceTreeFormat {
  /** Emit ANSI colours. @default false */
  readonly color?: boolean;
  /** Spans of this trace that were not kept (a bounded buffer); said in a last line when > 0. */
  readonly dropped?: number;
}

/**
 * What the tree reads of a span: an SDK `ReadableSpan` is one, and so is the slim copy the
 * console exporter keeps while a trace is open.
 *
 * @example
 * ```ts
 * import type { TreeSpan } from '@llm-trace/node';
 * import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
 * const asTree = (s: ReadableSpan): TreeSpan => s;
 * ```
 */
export interface TreeSpan {
  readonly name: string;
  readonly attributes: Attributes;
  readonly status: SpanStatus;
  readonly duration: HrTime;
  readonly startTime: HrTime;
  spanContext(): SpanContext;
  readonly parentSpanContext?: SpanContext;
}

/**
 * Every attribute the tree reads of a span. The console exporter keeps only these of a span it
 * holds, so this one list decides both what is printed and what is held.
 */
export const TREE_KEYS: readonly string[] = [
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_REACT_ROUND,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_TOKEN,
  ATTR_GEN_AI_SESSION_ID,
  ATTR_GEN_AI_SPAN_KIND,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USER_TIME_TO_FIRST_TOKEN,
  ATTR_RERANKER_MODEL_NAME,
  OPENINFERENCE_KIND,
];

/** Longest span name or error message printed. */
const MAX_PRINTED_TEXT = 512;

/** Text printed from a span (its name, its error message) goes through redaction like content. */
function printable(text: string): string {
  return redactText(text, getConfig().redaction, MAX_PRINTED_TEXT);
}

const ANSI = {
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  blue: '\u001b[34m',
  magenta: '\u001b[35m',
  cyan: '\u001b[36m',
  reset: '\u001b[0m',
} as const;

const KIND_COLOUR: Record<string, keyof typeof ANSI> = {
  ENTRY: 'bold',
  AGENT: 'magenta',
  STEP: 'magenta',
  CHAIN: 'blue',
  TASK: 'blue',
  LLM: 'green',
  EMBEDDING: 'cyan',
  RETRIEVER: 'cyan',
  RERANKER: 'cyan',
  TOOL: 'yellow',
};

function hrToMs(t: HrTime): number {
  return t[0] * 1e3 + t[1] / 1e6;
}

/**
 * A duration in the unit a person reads fastest: `850µs`, `12ms`, `1.24s`.
 *
 * @example
 * ```ts
 * import { formatDuration } from '@llm-trace/node';
 * formatDuration(1234.5); // '1.23s'
 * ```
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1) return `${Math.round(ms * 1000)}µs`;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return `${(ms / 1000).toFixed(2)}s`;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function spanId(span: TreeSpan): string {
  return span.spanContext().spanId;
}

function parentId(span: TreeSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

function describe(
  span: TreeSpan,
  parentSession: string | undefined,
  paint: (colour: keyof typeof ANSI, text: string) => string,
): string {
  const a = span.attributes;
  // OpenInference spans printed without register()'s kind processor still show what they are.
  const kind = str(a[ATTR_GEN_AI_SPAN_KIND]) ?? str(a[OPENINFERENCE_KIND])?.toUpperCase();
  const parts: string[] = [];
  parts.push(kind ? paint(KIND_COLOUR[kind] ?? 'bold', kind) : paint('dim', 'span'));
  const name = printable(span.name);
  parts.push(name);
  parts.push(paint('dim', formatDuration(hrToMs(span.duration))));

  const model = str(a[ATTR_GEN_AI_RESPONSE_MODEL]) ?? str(a[ATTR_GEN_AI_REQUEST_MODEL]) ?? str(a[ATTR_RERANKER_MODEL_NAME]);
  // The span name usually already ends with the model ("chat qwen-plus"); repeating it is noise.
  if (model && !name.endsWith(model)) parts.push(`model=${printable(model)}`);

  const input = num(a[ATTR_GEN_AI_USAGE_INPUT_TOKENS]);
  const output = num(a[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]);
  // Embeddings have input tokens only; a "→?" there would read as missing data.
  if (input !== undefined && output !== undefined) parts.push(`tokens ${input}→${output}`);
  else if (input !== undefined) parts.push(`tokens ${input} in`);
  else if (output !== undefined) parts.push(`tokens ${output} out`);

  const round = num(a[ATTR_GEN_AI_REACT_ROUND]);
  if (round !== undefined) parts.push(`round ${round}`);

  const ttft = num(a[ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_TOKEN]) ?? num(a[ATTR_GEN_AI_USER_TIME_TO_FIRST_TOKEN]);
  if (ttft !== undefined) parts.push(`ttft ${formatDuration(ttft / 1e6)}`);

  // Every span of a session carries its id; printing it where it first appears keeps the tree readable.
  const session = str(a[ATTR_GEN_AI_SESSION_ID]);
  if (session && session !== parentSession) parts.push(paint('dim', `session=${session}`));

  if (span.status.code === SpanStatusCode.ERROR) {
    const type = str(a[ATTR_ERROR_TYPE]);
    const message = span.status.message ? `: ${printable(span.status.message)}` : '';
    parts.push(paint('red', `✗ ERROR${type ? ` ${type}` : ''}${message}`));
  }
  return parts.join('  ');
}

/**
 * Formats the spans of one trace as a tree, children in start order. Spans whose parent is not
 * among `spans` (a remote parent, or one not finished yet) are drawn as roots. Span names and
 * error messages are redacted with the configured rules before they are printed.
 *
 * @example
 * ```ts
 * import { formatTraceTree } from '@llm-trace/node';
 * import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
 * declare const spans: ReadableSpan[];
 * process.stdout.write(formatTraceTree(spans, { color: false }));
 * ```
 */
export function formatTraceTree(spans: readonly TreeSpan[], format: TraceTreeFormat = {}): string {
  const paint = format.color
    ? (colour: keyof typeof ANSI, text: string) => `${ANSI[colour]}${text}${ANSI.reset}`
    : (_colour: keyof typeof ANSI, text: string) => text;

  const ids = new Set(spans.map(spanId));
  const children = new Map<string | undefined, TreeSpan[]>();
  for (const span of spans) {
    const parent = parentId(span);
    const key = parent !== undefined && ids.has(parent) ? parent : undefined;
    const list = children.get(key);
    if (list) list.push(span);
    else children.set(key, [span]);
  }
  const byStart = (x: TreeSpan, y: TreeSpan) => hrToMs(x.startTime) - hrToMs(y.startTime);
  for (const list of children.values()) list.sort(byStart);

  const lines: string[] = [];
  const walk = (span: TreeSpan, prefix: string, connector: string, seen: Set<string>, parentSession?: string) => {
    lines.push(`${paint('dim', `${prefix}${connector}`)}${describe(span, parentSession, paint)}`);
    const id = spanId(span);
    // A malformed trace (a span listed as its own ancestor) must not loop forever.
    if (seen.has(id)) return;
    seen.add(id);
    const kids = children.get(id) ?? [];
    const childPrefix = connector === '' ? prefix : `${prefix}${connector === '└─ ' ? '   ' : '│  '}`;
    const session = str(span.attributes[ATTR_GEN_AI_SESSION_ID]);
    kids.forEach((kid, i) => walk(kid, childPrefix, i === kids.length - 1 ? '└─ ' : '├─ ', seen, session));
  };
  for (const root of children.get(undefined) ?? []) walk(root, '', '', new Set());
  if (format.dropped) lines.push(paint('dim', `… ${format.dropped} more spans of this trace were not kept (the console exporter holds a bounded number per open trace)`));
  return lines.length ? `${lines.join('\n')}\n` : '';
}
