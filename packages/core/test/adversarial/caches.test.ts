/**
 * The redaction verdict cache is bounded in characters, not only in entries: property names of
 * any length must not stay in memory for the life of the process.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

it('100 tool calls with one distinct 5 MB property name each retain a bounded heap (child process, after gc)', () => {
  const r = spawnSync(process.execPath, ['--expose-gc', resolve(__dirname, 'fixtures/verdict-cache.cjs'), '100', '5000000'], { encoding: 'utf8' });
  const m = /RETAINED (-?\d+)/.exec(r.stdout);
  if (!m) throw new Error(`no result: ${r.stdout}\n${r.stderr}`);
  // The cache may hold 256 k characters of names; the engine may still reference the last call's
  // name (one 5 MB string). Unbounded, it kept all 100 (500 MB).
  expect(Number(m[1])).toBeLessThan(5_000_000 + 256 * 1024 * 2 + 4_000_000);
}, 60_000);
