/**
 * Problems are said where people see them (the console, unless the app set a `diag` logger),
 * once per kind per minute; the standard `OTEL_*` switches are honoured; every option is checked
 * at the call, whether or not the environment turns the feature on.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DiagLogLevel, ProxyTracerProvider, diag, trace } from '@opentelemetry/api';
import { register } from '../src';
import { ThrottledConsoleLogger, logLevelFromEnv } from '../src/diag-console';
import { deadEndpoint, startOtlpReceiver } from './support/otlp-receiver';

const DIST = join(__dirname, '..', 'dist', 'index.js');
const ENV_KEYS = ['OTEL_SDK_DISABLED', 'OTEL_TRACES_EXPORTER', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_LOG_LEVEL', 'OTEL_BSP_SCHEDULE_DELAY'];

function runNode(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Each test starts Node processes; a busy machine can take seconds per start.
jest.setTimeout(30_000);

describe('warnings people see', () => {
  it('with no diag logger of the app, a collector that is down is reported on the console once, with what to do', async () => {
    const url = await deadEndpoint();
    const script = `
      const { register } = require(${JSON.stringify(DIST)});
      const { trace } = require('@opentelemetry/api');
      const tracing = register({ otlp: { url: process.env.URL, timeoutMillis: 500, scheduledDelayMillis: 10 } });
      (async () => {
        for (let i = 0; i < 5; i++) { trace.getTracer('t').startSpan('s' + i).end(); await tracing.forceFlush(); }
        register();
        await tracing.shutdown();
      })();`;
    const { code, stderr } = await runNode(script, { URL: url });
    expect(code).toBe(0);
    expect(stderr.match(/could not export/g)).toHaveLength(1);
    expect(stderr).toContain('The application is unaffected');
    expect(stderr).toContain('register() was called a second time');
  });

  it('OTEL_LOG_LEVEL=error hides warnings; an app logger set before register() is kept', async () => {
    const url = await deadEndpoint();
    const quiet = await runNode(
      `const { register } = require(${JSON.stringify(DIST)}); register({ otlp: { url: process.env.URL } }); register();`,
      { URL: url, OTEL_LOG_LEVEL: 'error' },
    );
    expect(quiet.stderr).toBe('');
    const own = await runNode(
      `const { diag, DiagLogLevel } = require('@opentelemetry/api');
       diag.setLogger({ error() {}, warn: (m) => console.log('app logger: ' + m), info() {}, debug() {}, verbose() {} }, DiagLogLevel.WARN);
       const { register } = require(${JSON.stringify(DIST)}); register({ otlp: { url: process.env.URL } }); register();`,
      { URL: url },
    );
    expect(own.stderr).toBe('');
    expect(own.stdout).toContain('app logger: llm-trace: register() was called a second time');
  });

  it('each kind of message once per minute, with the count held back; the SDK\'s "Dropped N spans" reworded', () => {
    let now = 0;
    const printed: string[] = [];
    const sink = { error() {}, warn: (m: string) => void printed.push(m), info() {}, debug() {}, verbose() {} };
    const logger = new ThrottledConsoleLogger(() => now, sink);
    {
      for (let i = 1; i <= 25; i++) {
        logger.warn(`Dropped ${i} spans because maxQueueSize reached`);
        now += 200; // five a second, as the SDK says it
      }
      now += 60_000;
      logger.warn('Dropped 99 spans because maxQueueSize reached');
      logger.warn('something else');
    }
    expect(printed).toHaveLength(3);
    expect(printed[0]).toMatch(/export queue is full.*raise otlp\.maxQueueSize/);
    expect(printed[1]).toContain('(said 24 more times in the last minute)');
    expect(printed[2]).toBe('something else');
  });

  it('OTEL_LOG_LEVEL names map to diag levels; unknown ones fall back to WARN', () => {
    expect(logLevelFromEnv(undefined)).toEqual({ level: DiagLogLevel.WARN });
    expect(logLevelFromEnv('debug')).toEqual({ level: DiagLogLevel.DEBUG });
    expect(logLevelFromEnv('loud')).toEqual({ level: DiagLogLevel.WARN, unknown: 'loud' });
  });
});

describe('standard environment variables', () => {
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    for (const k of ENV_KEYS) {
      saved[k] = process.env[k];
      delete process.env[k];
    }
    diag.setLogger({ error() {}, warn() {}, info() {}, debug() {}, verbose() {} }, { logLevel: DiagLogLevel.NONE, suppressOverrideMessage: true });
  });
  afterEach(() => {
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    diag.disable();
  });

  it('OTEL_SDK_DISABLED=true: nothing is registered', async () => {
    process.env.OTEL_SDK_DISABLED = 'true';
    const tracing = register({ otlp: { url: 'http://127.0.0.1:9/v1/traces' } });
    const provider = trace.getTracerProvider();
    expect(provider instanceof ProxyTracerProvider ? provider.getDelegate().constructor.name : provider.constructor.name).toBe('NoopTracerProvider');
    await tracing.shutdown();
  });

  it('OTEL_TRACES_EXPORTER=none: no export even with an endpoint; =otlp,console: both', async () => {
    const receiver = await startOtlpReceiver();
    const written: string[] = [];
    try {
      process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url.replace('/v1/traces', '');
      process.env.OTEL_TRACES_EXPORTER = 'none';
      let tracing = register();
      trace.getTracer('t').startSpan('not-exported').end();
      await tracing.shutdown();
      expect(receiver.spans).toHaveLength(0);

      process.env.OTEL_TRACES_EXPORTER = 'otlp,console';
      tracing = register();
      // console option given as an object keeps the env's choice of OTLP and prints to our stream
      await tracing.shutdown();
      tracing = register({ console: { stream: { write: (t: string) => void written.push(t) }, color: false } });
      trace.getTracer('t').startSpan('both').end();
      await tracing.shutdown();
      expect(receiver.spans.map((s) => s.name)).toEqual(['both']);
      expect(written.join('')).toContain('both');
    } finally {
      await receiver.close();
    }
  });

  it('OTEL_BSP_SCHEDULE_DELAY that is not a number is reported and ignored', async () => {
    process.env.OTEL_BSP_SCHEDULE_DELAY = 'soon';
    const lines: string[] = [];
    diag.setLogger({ error() {}, warn: (m: string) => void lines.push(m), info() {}, debug() {}, verbose() {} }, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
    const tracing = register({ otlp: { url: 'http://127.0.0.1:9/v1/traces' }, console: false });
    await tracing.shutdown();
    expect(lines.some((l) => l.includes('OTEL_BSP_SCHEDULE_DELAY=soon is not a positive integer'))).toBe(true);
  });
});

describe('options checked at the call', () => {
  it.each([
    [{ otlp: { maxQueueSize: -1 } }, 'otlp.maxQueueSize'],
    [{ otlp: { timeoutMillis: 1.5 } }, 'otlp.timeoutMillis'],
    [{ otlp: { scheduledDelayMillis: '10' } }, 'otlp.scheduledDelayMillis'],
    [{ otlp: { headers: { a: 1 } } }, 'otlp.headers'],
    [{ otlp: { urll: 'http://x' } }, 'otlp.urll'],
    [{ console: { colour: true } }, 'console.colour'],
    [{ spanProcessors: [{}] }, 'spanProcessors[0]'],
    [{ shutdownTimeoutMillis: 0 }, 'shutdownTimeoutMillis'],
    [{ flushOnExit: 'yes' }, 'flushOnExit'],
    [{ servicename: 'x' }, 'servicename'],
  ])('%j throws a TypeError naming %s, with no endpoint configured', (options, name) => {
    expect(() => register(options as never)).toThrow(TypeError);
    expect(() => register(options as never)).toThrow(`"${name}"`);
  });
});
