/**
 * Issue 3: a wrapped async function's promise is the same object, and a rejection the app never
 * handles is still reported by Node exactly as without us (none swallowed, none added).
 *
 * Unhandled-rejection behaviour is process-wide, so every scenario runs in its own Node process
 * (fixtures/rejection-scenario.cjs, against the BUILT core), once unwrapped and once wrapped; the
 * two runs must report the same events, exit the same way and print the same error. The wrapped
 * run also reports its spans: each ERROR with an exception event, each ended exactly once.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withTool } from '../../src';
import { HOOK_IDLE_MS, rejectionHookInstalled } from '../../src/engine/rejections';
import { useTracing } from './harness';

jest.setTimeout(120_000);

const FIXTURE = resolve(__dirname, 'fixtures/rejection-scenario.cjs');
const DIST = resolve(__dirname, '../../dist/index.js');

type Mode = 'listener' | 'throw' | 'warn';
interface Outcome {
  log: unknown[];
  exitCode: number | null;
  stderr: string;
  spans: { name: string; status: number; message: string; events: string[]; ends: number }[];
}

function runScenario(scenario: string, variant: 'wrapped' | 'unwrapped', mode: Mode, extra: string[] = []): Promise<Outcome> {
  const nodeArgs = mode === 'warn' ? ['--unhandled-rejections=warn'] : [];
  const args = [...nodeArgs, FIXTURE, scenario, variant, ...(mode === 'listener' ? ['listener'] : []), ...extra];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: __dirname });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', fail);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('EVENTS '));
      if (!line) return fail(new Error(`${scenario} ${variant} ${mode}: no events (exit ${code})\n${out}\n${err}`));
      const parsed = JSON.parse(line.slice('EVENTS '.length)) as Omit<Outcome, 'stderr'>;
      done({ ...parsed, exitCode: code, stderr: err });
    });
  });
}

/**
 * What Node printed, from the error on: stack frames differ (ours are on the stack) and so does
 * the source excerpt Node prints above a crash (it points at where V8 can still locate the error;
 * recording the exception reads `err.stack`, after which V8 points at Node's own rethrow, as it
 * would if the app had read `err.stack` itself). Process ids are masked.
 */
function printed(stderr: string): string {
  const lines = stderr.replace(/\(node:\d+\)/g, '(node:PID)').split('\n');
  const from = lines.findIndex((l) => /Error: boom|UnhandledPromiseRejectionWarning/.test(l));
  return (from < 0 ? lines : lines.slice(from)).filter((l) => !/^\s+at /.test(l)).join('\n');
}

/** scenario, mode, how many of our spans the wrapped run ends. */
const CASES: [string, Mode, number][] = [
  ['never', 'throw', 1],
  ['never', 'listener', 1],
  ['never', 'warn', 1],
  ['awaited', 'listener', 1],
  ['catchLaterSameTick', 'listener', 1],
  ['thenCall', 'listener', 1],
  ['afterTimeout', 'listener', 1],
  ['afterTimeout', 'warn', 1],
  ['throwsEarly', 'throw', 1],
  ['throwsEarly', 'listener', 1],
  ['throwsEarlyCaughtLater', 'listener', 1],
  ['awaitsValuesInside', 'throw', 1],
  ['awaitsValuesInside', 'listener', 1],
  ['awaitsValuesInsideCaught', 'listener', 1],
  ['thenThenCatch', 'listener', 1],
  ['thenThen', 'listener', 1],
  ['finallyCatch', 'listener', 1],
  ['promiseAll', 'listener', 1],
  ['promiseRace', 'listener', 1],
  ['adopted', 'listener', 1],
  ['syncReturnsHandled', 'listener', 1],
  ['concurrentFirstCaught', 'throw', 2],
  ['concurrentFirstCaught', 'listener', 2],
  ['concurrentSecondCaught', 'listener', 2],
  ['lateCatchAfterNextCall', 'listener', 2],
  ['lateCatchAfterNextCall', 'warn', 2],
  ['afterHookIdle', 'throw', 3],
  ['afterHookIdle', 'listener', 3],
  ['nestedSamePromise', 'throw', 2],
  ['nestedSamePromise', 'listener', 2],
  ['nestedAsync', 'listener', 2],
];

const results = new Map<string, Promise<[Outcome, Outcome]>>();
const key = (scenario: string, mode: Mode) => `${scenario} ${mode}`;

beforeAll(() => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: build first (npm run build -w @llm-trace/core)`);
  if (!readFileSync(DIST, 'utf8').includes('llm-trace.rejection')) throw new Error(`${DIST} is stale: rebuild (npm run build -w @llm-trace/core)`);
  // Two processes at a time (the machine has two cores), all queued up front.
  const lanes: Promise<unknown>[] = [Promise.resolve(), Promise.resolve()];
  CASES.forEach(([scenario, mode], i) => {
    const run = lanes[i % 2].then(async () => [await runScenario(scenario, 'unwrapped', mode), await runScenario(scenario, 'wrapped', mode)] as [Outcome, Outcome]);
    lanes[i % 2] = run.catch(() => undefined);
    results.set(key(scenario, mode), run);
  });
  return Promise.all(lanes);
});

describe('unhandled rejections of a wrapped promise: Node sees what it would see without us', () => {
  it.each(CASES)('%s (%s)', async (scenario, mode, spanCount) => {
    const [plain, traced] = await results.get(key(scenario, mode))!;
    // The app and the process saw the same thing (reasons compared by identity in the child).
    expect(traced.log).toEqual(plain.log);
    expect(traced.exitCode).toBe(plain.exitCode);
    expect(printed(traced.stderr)).toBe(printed(plain.stderr));
    if (mode === 'throw') {
      expect(plain.exitCode).not.toBe(0);
      expect(printed(plain.stderr)).toContain('Error: boom');
    }
    // The spans: ERROR with the exception, each ended exactly once.
    expect(plain.spans).toEqual([]);
    expect(traced.spans).toHaveLength(spanCount);
    for (const span of traced.spans) {
      expect(span).toMatchObject({ status: 2, message: 'boom', ends: 1 });
      expect(span.events).toContain('exception');
    }
  });
});

describe('where promise hooks are missing', () => {
  it('core loads and the span is recorded; the rejection is not re-raised (the documented fallback)', async () => {
    const traced = await runScenario('never', 'wrapped', 'listener', ['nohook']);
    expect(traced.exitCode).toBe(0);
    expect(traced.stderr).toBe('');
    expect(traced.log).toEqual([]);
    expect(traced.spans).toEqual([{ name: 'execute_tool failing', status: 2, message: 'boom', events: ['exception'], ends: 1 }]);
  });
});

describe('in process', () => {
  const h = useTracing();

  it('the hook is installed while a traced promise needs it and removed HOOK_IDLE_MS after the last one', async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const call = withTool({ name: 't' }, async (x: number) => x);
    await call(1);
    expect(rejectionHookInstalled()).toBe(true);
    await sleep(HOOK_IDLE_MS + 200);
    expect(rejectionHookInstalled()).toBe(false);
    // Back for the next traced call, before the app can attach a handler to its promise.
    const p = call(2);
    expect(rejectionHookInstalled()).toBe(true);
    await expect(p).resolves.toBe(2);
    // A traced promise still pending keeps it, however long it takes.
    let finish!: () => void;
    const slow = withTool({ name: 'slow' }, () => new Promise<void>((r) => (finish = r)));
    const pending = withTool({ name: 'outer' }, async () => slow())();
    await sleep(HOOK_IDLE_MS + 200);
    expect(rejectionHookInstalled()).toBe(true);
    finish();
    await pending;
    expect(h.counter.allEndedOnce()).toBe(true);
  });

  it('the same promise comes back; a fault in the promise hook goes to diag, never to the app', async () => {
    const err = new Error('x');
    const body = async () => {
      await null;
      throw err;
    };
    const p = withTool({ name: 't' }, body)();
    expect(p).toBeInstanceOf(Promise);
    // A promise whose prototype chain throws when our private symbol is read (V8 reports it as
    // a parent: its species is Promise), so the hook itself faults on its `then`.
    class Odd extends Promise<unknown> {
      static override get [Symbol.species]() {
        return Promise;
      }
    }
    Object.setPrototypeOf(
      Odd.prototype,
      new Proxy(Promise.prototype, {
        get(target, prop, receiver) {
          if (typeof prop === 'symbol' && prop.description === 'llm-trace.rejection') throw new Error('trap');
          return Reflect.get(target, prop, receiver);
        },
      }),
    );
    await expect(Odd.resolve(1).then((v) => v)).resolves.toBe(1);
    expect(h.diagErrors.map(([m]) => m)).toContain('llm-trace: promise hook failed');
    await expect(p).rejects.toBe(err);
    const span = h.span('execute_tool t');
    expect(span.status.code).toBe(2);
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
    expect(h.counter.allEndedOnce()).toBe(true);
  });
});
