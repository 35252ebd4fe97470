/**
 * The built package as consumers load it: both module formats, the side-effect-free main entry,
 * and the `./jest` entry that registers the matchers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const PKG = resolve(__dirname, '..');

// Each test starts node processes; on a loaded machine that can exceed jest's 5 s default.
jest.setTimeout(60_000);
const DIST = resolve(PKG, 'dist');

function node(code: string, type: 'commonjs' | 'module'): { code: number | null; out: string } {
  const args = type === 'module' ? ['--input-type=module', '-e', code] : ['-e', code];
  const r = spawnSync(process.execPath, args, { cwd: PKG, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

beforeAll(() => {
  if (!existsSync(resolve(DIST, 'index.js'))) throw new Error(`${DIST} is missing: build first (npm run build -w @llm-trace/testing)`);
});

const EXPORTS = ['ConformanceRule', 'LLM_TRACE_SCOPES', 'buildTraceTree', 'createTestTracing', 'decodeExportTraceServiceRequest', 'formatFindings', 'formatTraceTree', 'scopeMatcher', 'toBeConformantLlmSpan', 'toHaveLlmSpan', 'validateSpan', 'validateSpans'];

describe('dist', () => {
  it('loads as CommonJS and as ESM with the same exports', () => {
    const cjs = node(`console.log(Object.keys(require('@llm-trace/testing')).sort().join(','))`, 'commonjs');
    const esm = node(`const m = await import('@llm-trace/testing'); console.log(Object.keys(m).sort().join(','))`, 'module');
    expect(cjs).toEqual({ code: 0, out: `${EXPORTS.join(',')}\n` });
    expect(esm).toEqual({ code: 0, out: `${EXPORTS.join(',')}\n` });
  });

  it('the main entry registers nothing; only ./jest calls expect.extend', () => {
    const probe = `globalThis.expect = { extend: (m) => console.log('extend ' + Object.keys(m).join(',')) };`;
    expect(node(`${probe} require('@llm-trace/testing'); console.log('main loaded')`, 'commonjs')).toEqual({ code: 0, out: 'main loaded\n' });
    expect(node(`${probe} require('@llm-trace/testing/jest')`, 'commonjs')).toEqual({ code: 0, out: 'extend toBeConformantLlmSpan,toHaveLlmSpan\n' });
    expect(node(`${probe} await import('@llm-trace/testing/jest')`, 'module')).toEqual({ code: 0, out: 'extend toBeConformantLlmSpan,toHaveLlmSpan\n' });
  });

  it('./jest outside jest fails with a message that says why', () => {
    const r = node(`require('@llm-trace/testing/jest')`, 'commonjs');
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('@llm-trace/testing/jest: no global `expect` to register the matchers with');
  });

  it('declares the bin and ships types for both entries', () => {
    const pkg = JSON.parse(readFileSync(resolve(PKG, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin).toEqual({ 'llm-trace-check': './dist/cli.js' });
    for (const f of ['index.d.ts', 'index.d.mts', 'jest.d.ts', 'jest.d.mts', 'cli.js']) expect(existsSync(resolve(DIST, f))).toBe(true);
    expect(readFileSync(resolve(DIST, 'jest.d.ts'), 'utf8')).toContain('toHaveLlmSpan(expected: LlmSpanExpectation): R;');
  });
});
