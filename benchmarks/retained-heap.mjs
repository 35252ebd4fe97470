// Heap a finished span and an open stream keep alive, bounded by the caps: the fixture of the
// core adversarial tests, run in fresh processes with --expose-gc (heap after full collections).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const FIXTURE = fileURLToPath(new URL('../packages/core/test/adversarial/fixtures/retained-heap.cjs', import.meta.url));

function measure(args) {
  const out = spawnSync(process.execPath, ['--expose-gc', FIXTURE, ...args], { encoding: 'utf8' });
  const m = /RESULT (\{.*\})/.exec(out.stdout ?? '');
  if (!m) throw new Error(`retained-heap ${args.join(' ')} failed: ${out.stderr || out.stdout}`);
  return JSON.parse(m[1]);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const mb = (bytes) => `${(bytes / 1048576).toFixed(2)} MB`;

/** Lines for `npm run bench`: retained heap per finished span and per open stream. */
export function retainedHeapLines() {
  const perSpan = measure(['finished-spans', 'tool-string', '200', String(512 * 1024)]).perSpan;
  const wrapped = measure(['open-stream', 'wrapped', String(200 * 1048576), '65536']).retained;
  const unwrapped = measure(['open-stream', 'unwrapped', String(200 * 1048576), '65536']).retained;
  return [
    `finished TOOL span with a 512 kB result (32 kB cap), held:   ${kb(perSpan)} per span`,
    `open LLM stream after 200 MB of chunks, wrapped:            ${mb(wrapped)}`,
    `same stream, unwrapped:                                     ${mb(unwrapped)}`,
  ];
}
