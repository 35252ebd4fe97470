/**
 * The node side of "no secret leaves through any channel, memory bounded by the caps": the
 * outage warning prints URLs without credentials, the console tree prints redacted names and
 * errors and holds a bounded number of spans per open trace, and other libraries' GenAI spans
 * are redacted (or lose their content, with capture off) before any exporter sees them.
 */
import { diag, trace, context, SpanStatusCode, type DiagLogger } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { configure, resetConfig, withTool } from '@llm-trace/core';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ConsoleTreeExporter, OutageReportingExporter, printableUrl, RedactingSpanProcessor, withPrintableUrls } from '../src';
import { SECRET_CASES } from '../../core/test/adversarial/secrets';

function captureDiag(): { lines: string[] } {
  const lines: string[] = [];
  const put = (...a: unknown[]) => void lines.push(a.map(String).join(' '));
  const logger: DiagLogger = { error: put, warn: put, info: put, debug: put, verbose: put };
  diag.setLogger(logger, { suppressOverrideMessage: true } as never);
  return { lines };
}

afterEach(() => {
  diag.disable();
  trace.disable();
  context.disable();
  resetConfig();
});

describe('URLs in our log lines', () => {
  it.each([
    ['https://user:hunter2pw@collector.example:4318/v1/traces', 'https://collector.example:4318/v1/traces', ['hunter2pw', 'user:']],
    ['http://tracing-analysis-dc-hz.aliyuncs.com/adapt_abc123def@456ghi_xyz789/api/otlp/traces', 'http://tracing-analysis-dc-hz.aliyuncs.com/[redacted]/api/otlp/traces', ['adapt_abc123def', '456ghi_xyz789']],
    ['https://collector.example/v1/traces?api_key=k-123456&x=1#frag', 'https://collector.example/v1/traces', ['k-123456', 'frag']],
    ['not a url://u:pw@x?token=t', 'not a url://x', ['pw', 'token=t']],
  ])('%s', (url, printed, gone) => {
    expect(printableUrl(url)).toBe(printed);
    for (const g of gone) expect(printableUrl(url)).not.toContain(g);
  });

  it('the outage warning prints neither userinfo, query, path token nor secrets in the reason', () => {
    const { lines } = captureDiag();
    const url = 'https://app:S3cretPw@tracing.example/adapt_tok3n123@x99_ab12/api/otlp/traces?token=qs-secret-1';
    const failing: SpanExporter = {
      export: (_spans, done) => done({ code: ExportResultCode.FAILED, error: new Error(`POST ${url} failed: Authorization: Bearer abcDEF1234567890 rejected`) }),
      shutdown: () => Promise.resolve(),
    };
    const exporter = new OutageReportingExporter(failing, url, 2048);
    exporter.export([], () => {});
    const out = lines.join('\n');
    expect(out).toContain('could not export');
    expect(out).toContain('https://tracing.example/[redacted]/api/otlp/traces');
    for (const secret of ['S3cretPw', 'adapt_tok3n123', 'x99_ab12', 'qs-secret-1', 'abcDEF1234567890']) expect(out).not.toContain(secret);
    expect(withPrintableUrls('see http://u:p4ss@h/x?y=z')).toBe('see http://h/x');
  });
});

describe('the console tree', () => {
  it.each([
    ['content on', true],
    ['content off', false],
  ])('%s: no test secret reaches the printed tree from a thrown error', (_label, captureContent) => {
    configure({ captureContent });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const writes: string[] = [];
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new ConsoleTreeExporter({ stream: { write: (t: string) => void writes.push(t) }, color: false }))] });
    trace.setGlobalTracerProvider(provider);
    for (const c of SECRET_CASES) {
      expect(() =>
        withTool({ name: 'call' }, () => {
          throw new Error(`failed: ${c.text}`);
        })(),
      ).toThrow();
    }
    // A span from another library, with a secret in its name and its status message.
    const foreign = provider.getTracer('other').startSpan('GET postgres://app:ForeignPw99@db/x');
    foreign.setStatus({ code: SpanStatusCode.ERROR, message: 'token=sk-proj-Abcdefghijklmnop777777' });
    foreign.end();
    const out = writes.join('');
    expect(out).toContain('✗ ERROR Error: failed:');
    expect(SECRET_CASES.filter((c) => out.includes(c.secret)).map((c) => c.label)).toEqual([]);
    expect(out).not.toContain('ForeignPw99');
    expect(out).not.toContain('Abcdefghijklmnop777777');
  });

  it('holds a bounded number of spans per open trace and says how many it did not keep', () => {
    const writes: string[] = [];
    const exporter = new ConsoleTreeExporter({ stream: { write: (t: string) => void writes.push(t) }, color: false, maxSpansPerTrace: 5 });
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const tracer = provider.getTracer('t');
    const root = tracer.startSpan('root');
    const inRoot = trace.setSpan(context.active(), root);
    for (let i = 0; i < 12; i++) tracer.startSpan(`child ${i}`, {}, inRoot).end();
    root.end();
    const lines = writes.join('').trim().split('\n');
    expect(lines[0]).toMatch(/^span {2}root/);
    expect(lines.filter((l) => l.includes('child'))).toHaveLength(5);
    expect(lines[lines.length - 1]).toMatch(/^… 7 more spans of this trace were not kept/);
    expect(() => new ConsoleTreeExporter({ maxSpansPerTrace: 0 })).toThrow(/maxSpansPerTrace/);
  });

  it('100k children of an open root retain a bounded heap (child process, after gc)', () => {
    const r = spawnSync(process.execPath, ['--expose-gc', resolve(__dirname, 'fixtures/console-hold.cjs'), '100000'], { encoding: 'utf8' });
    const m = /RETAINED (-?\d+) (.*)/.exec(r.stdout);
    if (!m) throw new Error(`no result: ${r.stdout}\n${r.stderr}`);
    // 10000 held spans (the default cap), each a slim copy of at most a few small fields.
    const bound = 10_000 * 2048;
    expect(Number(m[1])).toBeLessThan(bound);
    expect(JSON.parse(m[2]!)).toMatch(/90000 more spans of this trace were not kept/);
  }, 60_000);
});

describe('GenAI spans from other libraries', () => {
  function setup(): InMemorySpanExporter {
    const exporter = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new RedactingSpanProcessor(), new SimpleSpanProcessor(exporter)] }));
    return exporter;
  }
  const SECRET = 'sk-proj-Abcdefghijklmnop424242';
  function emitForeign(): void {
    const span = trace.getTracer('ai').startSpan('chat gpt-4o', {
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: `my key is ${SECRET}` }] }]),
        'gen_ai.tool.call.arguments': JSON.stringify({ city: 'Paris', password: 'PlainPw-123456' }),
        'input.value': `token=${SECRET}`,
        'llm.input_messages.0.message.role': 'user',
        'llm.input_messages.0.message.content': `ask ${SECRET}`,
        'gen_ai.usage.input_tokens': 12,
      },
    });
    span.addEvent('gen_ai.content.prompt', { 'gen_ai.prompt': `prompt ${SECRET}` });
    span.setStatus({ code: SpanStatusCode.ERROR, message: `rejected ${SECRET}` });
    span.end();
  }
  const shipped = (spans: ReadableSpan[]) => JSON.stringify(spans.map((s) => ({ a: s.attributes, e: s.events, st: s.status })));

  it('content on: their content is redacted, their structure and words kept', () => {
    const exporter = setup();
    emitForeign();
    const [span] = exporter.getFinishedSpans();
    const out = shipped(exporter.getFinishedSpans());
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain('PlainPw-123456');
    expect(JSON.parse(String(span!.attributes['gen_ai.tool.call.arguments']))).toEqual({ city: 'Paris', password: '[REDACTED]' });
    expect(span!.attributes['gen_ai.usage.input_tokens']).toBe(12);
    expect(String(span!.attributes['gen_ai.input.messages'])).toContain('my key is [REDACTED]');
  });

  it('content off: their content keys are dropped, structure kept', () => {
    configure({ captureContent: false });
    const exporter = setup();
    emitForeign();
    const [span] = exporter.getFinishedSpans();
    for (const key of ['gen_ai.input.messages', 'gen_ai.tool.call.arguments', 'input.value', 'llm.input_messages.0.message.content']) expect(span!.attributes[key]).toBeUndefined();
    expect(span!.attributes['llm.input_messages.0.message.role']).toBe('user');
    expect(span!.attributes['gen_ai.request.model']).toBe('gpt-4o');
    expect(span!.events[0]!.attributes?.['gen_ai.prompt']).toBeUndefined();
    expect(shipped(exporter.getFinishedSpans())).not.toContain(SECRET);
  });

  it('leaves our own spans and non-GenAI spans as they are', () => {
    const exporter = setup();
    const plain = trace.getTracer('http').startSpan('GET /health', { attributes: { 'http.route': '/health' } });
    plain.end();
    expect(exporter.getFinishedSpans()[0]!.attributes).toEqual({ 'http.route': '/health' });
  });
});
