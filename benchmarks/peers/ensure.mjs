// Installs the peer SDKs of the comparison into benchmarks/peers/node_modules when they are
// missing (`npm ci --prefix benchmarks/peers`, from the folder's own lockfile: they are not part
// of the root install). Returns false, after one line saying why, when the install fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const PACKAGES = ['@arizeai/openinference-core', '@langfuse/tracing', '@traceloop/node-server-sdk', '@opentelemetry/sdk-trace-base'];

/** True when the peers are installed (installing them first if needed). */
export function ensurePeers() {
  if (PACKAGES.every((p) => existsSync(`${dir}node_modules/${p}/package.json`))) return true;
  console.log('installing the peer SDKs (npm ci --prefix benchmarks/peers) …');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error'], { encoding: 'utf8' });
  if (r.status === 0) return true;
  const out = `${r.stdout}${r.stderr}`;
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network/i.test(out);
  console.log(
    offline
      ? 'peer comparison skipped: the npm registry is unreachable, so benchmarks/peers cannot be installed (npm ci --prefix benchmarks/peers).'
      : `peer comparison skipped: npm ci --prefix benchmarks/peers failed (status ${r.status}): ${out.trim().split('\n').pop()}`,
  );
  return false;
}
