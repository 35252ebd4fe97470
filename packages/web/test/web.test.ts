/** register() for fetch-based runtimes: options, context, OTLP/JSON over fetch, flush modes. */
import { dirname } from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import { context, diag, DiagLogLevel, SpanStatusCode, trace, type DiagLogger } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { getSession, withChain, withSession, withTool } from '@llm-trace/core';
import { encodeOtlpJson, FetchOtlpExporter, register, type WebRegistration } from '../src';

/** OTel's own OTLP/JSON serializer (the version the OTLP exporters ship), as the reference. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { JsonTraceSerializer } = require(require.resolve('@opentelemetry/otlp-transformer', { paths: [dirname(require.resolve('@opentelemetry/exporter-trace-otlp-proto'))] })) as {
  JsonTraceSerializer: { serializeRequest(spans: unknown[]): Uint8Array };
};

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: { resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: { name: string; traceId: string; spanId: string; parentSpanId?: string; attributes: { key: string; value: Record<string, unknown> }[]; status: { code: number } }[] }[] }[] };
}

function fakeFetch(status = 200): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const f = (async (url: string, init: RequestInit) => {
    sent.push({ url: String(url), headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) });
    return new Response('{}', { status });
  }) as unknown as typeof fetch;
  return { fetch: f, sent };
}

const spansOf = (sent: Sent[]) => sent.flatMap((s) => s.body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((ss) => ss.spans)));
const attr = (span: { attributes: { key: string; value: Record<string, unknown> }[] }, key: string) => {
  const v = span.attributes.find((a) => a.key === key)?.value;
  return v && Object.values(v)[0];
};

function captureDiag(): string[] {
  const warnings: string[] = [];
  const logger: DiagLogger = { error: (m) => void warnings.push(m), warn: (m) => void warnings.push(m), info: () => {}, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, DiagLogLevel.WARN);
  return warnings;
}

let tracing: WebRegistration | undefined;
afterEach(async () => {
  await tracing?.shutdown();
  tracing = undefined;
  diag.disable();
});

describe('options', () => {
  it.each([
    [{ nope: 1 }, 'unknown option "nope"'],
    [{ serviceName: '' }, 'option "serviceName"'],
    [{ exportMode: 'soon' }, 'option "exportMode"'],
    [{ otlp: { url: 'not a url' } }, 'option "otlp.url"'],
    [{ otlp: { timeoutMillis: -1 } }, 'option "otlp.timeoutMillis"'],
    [{ otlp: { headers: { a: 1 } } }, 'option "otlp.headers"'],
    [{ otlp: { fetch: 'x' } }, 'option "otlp.fetch"'],
    [{ contextManager: {} }, 'option "contextManager"'],
    [{ env: 'x' }, 'option "env"'],
    [{ diag: 1 }, 'option "diag"'],
  ])('rejects %j with a TypeError naming the option', (options, message) => {
    expect(() => register(options as never)).toThrow(TypeError);
    expect(() => register(options as never)).toThrow(message);
  });

  it('does not repeat an invalid URL, which may hold a key', () => {
    expect(() => register({ otlp: { url: 'secret-key-123 not a url' } })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secret-key-123') }));
  });
});

describe('OTLP/JSON', () => {
  it('encodes spans exactly as OpenTelemetry’s own JSON serializer does', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': 'enc' }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const tracer = provider.getTracer('scope-a', '1.2.3');
    const root = tracer.startSpan('root', { attributes: { s: 'x', i: 42, d: 1.5, b: true, arr: ['a', 'b'], nums: [1, 2.5] } });
    const child = tracer.startSpan('child', { kind: 2, links: [{ context: root.spanContext(), attributes: { why: 'follows' } }] }, trace.setSpan(context.active(), root));
    child.addEvent('evt', { n: 1 });
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
    child.end();
    root.end();
    const spans = exporter.getFinishedSpans();
    const ours = JSON.parse(JSON.stringify(encodeOtlpJson(spans)));
    const reference = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)));
    expect(ours).toEqual(reference);
    await provider.shutdown();
  });
});

describe('register()', () => {
  it('nests spans across await and timers, keeps sessions apart, and sends OTLP/JSON with headers on forceFlush', async () => {
    const { fetch, sent } = fakeFetch();
    tracing = register({ serviceName: 'web-test', otlp: { url: 'http://127.0.0.1:9/v1/traces', headers: { authorization: 'Bearer t' }, fetch }, console: false, asyncLocalStorage: AsyncLocalStorage });
    expect(tracing.contextManager).toBe('async-local-storage');
    const tool = withTool(async function lookup(q: string) {
      await new Promise((r) => setTimeout(r, 5));
      return `${q}:${getSession()?.sessionId}`;
    });
    const agent = withChain(async function answer(q: string) {
      await new Promise((r) => setTimeout(r, 1));
      return tool(q);
    });
    const results = await Promise.all([withSession({ sessionId: 'a' }, () => agent('x')), withSession({ sessionId: 'b' }, () => agent('y'))]);
    expect(results).toEqual(['x:a', 'y:b']);
    expect(sent).toHaveLength(0);
    await tracing.forceFlush();
    const spans = spansOf(sent);
    expect(sent[0].headers.authorization).toBe('Bearer t');
    expect(sent[0].headers['content-type']).toBe('application/json');
    const chains = spans.filter((s) => s.name === 'chain answer');
    const tools = spans.filter((s) => s.name === 'execute_tool lookup');
    expect(chains).toHaveLength(2);
    for (const t of tools) {
      const parent = chains.find((c) => c.spanId === t.parentSpanId);
      expect(parent).toBeDefined();
      expect(attr(t, 'gen_ai.session.id')).toBe(attr(parent!, 'gen_ai.session.id'));
    }
    expect(new Set(tools.map((t) => attr(t, 'gen_ai.session.id')))).toEqual(new Set(['a', 'b']));
    const resource = sent[0].body.resourceSpans[0].resource.attributes;
    expect(resource).toEqual(expect.arrayContaining([{ key: 'service.name', value: { stringValue: 'web-test' } }, { key: 'acs.arms.service.feature', value: { stringValue: 'genai_app' } }]));
  });

  it("in 'trace' mode sends each trace when its root ends, without a flush", async () => {
    const { fetch, sent } = fakeFetch();
    tracing = register({ exportMode: 'trace', otlp: { url: 'http://127.0.0.1:9/v1/traces', fetch }, console: false, asyncLocalStorage: AsyncLocalStorage });
    const inner = withTool(function inner() {
      return 1;
    });
    const outer = withChain(async function outer() {
      await Promise.resolve();
      return inner() + inner();
    });
    await outer();
    await new Promise((r) => setTimeout(r, 10));
    expect(sent).toHaveLength(1);
    expect(spansOf(sent).map((s) => s.name).sort()).toEqual(['chain outer', 'execute_tool inner', 'execute_tool inner']);
  });

  it('reads OTEL_* from the env option (a Worker’s bindings) and never prints credentials', async () => {
    const { fetch, sent } = fakeFetch(401);
    const warnings = captureDiag();
    tracing = register({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://user:pa55@collector.example:4318/?api_key=k3y', OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=h3ader', OTEL_SERVICE_NAME: 'from-env' },
      otlp: { fetch },
      console: false,
      diag: false,
      asyncLocalStorage: AsyncLocalStorage,
    });
    withTool(function t() {
      return 1;
    })();
    await tracing.forceFlush();
    // The base endpoint is used as given plus /v1/traces, as every OTel SDK does.
    expect(sent[0].url).toBe('https://user:pa55@collector.example:4318/?api_key=k3y/v1/traces');
    expect(sent[0].headers['x-api-key']).toBe('h3ader');
    expect(attr(sent[0].body.resourceSpans[0].resource, 'service.name')).toBe('from-env');
    const printed = warnings.join('\n');
    expect(printed).toContain('answered 401');
    for (const secret of ['pa55', 'k3y', 'h3ader', 'user:']) expect(printed).not.toContain(secret);
  });

  it('without AsyncLocalStorage says, once, that spans will not nest', () => {
    const warnings = captureDiag();
    const proc = process as { getBuiltinModule?: unknown };
    const saved = proc.getBuiltinModule;
    proc.getBuiltinModule = undefined;
    try {
      tracing = register({ otlp: false, console: false, diag: false });
    } finally {
      proc.getBuiltinModule = saved;
    }
    expect(tracing.contextManager).toBe('none');
    expect(warnings.filter((w) => w.includes('no AsyncLocalStorage'))).toHaveLength(1);
  });
});

describe('FetchOtlpExporter', () => {
  it('reports an unreachable endpoint without its credentials and resolves forceFlush', async () => {
    const warnings = captureDiag();
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    const exporter = new FetchOtlpExporter({ url: 'https://u:secretpw@host.example/v1/traces?token=abc', headers: { authorization: 'Bearer zzz' }, timeoutMillis: 1000, fetch: failing });
    const result = await new Promise<{ code: number }>((resolve) => exporter.export([], resolve));
    await exporter.forceFlush();
    expect(result.code).toBe(1);
    const printed = warnings.join('\n');
    expect(printed).toContain('https://host.example/v1/traces');
    for (const secret of ['secretpw', 'token', 'abc', 'zzz']) expect(printed).not.toContain(secret);
  });
});
