/**
 * What a process that ends delivers after `register()`: each test runs a small app in its own
 * Node process (the built package, as users load it) against a local OTLP receiver and checks
 * the spans that arrived and how the process ended.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startHangingReceiver, startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver';

const DIST = join(__dirname, '..', 'dist', 'index.js');
const CORE = join(__dirname, '..', '..', 'core', 'dist', 'index.js');

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `body` after `register()` in a fresh Node process; `onReady` runs once it printed "ready". */
function runApp(body: string, env: Record<string, string>, onReady?: (pid: number) => void): Promise<Ended> {
  const script = `
    const { register } = require(${JSON.stringify(DIST)});
    const { withTool } = require(${JSON.stringify(CORE)});
    const ready = () => console.log('ready');
    ${body}
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c;
      if (onReady && stdout.includes('ready\n')) {
        const go = onReady;
        onReady = undefined;
        go(child.pid!);
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const ONE_SPAN = `withTool({ name: 'lookup' }, (q) => q.length)('otel');`;

// Each test starts Node processes; a busy machine can take seconds per start.
jest.setTimeout(30_000);

describe('register() when the process ends', () => {
  let receiver: OtlpReceiver;
  beforeAll(() => {
    for (const f of [DIST, CORE]) if (!existsSync(f)) throw new Error(`${f} is missing; build first: npm run build`);
  });
  beforeEach(async () => {
    receiver = await startOtlpReceiver();
  });
  afterEach(() => receiver.close());

  it('a script that ends by itself delivers its spans and exits with its own code', async () => {
    const ended = await runApp(`register({ otlp: { url: process.env.URL } }); ${ONE_SPAN} process.exitCode = 3;`, { URL: receiver.url });
    expect(ended).toMatchObject({ code: 3, signal: null });
    expect(receiver.spans.map((s) => s.name)).toEqual(['execute_tool lookup']);
  });

  it('an app with nothing to export still exits at once (nothing kept alive)', async () => {
    const ended = await runApp(`register({ otlp: { url: process.env.URL } }); console.log('done');`, { URL: receiver.url });
    expect(ended).toMatchObject({ code: 0, signal: null });
    expect(receiver.requests).toHaveLength(0);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s with no handler of the app: spans delivered, then the process ends by that signal', async (signal) => {
    const ended = await runApp(
      `register({ otlp: { url: process.env.URL } }); ${ONE_SPAN} setInterval(() => {}, 1000); ready();`,
      { URL: receiver.url },
      (pid) => process.kill(pid, signal),
    );
    expect(ended).toMatchObject({ code: null, signal });
    expect(receiver.spans.map((s) => s.name)).toEqual(['execute_tool lookup']);
  });

  it("SIGTERM the app handles: the app's handler decides, and the spans are delivered", async () => {
    const ended = await runApp(
      `register({ otlp: { url: process.env.URL } });
       const timer = setInterval(() => {}, 1000);
       process.on('SIGTERM', () => { console.log('app handler'); setTimeout(() => { ${ONE_SPAN} clearInterval(timer); }, 50); });
       ready();`,
      { URL: receiver.url },
      (pid) => process.kill(pid, 'SIGTERM'),
    );
    expect(ended).toMatchObject({ code: 0, signal: null });
    expect(ended.stdout).toContain('app handler');
    expect(receiver.spans.map((s) => s.name)).toEqual(['execute_tool lookup']);
  });

  it('a collector that never answers does not hold the process past shutdownTimeoutMillis', async () => {
    const hanging = await startHangingReceiver();
    try {
      const ended = await runApp(
        `register({ otlp: { url: process.env.URL, timeoutMillis: 600000 }, shutdownTimeoutMillis: 300 }); ${ONE_SPAN}`,
        { URL: hanging.url },
      );
      expect(ended.signal).toBeNull();
      expect(ended.stderr).toContain('did not finish within 300 ms');
    } finally {
      await hanging.close();
    }
  });

  it('process.exit() cannot wait for the network: it says how many spans were lost and what to do', async () => {
    const ended = await runApp(`register({ otlp: { url: process.env.URL } }); ${ONE_SPAN} process.exit(0);`, { URL: receiver.url });
    expect(ended.code).toBe(0);
    expect(ended.stderr).toContain('process.exit() ended the process with 1 spans not yet exported');
    expect(ended.stderr).toContain('await tracing.shutdown()');
  });

  it('awaiting shutdown() before process.exit() delivers, and shutdown() is idempotent', async () => {
    const ended = await runApp(
      `const tracing = register({ otlp: { url: process.env.URL } }); ${ONE_SPAN}
       const a = tracing.shutdown(); const b = tracing.shutdown();
       a.then(() => { console.log(a === b ? 'same' : 'different'); process.exit(0); });`,
      { URL: receiver.url },
    );
    expect(ended).toMatchObject({ code: 0 });
    expect(ended.stdout).toContain('same');
    expect(ended.stderr).toBe('');
    expect(receiver.spans.map((s) => s.name)).toEqual(['execute_tool lookup']);
  });
});
