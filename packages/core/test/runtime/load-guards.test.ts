/**
 * Core must load and behave where runtime APIs are missing or refused (Deno without
 * `--allow-env`, workerd, Vercel Edge, browsers), and say so when spans cannot nest.
 */
import { context, diag, DiagLogLevel, trace, type DiagLogger } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

/** An environment whose every read throws, as Deno's `process.env` does without `--allow-env`. */
const refusingEnv = new Proxy({} as NodeJS.ProcessEnv, {
  get() {
    throw new Error('NotCapable: Requires env access to "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"');
  },
});

function captureDiag(): { warnings: string[]; restore: () => void } {
  const warnings: string[] = [];
  const logger: DiagLogger = {
    error: () => {},
    warn: (message: string) => void warnings.push(message),
    info: () => {},
    debug: () => {},
    verbose: () => {},
  };
  diag.setLogger(logger, DiagLogLevel.WARN);
  return { warnings, restore: () => diag.disable() };
}

describe('environment reads', () => {
  it('treats a refused environment read as unset', () => {
    const { captureContentFromEnv } = jest.requireActual<typeof import('../../src/config')>('../../src/config');
    expect(captureContentFromEnv(refusingEnv)).toBeUndefined();
    expect(captureContentFromEnv({ OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'false' })).toBe(false);
  });

  it('loads the package when process.env refuses every read, and keeps capturing content', () => {
    const realEnv = process.env;
    Object.defineProperty(process, 'env', { value: refusingEnv, configurable: true, writable: true });
    try {
      jest.isolateModules(() => {
        const core = require('../../src') as typeof import('../../src');
        expect(core.getConfig().captureContent).toBe(true);
      });
    } finally {
      Object.defineProperty(process, 'env', { value: realEnv, configurable: true, writable: true });
    }
  });

  it('loads the package where there is no process at all', () => {
    const g = globalThis as { process?: NodeJS.Process };
    const realProcess = g.process;
    // jest's own module loader reads process, so only hide it for the config read itself.
    const { captureContentFromEnv } = jest.requireActual<typeof import('../../src/config')>('../../src/config');
    delete g.process;
    try {
      expect(captureContentFromEnv()).toBeUndefined();
    } finally {
      g.process = realProcess;
    }
  });
});

describe('no context manager', () => {
  afterEach(() => {
    trace.disable();
    context.disable();
    diag.disable();
  });

  it('warns once, through diag, when withSession runs without a context manager', () => {
    const { warnings, restore } = captureDiag();
    jest.isolateModules(() => {
      const core = require('../../src') as typeof import('../../src');
      const seen = core.withSession({ sessionId: 's-1' }, () => core.getSession()?.sessionId);
      core.withSession({ sessionId: 's-2' }, () => undefined);
      expect(seen).toBeUndefined();
    });
    restore();
    const ours = warnings.filter((w) => w.includes('no OpenTelemetry context manager'));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toContain('withSession() has no effect');
  });

  it('warns once when a provider records spans but no context manager is installed', () => {
    const exporter = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    const { warnings, restore } = captureDiag();
    jest.isolateModules(() => {
      const core = require('../../src') as typeof import('../../src');
      const inner = core.withTool(function inner() {
        return 1;
      });
      const outer = core.withChain(function outer() {
        return inner() + inner();
      });
      outer();
    });
    restore();
    expect(warnings.filter((w) => w.includes('no OpenTelemetry context manager'))).toHaveLength(1);
    // What the warning is about: the tool spans did not nest under the chain.
    const spans = exporter.getFinishedSpans();
    const chain = spans.find((s) => s.name === 'chain outer');
    const tool = spans.find((s) => s.name === 'execute_tool inner');
    expect(tool?.parentSpanContext?.spanId).not.toBe(chain?.spanContext().spanId);
  });

  it('says nothing when a context manager is installed', () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const { warnings, restore } = captureDiag();
    jest.isolateModules(() => {
      const core = require('../../src') as typeof import('../../src');
      expect(core.withSession({ sessionId: 's-1' }, () => core.getSession()?.sessionId)).toBe('s-1');
      expect(core.hasContextManager()).toBe(true);
    });
    restore();
    expect(warnings.filter((w) => w.includes('context manager'))).toEqual([]);
  });
});
