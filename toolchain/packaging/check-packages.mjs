// Runs publint and @arethetypeswrong/cli on every tarball in dist-packages/ (written by
// `npm run pack`) and checks each tarball ships the LICENSE. Exits non-zero on any problem.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', 'dist-packages');
const bin = (name) => join(here, 'node_modules', '.bin', name);
let failed = 0;
for (const file of readdirSync(out).filter((f) => f.endsWith('.tgz'))) {
  const tgz = join(out, file);
  const listing = execFileSync('tar', ['tzf', tgz], { encoding: 'utf8' });
  if (!listing.split('\n').includes('package/LICENSE')) {
    failed++;
    console.log(`FAIL ${file}: no LICENSE in the tarball`);
  }
  for (const [tool, args] of [
    ['publint', [tgz, '--strict']],
    ['attw', [tgz, '--format', 'table-flipped']],
  ]) {
    try {
      const text = execFileSync(bin(tool), args, { encoding: 'utf8', stdio: 'pipe' });
      console.log(`pass ${tool} ${file}\n${text.trim()}`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${tool} ${file}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
process.exit(failed ? 1 : 0);
