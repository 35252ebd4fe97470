/**
 * A rejection the app never handles is reported by the runtime exactly as without us (none
 * swallowed, none added), on every path a wrapped call can return a promise: an `async`
 * function, a plain function handing back a native promise, tsc's down-levelled `__awaiter`
 * code, a promise subclass, and with a replaced global `Promise`.
 *
 * Unhandled-rejection behaviour is process-wide, so every scenario runs in its own process
 * (fixtures/rejection-scenario.cjs, against the BUILT core), once unwrapped and once wrapped; the
 * two runs must report the same events (the listener's reason compared by identity in the
 * child), exit the same way and print the same error. They run under the machine's Node and,
 * where they are unpacked, Node 22, 24 and 26.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ts from 'typescript';

jest.setTimeout(600_000);

const FIXTURE = resolve(__dirname, 'fixtures/rejection-scenario.cjs');
const DIST = resolve(__dirname, '../../dist/index.js');
// CI runs the whole suite on each Node line; run locally on Node 20, a few cases also go through
// the other lines where they are unpacked.
const OTHER_NODES = process.versions.node.startsWith('20.') ? ['n22', 'n24', 'n26'].map((n) => `/tmp/nodes/${n}/package/bin/node`).filter((p) => existsSync(p)) : [];

/** An async function as tsc --target ES2015 writes it (`__awaiter` over a generator). */
const ES2015_CODE = ts.transpileModule('async function failingEs2015() { await null; await null; throw boom; } return failingEs2015;', {
  compilerOptions: { target: ts.ScriptTarget.ES2015, module: ts.ModuleKind.None },
}).outputText;

type Mode = 'listener' | 'throw' | 'warn';
interface Outcome {
  log: unknown[];
  exitCode: number | null;
  stderr: string;
  spans: { name: string; status: number; message: string; events: string[]; ends: number }[];
}

function runScenario(node: string, scenario: string, variant: 'wrapped' | 'unwrapped', mode: Mode, extra: string[]): Promise<Outcome> {
  const nodeArgs = mode === 'warn' ? ['--unhandled-rejections=warn'] : [];
  const args = [...nodeArgs, FIXTURE, scenario, variant, ...(mode === 'listener' ? ['listener'] : []), ...extra];
  return new Promise((done, fail) => {
    const child = spawn(node, args, { cwd: __dirname, env: { ...process.env, ES2015_CODE } });
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
 * What the runtime printed, from the error on, without stack frames (ours are on the stack) and
 * the source excerpt above a crash (it points wherever V8 can still locate the error).
 */
function printed(stderr: string): string {
  const lines = stderr.replace(/\(node:\d+\)/g, '(node:PID)').split('\n');
  const from = lines.findIndex((l) => /Error: boom|UnhandledPromiseRejectionWarning/.test(l));
  return (from < 0 ? lines : lines.slice(from)).filter((l) => !/^\s+at /.test(l)).join('\n');
}

/**
 * scenario, mode, extra flags, how many of our spans the wrapped run ends before exit (a promise
 * subclass nobody uses is observed only once the app uses it, so its span is still open then).
 */
type Case = [string, Mode, string[], number];
const CASES: Case[] = [
  ['never', 'throw', [], 1],
  ['never', 'listener', [], 1],
  ['never', 'warn', [], 1],
  ['awaited', 'listener', [], 1],
  ['catchLaterSameTick', 'listener', [], 1],
  ['thenCall', 'listener', [], 1],
  ['afterTimeout', 'listener', [], 1],
  ['afterTimeout', 'warn', [], 1],
  ['throwsEarly', 'throw', [], 1],
  ['throwsEarlyCaughtLater', 'listener', [], 1],
  ['awaitsValuesInside', 'throw', [], 1],
  ['awaitsValuesInsideCaught', 'listener', [], 1],
  ['thenThenCatch', 'listener', [], 1],
  ['thenThen', 'listener', [], 1],
  ['finallyCatch', 'listener', [], 1],
  ['promiseAll', 'listener', [], 1],
  ['promiseRace', 'listener', [], 1],
  ['adopted', 'listener', [], 1],
  ['concurrentFirstCaught', 'listener', [], 2],
  ['lateCatchAfterNextCall', 'listener', [], 2],
  ['nestedSamePromise', 'throw', [], 2],
  ['nestedAsync', 'listener', [], 2],
  ['plainNever', 'throw', [], 1],
  ['plainNever', 'listener', [], 1],
  ['plainAwaited', 'listener', [], 1],
  ['plainLater', 'warn', [], 1],
  ['es2015Never', 'throw', [], 1],
  ['es2015Never', 'listener', [], 1],
  ['es2015Awaited', 'listener', [], 1],
  ['subclassNever', 'throw', [], 0],
  ['subclassNever', 'listener', [], 0],
  ['subclassAwaited', 'listener', [], 1],
  ['subclassCatchLater', 'listener', [], 1],
  ['subclassThenOnly', 'listener', [], 1],
  ['never', 'listener', ['zone'], 1],
  ['es2015Never', 'throw', ['zone'], 0],
  ['es2015Awaited', 'listener', ['zone'], 1],
];
/** The core of it under the other Node lines. */
const ACROSS_NODES = new Set(['never throw', 'plainNever listener', 'es2015Never throw', 'subclassNever listener', 'afterTimeout warn']);

const name = (node: string, [scenario, mode, extra]: Case) => `${node === process.execPath ? process.version : node.split('/')[3]} ${scenario} (${mode}${extra.length ? ', ' + extra.join(' ') : ''})`;
const ALL: [string, Case][] = [
  ...CASES.map((c): [string, Case] => [process.execPath, c]),
  ...OTHER_NODES.flatMap((node) => CASES.filter(([s, m, x]) => x.length === 0 && ACROSS_NODES.has(`${s} ${m}`)).map((c): [string, Case] => [node, c])),
];
const results = new Map<string, Promise<[Outcome, Outcome]>>();

beforeAll(() => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: build first (npm run build -w @llm-trace/core)`);
  if (!readFileSync(DIST, 'utf8').includes('llm-trace.not-a-stream')) throw new Error(`${DIST} is stale: rebuild (npm run build -w @llm-trace/core)`);
  // Two processes at a time (the machine has two cores), all queued up front.
  const lanes: Promise<unknown>[] = [Promise.resolve(), Promise.resolve()];
  ALL.forEach(([node, c], i) => {
    const [scenario, mode, extra] = c;
    const run = lanes[i % 2].then(async () => [await runScenario(node, scenario, 'unwrapped', mode, extra), await runScenario(node, scenario, 'wrapped', mode, extra)] as [Outcome, Outcome]);
    lanes[i % 2] = run.catch(() => undefined);
    results.set(name(node, c), run);
  });
  return Promise.all(lanes);
});

describe('the one difference: a function handing back a promise it already handled itself', () => {
  // The caller gets a new promise that rejects and does not handle it, so the runtime reports
  // that one (with the identical reason). Without a process-wide promise hook nobody can tell
  // whether a promise already has handlers.
  it('the caller that ignores the rejected promise it got sees it reported', async () => {
    const [plain, traced] = await Promise.all([runScenario(process.execPath, 'syncReturnsHandled', 'unwrapped', 'listener', []), runScenario(process.execPath, 'syncReturnsHandled', 'wrapped', 'listener', [])]);
    expect(plain.log).toEqual([]);
    expect(traced.log).toEqual([{ event: 'unhandledRejection', identicalReason: true }]);
    expect(traced.spans).toHaveLength(1);
  });
});

describe('unhandled rejections of a wrapped call: the runtime sees what it would see without us', () => {
  it.each(ALL.map(([node, c]) => [name(node, c), c] as const))('%s', async (label, [, mode, , spanCount]) => {
    const [plain, traced] = await results.get(label)!;
    expect(traced.log).toEqual(plain.log);
    expect(traced.exitCode).toBe(plain.exitCode);
    expect(printed(traced.stderr)).toBe(printed(plain.stderr));
    if (mode === 'throw') {
      expect(plain.exitCode).not.toBe(0);
      expect(printed(plain.stderr)).toContain('Error: boom');
    }
    expect(plain.spans).toEqual([]);
    expect(traced.spans).toHaveLength(spanCount);
    for (const span of traced.spans) {
      expect(span).toMatchObject({ status: 2, message: 'boom', ends: 1 });
      expect(span.events).toContain('exception');
    }
  });
});
