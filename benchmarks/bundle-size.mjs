// What an app's bundle pays for llm-trace: esbuild bundles a one-line entry against the BUILT
// packages (dist, as installed from npm), minified, for the browser, and we report the bytes
// and the gzip size. `@opentelemetry/api` is a peer the app already ships for OpenTelemetry, so
// it is left out of the core rows (and measured on its own row).
// Run alone with `node benchmarks/bundle-size.mjs`; `npm run bench` prints the same lines.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

// A per-kind wrapper carries its own kind's capture only (withTool: no provider extraction);
// the generic forms take the kind at run time and carry every kind's.
const CASES = [
  ['withTool alone', "import { withTool } from '@llm-trace/core'; globalThis.x = withTool;", ['@opentelemetry/api']],
  ['withChain alone', "import { withChain } from '@llm-trace/core'; globalThis.x = withChain;", ['@opentelemetry/api']],
  ['withLLM alone', "import { withLLM } from '@llm-trace/core'; globalThis.x = withLLM;", ['@opentelemetry/api']],
  ['withLlmSpan (any kind) alone', "import { withLlmSpan } from '@llm-trace/core'; globalThis.x = withLlmSpan;", ['@opentelemetry/api']],
  ['all of @llm-trace/core', "import * as core from '@llm-trace/core'; globalThis.x = core;", ['@opentelemetry/api']],
  ['@opentelemetry/api (the peer)', "import * as api from '@opentelemetry/api'; globalThis.x = api;", []],
  ['@llm-trace/web register() + SDK', "import { register } from '@llm-trace/web'; globalThis.x = register;", ['@opentelemetry/api', '@llm-trace/core']],
];

async function size(source, external) {
  const result = await build({
    stdin: { contents: source, resolveDir: repo, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    external,
    // Resolve the packages through their package.json (dist), not the repo's TypeScript paths.
    tsconfigRaw: '{}',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { bytes: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** One line per case: `name: minified KB, gzip KB`. Needs `npm run build` first. */
export async function bundleSizeLines() {
  const lines = [];
  for (const [name, source, external] of CASES) {
    const s = await size(source, external);
    lines.push(`${name.padEnd(34)} ${kb(s.bytes).padStart(9)} minified, ${kb(s.gzip).padStart(8)} gzip`);
  }
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log('Bundle sizes (esbuild, minified, browser platform, from dist):');
  for (const line of await bundleSizeLines()) console.log(`  ${line}`);
}
