// Compiles the type tests (packages/*/test/types/**) against the built declarations (dist/*.d.ts,
// reached through each package's exports map, as a user's project reaches them) with every
// TypeScript version in this folder, under module commonjs, node16 and nodenext, in both
// decorator modes, as CommonJS and (node16/nodenext) as ES module files. Prints a matrix; exits
// non-zero when any cell fails.
import { execFile, execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const work = join(here, '.work', 'types');
const versions = process.env.TS_VERSIONS ? process.env.TS_VERSIONS.split(',') : ['ts5.0', 'ts5.4', 'ts5.9', 'ts6.0', 'ts7'];
const modules = ['commonjs', 'node16', 'nodenext'];

function typeTests() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.types.ts')) out.push(p);
    }
  };
  for (const pkg of readdirSync(join(repo, 'packages'))) {
    const dir = join(repo, 'packages', pkg, 'test', 'types');
    try {
      walk(dir);
    } catch {
      // a package without type tests
    }
  }
  return out;
}

function tscVersion(ts) {
  return execFileSync(process.execPath, [join(here, 'node_modules', ts, 'bin', 'tsc'), '--version'], { encoding: 'utf8' }).trim().replace('Version ', '');
}

const files = typeTests();
const legacy = (f) => f.includes(`${join('decorators', 'legacy')}`);
rmSync(work, { recursive: true, force: true });
let failed = 0;
const rows = [];
const jobs = [];
for (const ts of versions) {
  const major = Number(ts.slice(2).split('.')[0]);
  for (const module of modules) {
    // A CommonJS project, and for node16/nodenext also an ES module one (.mts files).
    const formats = module === 'commonjs' ? ['cjs'] : ['cjs', 'esm'];
    for (const format of formats) {
      // Legacy decorators once per version (nodenext, CommonJS): the mode changes how the
      // decorator's signature is checked, not how the package resolves.
      const modes = module === 'nodenext' && format === 'cjs' ? ['tc39', 'legacy'] : ['tc39'];
      for (const mode of modes) {
        const cell = `${ts}-${module}-${format}-${mode}`;
        const dir = join(work, cell);
        mkdirSync(dir, { recursive: true });
        const ext = format === 'esm' ? '.mts' : module === 'commonjs' ? '.ts' : '.cts';
        // jest 30's own types need TypeScript 5.4+ (jest's documented minimum; they reference
        // lib esnext.disposable), so the jest matchers are checked from 5.4 on.
        const jestTypes = ts !== 'ts5.0';
        const chosen = files
          .filter((f) => (mode === 'legacy' ? legacy(f) || !f.includes('decorators') : !legacy(f)))
          .filter((f) => jestTypes || !f.includes(join('testing', 'test', 'types')));
        const names = chosen.map((f) => {
          const name = relative(join(repo, 'packages'), f).replace(/[\\/]/g, '__').replace(/\.ts$/, ext);
          cpSync(f, join(dir, name));
          return name;
        });
        const compilerOptions = {
          target: 'ES2022',
          lib: ['ES2022'],
          module,
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          esModuleInterop: true,
          types: jestTypes ? ['node', 'jest'] : ['node'],
          ...(mode === 'legacy' ? { experimentalDecorators: true, emitDecoratorMetadata: true } : {}),
          // module commonjs resolves like Node 10 (no exports map) on TypeScript 5 and 6 (where
          // that is deprecated); TypeScript 7 removed it and resolves like a bundler.
          ...(module === 'commonjs' && major === 6 ? { ignoreDeprecations: '6.0' } : {}),
        };
        writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: names }, null, 2));
        jobs.push({ ts, module, format, mode, cell, dir, files: names.length });
      }
    }
  }
}

// Two compilers at a time (CI has two cores); each cell is its own tsc process.
const run = promisify(execFile);
let next = 0;
async function worker() {
  while (next < jobs.length) {
    const job = jobs[next++];
    let ok = true;
    let output = '';
    try {
      await run(process.execPath, [join(here, 'node_modules', job.ts, 'bin', 'tsc'), '-p', job.dir], { encoding: 'utf8' });
    } catch (error) {
      ok = false;
      output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    }
    rows.push({ ...job, ok });
    console.log(`${ok ? 'pass' : 'FAIL'} ${job.cell} (${job.files} files)`);
    if (!ok) {
      failed++;
      console.log(output.trim().split('\n').slice(0, 20).join('\n'));
    }
  }
}
await Promise.all(Array.from({ length: Math.min(2, availableParallelism()) }, worker));

console.log('\nType tests against the built declarations (packages/*/test/types/**):');
console.log('| TypeScript | module | files | TC39 decorators | legacy decorators |');
console.log('|---|---|---|---|---|');
for (const ts of versions) {
  const v = tscVersion(ts);
  for (const module of modules) {
    for (const format of module === 'commonjs' ? ['cjs'] : ['cjs', 'esm']) {
      const cell = (mode) => {
        const row = rows.find((r) => r.ts === ts && r.module === module && r.format === format && r.mode === mode);
        return row === undefined ? '–' : row.ok ? 'pass' : 'FAIL';
      };
      console.log(`| ${v} | ${module} | ${format === 'esm' ? '.mts (ESM)' : module === 'commonjs' ? '.ts' : '.cts (CJS)'} | ${cell('tc39')} | ${cell('legacy')} |`);
    }
  }
}
if (failed) {
  console.log(`\n${failed} cells failed`);
  process.exit(1);
}
