/**
 * `llm-trace-check <file…>`: validates the spans in exported OTLP files against the LLM Trace
 * conventions. Exit codes: 0 no errors, 1 errors found, 2 unreadable input or bad usage.
 */
import { readFile } from 'node:fs/promises';
import { isLlmSpanRecord, LLM_TRACE_SCOPES, markRecord, scopeMatcher, validateSpans } from './validate';
import type { ConformanceFinding } from './findings';
import { readOtlp, UnreadableInputError } from './otlp-input';
import type { OtlpEncoding } from './otlp-input';
import type { SpanRecord } from './span-record';

/** Where the command writes; injectable so it can run in-process too. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const USAGE = `Usage: llm-trace-check [--format text|json] [--include-non-llm-spans] [--only-ours] [--scope NAME]... <file...>

Checks spans in OTLP files against the LLM Trace semantic conventions.
Input: OTLP JSON (one ExportTraceServiceRequest per line, as the OpenTelemetry Collector's file
exporter writes it, or one JSON document) or OTLP protobuf; the format is read from the content.

Options:
  --format text|json        output format (default text)
  --include-non-llm-spans   also check spans that carry no gen_ai.* key
  --only-ours               check only the spans llm-trace made (instrumentation scopes @llm-trace/*)
  --scope NAME              check only spans of this instrumentation scope (repeatable; a
                            trailing * matches a prefix, e.g. --scope 'my-app/*')
  -h, --help                show this help

Exit codes: 0 no errors, 1 conformance errors found, 2 unreadable input or bad usage.`;

interface Options {
  format: 'text' | 'json';
  includeNonLlmSpans: boolean;
  scopes: string[];
  onlyOurs: boolean;
  files: string[];
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Options | 'help' {
  const options: Options = { format: 'text', includeNonLlmSpans: false, scopes: [], onlyOurs: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--include-non-llm-spans') options.includeNonLlmSpans = true;
    else if (arg === '--only-ours') options.onlyOurs = true;
    else if (arg === '--scope' || arg.startsWith('--scope=')) {
      const value = arg === '--scope' ? argv[++i] : arg.slice('--scope='.length);
      if (value === undefined || value === '') throw new UsageError('--scope needs an instrumentation scope name');
      options.scopes.push(value);
    }
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? argv[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') throw new UsageError(`--format must be "text" or "json", got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
      options.format = value;
    } else if (arg === '--') options.files.push(...argv.slice(i + 1)), (i = argv.length);
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else options.files.push(arg);
  }
  if (options.files.length === 0) throw new UsageError('no input files');
  return options;
}

interface FileResult {
  readonly file: string;
  readonly encoding: OtlpEncoding;
  readonly spans: readonly SpanRecord[];
}

function count(findings: readonly ConformanceFinding[], level: 'error' | 'warning'): number {
  return findings.filter((f) => f.level === level).length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function renderText(results: readonly FileResult[], findingsBySpan: Map<SpanRecord, ConformanceFinding[]>, all: readonly ConformanceFinding[], checked: number): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.file} (${r.encoding}, ${plural(r.spans.length, 'span')})`);
    for (const span of r.spans) {
      const findings = findingsBySpan.get(span);
      if (findings === undefined || findings.length === 0) continue;
      const kind = span.attributes.get('gen_ai.span.kind');
      lines.push(`  ${span.name || '(unnamed)'} ${span.spanId || '(no id)'}${kind?.type === 'string' ? ` [${kind.value}]` : ''}`);
      for (const f of findings) lines.push(`    ${f.level === 'error' ? 'error  ' : 'warning'} ${f.key === undefined ? '' : `${f.key} `}[${f.rule}] ${f.message}`);
    }
  }
  const spansWithErrors = new Set(all.filter((f) => f.level === 'error').map((f) => f.spanId)).size;
  lines.push(
    `${plural(checked, 'LLM span')} checked in ${plural(results.length, 'file')}: ${plural(count(all, 'error'), 'error')}, ${plural(count(all, 'warning'), 'warning')}` +
      (spansWithErrors > 0 ? ` (${plural(spansWithErrors, 'span')} with errors)` : ''),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Runs the command with the given arguments (without `node` and the script path) and returns the
 * exit code.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options: Options | 'help';
  try {
    options = parseArgs(argv);
  } catch (e) {
    io.stderr(`llm-trace-check: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const results: FileResult[] = [];
  for (const file of options.files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (e) {
      io.stderr(`llm-trace-check: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
    try {
      const { encoding, spans } = readOtlp(bytes);
      results.push({ file, encoding, spans: spans.map(markRecord) });
    } catch (e) {
      if (!(e instanceof UnreadableInputError)) throw e;
      io.stderr(`llm-trace-check: ${file} is not readable OTLP: ${e.message}\n`);
      return 2;
    }
  }
  // All files together: a trace's spans may be spread over several exports.
  const allSpans = results.flatMap((r) => r.spans);
  const scopes = options.scopes.length > 0 || options.onlyOurs ? [...options.scopes, ...(options.onlyOurs ? LLM_TRACE_SCOPES : [])] : undefined;
  const findings = validateSpans(allSpans, { includeNonLlmSpans: options.includeNonLlmSpans, ...(scopes ? { scopes } : {}) });
  const inScope = scopes ? scopeMatcher(scopes) : () => true;
  const byId = new Map<string, SpanRecord>();
  for (const s of allSpans) byId.set(s.spanId, s);
  const findingsBySpan = new Map<SpanRecord, ConformanceFinding[]>();
  for (const f of findings) {
    const span = byId.get(f.spanId);
    if (span === undefined) continue;
    const list = findingsBySpan.get(span) ?? [];
    list.push(f);
    findingsBySpan.set(span, list);
  }
  const candidates = allSpans.filter((sp) => inScope(sp.scope));
  const checked = options.includeNonLlmSpans ? candidates.length : candidates.filter(isLlmSpanRecord).length;
  if (options.format === 'json') {
    const report = {
      files: results.map((r) => ({
        file: r.file,
        encoding: r.encoding,
        spans: r.spans.length,
        findings: r.spans.flatMap((s) => findingsBySpan.get(s) ?? []),
      })),
      summary: { files: results.length, spans: allSpans.length, checked, errors: count(findings, 'error'), warnings: count(findings, 'warning') },
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.stdout(renderText(results, findingsBySpan, findings, checked));
  }
  return count(findings, 'error') > 0 ? 1 : 0;
}
