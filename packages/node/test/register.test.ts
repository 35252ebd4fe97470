import { DiagLogLevel, SpanKind, diag, trace, type DiagLogger } from '@opentelemetry/api';
import { register, resolveOtlpTarget, parseOtlpHeaders } from '../src';
import { deadEndpoint, startHangingReceiver, startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver';

const ENV_KEYS = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
  'OTEL_SERVICE_NAME',
];

/** Records diag output at WARN and above. */
function captureDiag() {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (message: string) => void lines.push({ level, message });
  const logger: DiagLogger = { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'), verbose: at('verbose') };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  return lines;
}

async function twoNestedSpans(): Promise<void> {
  const tracer = trace.getTracer('test');
  await tracer.startActiveSpan('outer', { attributes: { 'gen_ai.span.kind': 'CHAIN' } }, async (outer) => {
    await new Promise((r) => setImmediate(r));
    tracer.startActiveSpan('inner', { kind: SpanKind.CLIENT, attributes: { 'gen_ai.span.kind': 'LLM' } }, (inner) => inner.end());
    outer.end();
  });
}

describe('register()', () => {
  const saved: Record<string, string | undefined> = {};
  let receiver: OtlpReceiver | undefined;
  const quiet = { write: () => true };

  beforeEach(() => {
    for (const k of ENV_KEYS) {
      saved[k] = process.env[k];
      delete process.env[k];
    }
  });
  afterEach(async () => {
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await receiver?.close();
    receiver = undefined;
    diag.disable();
  });

  it('exports OTLP/protobuf with the resource, parent/child ids and the configured headers', async () => {
    receiver = await startOtlpReceiver();
    process.env.OTEL_EXPORTER_OTLP_HEADERS = 'x-api-key=s3cret,x-team=ai%20apps';
    const tracing = register({ serviceName: 'svc-under-test', otlp: { url: receiver.url } });
    await twoNestedSpans();
    await tracing.shutdown();

    expect(receiver.requests[0]).toMatchObject({ path: '/v1/traces', contentType: 'application/x-protobuf' });
    expect(receiver.requests[0]!.headers).toMatchObject({ 'x-api-key': 's3cret', 'x-team': 'ai apps' });
    const byName = Object.fromEntries(receiver.spans.map((s) => [s.name, s]));
    expect(Object.keys(byName).sort()).toEqual(['inner', 'outer']);
    expect(byName.inner!.parentSpanId).toBe(byName.outer!.spanId);
    expect(byName.inner!.traceId).toBe(byName.outer!.traceId);
    expect(byName.outer!.parentSpanId).toBeUndefined();
    expect(byName.inner!.kind).toBe(3);
    expect(byName.inner!.resource).toMatchObject({
      'service.name': 'svc-under-test',
      'acs.arms.service.feature': 'genai_app',
      'telemetry.sdk.language': 'nodejs',
    });
  });

  it('takes the endpoint and service name from the standard environment variables', async () => {
    receiver = await startOtlpReceiver();
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url.replace('/v1/traces', '/');
    process.env.OTEL_SERVICE_NAME = 'from-env';
    const tracing = register({ console: false });
    await twoNestedSpans();
    await tracing.shutdown();
    expect(receiver.spans).toHaveLength(2);
    expect(receiver.requests[0]!.path).toBe('/v1/traces');
    expect(receiver.spans[0]!.resource['service.name']).toBe('from-env');
  });

  it('prints the console tree when no endpoint is configured, and can do both', async () => {
    const writes: string[] = [];
    const stream = { write: (t: string) => void writes.push(t) };
    let tracing = register({ console: { stream, color: false } });
    await twoNestedSpans();
    await tracing.shutdown();
    expect(writes.join('')).toMatch(/^CHAIN {2}outer {2}\S+\n└─ LLM {2}inner {2}\S+\n\n$/);

    receiver = await startOtlpReceiver();
    writes.length = 0;
    tracing = register({ otlp: { url: receiver.url }, console: { stream, color: false } });
    await twoNestedSpans();
    await tracing.shutdown();
    expect(writes).toHaveLength(1);
    expect(receiver.spans).toHaveLength(2);
  });

  it('does not register twice: the second call returns the first registration', async () => {
    receiver = await startOtlpReceiver();
    const logs = captureDiag();
    const first = register({ otlp: { url: receiver.url }, console: false });
    const second = register({ console: { stream: quiet } });
    expect(second).toBe(first);
    expect(logs.some((l) => l.level === 'warn' && /called a second time/.test(l.message))).toBe(true);
    await twoNestedSpans();
    await first.shutdown();
    expect(receiver.spans.map((s) => s.name).sort()).toEqual(['inner', 'outer']);
    // After shutdown the globals are released, so tracing can be registered again.
    const third = register({ console: { stream: quiet } });
    expect(third).not.toBe(first);
    await third.shutdown();
  });

  it('collector down: the app is unaffected, one clear warning, shutdown returns', async () => {
    const url = await deadEndpoint();
    const logs = captureDiag();
    const tracing = register({ otlp: { url, timeoutMillis: 1000, scheduledDelayMillis: 10 }, console: false });
    for (let i = 0; i < 3; i++) {
      await twoNestedSpans();
      await tracing.forceFlush();
    }
    await tracing.shutdown();
    const warnings = logs.filter((l) => l.level === 'warn' || l.level === 'error');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain(`could not export 2 spans to ${url}`);
    expect(warnings[0]!.message).toContain('The application is unaffected');
  });

  it('slow collector: memory stays bounded by maxQueueSize, spans beyond it are dropped, shutdown returns', async () => {
    const slow = await startHangingReceiver();
    const lines: { level: string; message: string }[] = [];
    const at = (level: string) => (message: string) => void lines.push({ level, message });
    diag.setLogger(
      { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'), verbose: at('verbose') },
      { logLevel: DiagLogLevel.DEBUG, suppressOverrideMessage: true },
    );
    try {
      const tracing = register({
        otlp: { url: slow.url, maxQueueSize: 10, maxExportBatchSize: 10, scheduledDelayMillis: 60_000, timeoutMillis: 500 },
        console: false,
      });
      const tracer = trace.getTracer('test');
      for (let i = 0; i < 200; i++) tracer.startSpan(`s${i}`).end();
      await tracing.shutdown();
      expect(lines.some((l) => l.message === 'maxQueueSize reached, dropping spans')).toBe(true);
      // At most one batch in flight plus one full queue was ever held; the rest were dropped, not
      // buffered (the in-flight batch may arrive more than once: the exporter retries timeouts).
      const distinct = new Set(slow.spans.map((s) => s.name));
      expect(distinct.size).toBeGreaterThan(0);
      expect(distinct.size).toBeLessThanOrEqual(20);
      const warnings = lines.filter((l) => l.level === 'warn' && l.message.startsWith('llm-trace:'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.message).toContain(`to ${slow.url}`);
    } finally {
      await slow.close();
    }
  });

  it('names the invalid option', () => {
    expect(() => register({ serviceName: '' })).toThrow(/"serviceName"/);
    expect(() => register({ otlp: { url: 'not a url' } })).toThrow(/"otlp.url"/);
    expect(() => register({ otlp: { url: 'http://127.0.0.1:1/v1/traces', maxQueueSize: -1 } })).toThrow(/"otlp.maxQueueSize"/);
    expect(() => register({ console: 'yes' as never })).toThrow(/"console"/);
  });
});

describe('resolveOtlpTarget()', () => {
  it('is off when nothing asks for OTLP', () => {
    expect(resolveOtlpTarget(undefined, {})).toBeUndefined();
  });
  it('prefers the traces endpoint as is, then the base endpoint plus /v1/traces, then the spec default', () => {
    expect(resolveOtlpTarget(undefined, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://a:1/x', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://b:2' })?.url).toBe('http://a:1/x');
    expect(resolveOtlpTarget(undefined, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://b:2/' })?.url).toBe('http://b:2/v1/traces');
    expect(resolveOtlpTarget(undefined, { OTEL_EXPORTER_OTLP_HEADERS: 'k=v' })).toEqual({ url: 'http://localhost:4318/v1/traces', headers: { k: 'v' } });
    expect(resolveOtlpTarget({ url: 'http://c:3/t', headers: { k: 'o' } }, { OTEL_EXPORTER_OTLP_HEADERS: 'k=v,j=w' })).toEqual({
      url: 'http://c:3/t',
      headers: { k: 'o', j: 'w' },
    });
  });
  it('parses percent-encoded header lists and skips malformed pairs', () => {
    expect(parseOtlpHeaders('Authorization=Basic%20abc%3D, x=1,bad,=v')).toEqual({ Authorization: 'Basic abc=', x: '1' });
  });
});
