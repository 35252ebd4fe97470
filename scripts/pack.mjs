// `npm run pack`: builds every publishable package and writes its npm tarball to
// dist-packages/ (gitignored), the files `npm install ./dist-packages/<file>.tgz` takes until
// the packages are on the registry. Prints each tarball with its size and file count.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-packages');
const packages = ['@llm-trace/semconv', '@llm-trace/core', '@llm-trace/node', '@llm-trace/testing'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// CI has just built everything; PACK_SKIP_BUILD=1 packs that build instead of making it again.
if (process.env.PACK_SKIP_BUILD !== '1') {
  for (const name of packages) execFileSync(npm, ['run', 'build', '-w', name], { cwd: root, stdio: 'inherit' });
}
const args = ['pack', '--json', '--pack-destination', out, ...packages.flatMap((p) => ['-w', p])];
const packed = JSON.parse(execFileSync(npm, args, { cwd: root, encoding: 'utf8' }));
for (const p of packed) {
  console.log(`${p.filename}  ${(p.size / 1024).toFixed(1)} kB packed, ${(p.unpackedSize / 1024).toFixed(1)} kB unpacked, ${p.entryCount} files`);
}
