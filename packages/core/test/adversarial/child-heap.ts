/**
 * Runs fixtures/retained-heap.cjs in its own Node process with `--expose-gc` (against the BUILT
 * core, or the build in LLM_TRACE_CORE_DIST) and returns what it measured.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

const FIXTURE = resolve(__dirname, 'fixtures/retained-heap.cjs');

/** The default `maxAttributeLength`, which the bounds below are derived from. */
export const CAP = 32768;

export function measureInChild(args: readonly (string | number)[]): Promise<Record<string, number>> {
  return new Promise((done, fail) => {
    execFile(process.execPath, ['--expose-gc', FIXTURE, ...args.map(String)], { cwd: __dirname, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (err || !line) return fail(new Error(`retained-heap ${args.join(' ')} failed: ${err?.message ?? 'no result'}\n${stderr}`));
      done(JSON.parse(line.slice('RESULT '.length)) as Record<string, number>);
    });
  });
}
