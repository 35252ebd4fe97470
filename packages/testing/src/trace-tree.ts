/**
 * A trace as a tree: structure for assertions, text for failure messages and eyeballing.
 */
import { ATTR_GEN_AI_SPAN_KIND } from '@llm-trace/semconv';
import { toSpanRecord } from './span-record';
import type { SpanRecord } from './span-record';

/**
 * One span in a trace tree, with its children in start order.
 *
 * @example
 * import type { TraceTreeNode } from '@llm-trace/testing';
 * const names = (n: TraceTreeNode): string[] => [n.name, ...n.children.flatMap(names)];
 */
export interface TraceTreeNode {
  readonly traceId: string;
  readonly spanId: string;
  readonly name: string;
  /** `gen_ai.span.kind`, when the span has one. */
  readonly kind: string | undefined;
  readonly status: 'UNSET' | 'OK' | 'ERROR';
  /** The span as given (SDK `ReadableSpan` or OTLP JSON span). */
  readonly span: unknown;
  readonly children: readonly TraceTreeNode[];
}

interface MutableNode extends TraceTreeNode {
  readonly children: MutableNode[];
  readonly start: bigint;
}

/**
 * Builds the forest of the given spans: roots are spans whose parent is not among them.
 *
 * @example
 * import { buildTraceTree } from '@llm-trace/testing';
 * const roots = buildTraceTree([]); // []
 */
export function buildTraceTree(spans: Iterable<unknown>): TraceTreeNode[] {
  const nodes: { node: MutableNode; record: SpanRecord }[] = [];
  for (const span of spans) {
    const record = toSpanRecord(span);
    const kind = record.attributes.get(ATTR_GEN_AI_SPAN_KIND);
    nodes.push({
      record,
      node: {
        traceId: record.traceId,
        spanId: record.spanId,
        name: record.name,
        kind: kind?.type === 'string' ? kind.value : undefined,
        status: record.statusCode,
        span,
        children: [],
        start: record.startTimeUnixNano ?? 0n,
      },
    });
  }
  const byId = new Map(nodes.map(({ node }) => [`${node.traceId}/${node.spanId}`, node]));
  const roots: MutableNode[] = [];
  for (const { node, record } of nodes) {
    const parent = record.parentSpanId === undefined ? undefined : byId.get(`${record.traceId}/${record.parentSpanId}`);
    if (parent !== undefined && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const byStart = (a: MutableNode, b: MutableNode) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);
  const sort = (list: MutableNode[], seen: Set<MutableNode>) => {
    list.sort(byStart);
    for (const n of list) {
      if (seen.has(n)) continue;
      seen.add(n);
      sort(n.children, seen);
    }
  };
  sort(roots, new Set());
  return roots;
}

/**
 * Renders a forest as indented text, one span a line: `name [KIND]`, with `!` on errors.
 *
 * @example
 * import { formatTraceTree } from '@llm-trace/testing';
 * const text = formatTraceTree([]); // ''
 */
export function formatTraceTree(roots: readonly TraceTreeNode[]): string {
  const lines: string[] = [];
  const seen = new Set<TraceTreeNode>();
  const walk = (n: TraceTreeNode, prefix: string, last: boolean, depth: number) => {
    if (seen.has(n)) return;
    seen.add(n);
    const label = `${n.name}${n.kind === undefined ? '' : ` [${n.kind}]`}${n.status === 'ERROR' ? ' !' : ''}`;
    lines.push(depth === 0 ? label : `${prefix}${last ? '└─ ' : '├─ '}${label}`);
    const childPrefix = depth === 0 ? '' : `${prefix}${last ? '   ' : '│  '}`;
    n.children.forEach((c, i) => walk(c, childPrefix, i === n.children.length - 1, depth + 1));
  };
  for (const r of roots) walk(r, '', true, 0);
  return lines.join('\n');
}
