// Extracts every ```ts block of README.md and docs/**/*.md and compiles each as its own ES
// module file (top-level await allowed, as in an ESM app) against the built packages with the
// given TypeScript versions. A block that is deliberately partial (a fragment of a larger file)
// opts out with the comment `// docs-check: partial` in its first line. Exits non-zero on errors.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const work = join(here, '.work', 'docs');
const versions = process.argv.slice(2).length ? process.argv.slice(2) : ['ts5.4', 'ts6.0'];

function markdownFiles() {
  const out = [join(repo, 'README.md')];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md')) out.push(p);
    }
  };
  walk(join(repo, 'docs'));
  return out;
}

const blocks = [];
for (const file of markdownFiles()) {
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end].startsWith('```')) end++;
    const code = lines.slice(start, end).join('\n');
    blocks.push({ file: relative(repo, file), line: start + 1, code, partial: /^\s*\/\/ docs-check: partial/.test(lines[start] ?? '') });
    i = end;
  }
}

// The framework guides import the frameworks themselves: their blocks compile inside
// integration/frameworks, where those are installed (this step installs them first), so the
// guides are checked against the real AI SDK, LangChain and Agents types.
const frameworksDir = join(repo, 'integration', 'frameworks');
const groups = [
  { name: 'docs', root: work, test: (b) => !b.file.startsWith(join('docs', 'frameworks')) },
  { name: 'framework guides', root: join(frameworksDir, '.docs-check'), test: (b) => b.file.startsWith(join('docs', 'frameworks')) },
];
if (!existsSync(join(frameworksDir, 'node_modules'))) {
  console.log('FAIL: integration/frameworks is not installed (npm ci --prefix integration/frameworks); the framework guides cannot be checked');
  process.exit(1);
}

let failed = 0;
for (const group of groups) {
  rmSync(group.root, { recursive: true, force: true });
  const mine = blocks.filter(group.test);
  for (const ts of versions) {
    const dir = join(group.root, ts);
    mkdirSync(dir, { recursive: true });
    const names = [];
    for (const b of mine) {
      if (b.partial) continue;
      const name = `${b.file.replace(/[\\/.]/g, '_')}_L${b.line}.mts`;
      // `export {}` keeps each block a module, so names in one block never clash with another's.
      writeFileSync(join(dir, name), `${b.code}\nexport {};\n`);
      names.push(name);
    }
    const compilerOptions = {
      target: 'ES2022',
      lib: ['ES2022', 'DOM'],
      module: 'nodenext',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      esModuleInterop: true,
      experimentalDecorators: false,
      types: ['node', 'jest'],
      typeRoots: [join(repo, 'node_modules', '@types')],
      noUnusedLocals: false,
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: names }, null, 2));
    try {
      execFileSync(process.execPath, [join(here, 'node_modules', ts, 'bin', 'tsc'), '-p', dir], { encoding: 'utf8', stdio: 'pipe' });
      console.log(`pass ${ts}, ${group.name}: ${names.length} blocks (${mine.length - names.length} marked partial)`);
    } catch (error) {
      failed++;
      const text = `${error.stdout ?? ''}${error.stderr ?? ''}`;
      // Map each error back to its markdown file and line.
      const mapped = text.split('\n').filter(Boolean).map((l) => {
        const m = /_L(\d+)\.mts\((\d+),(\d+)\)/.exec(l);
        const b = m && blocks.find((x) => x.line === Number(m[1]) && l.includes(`${x.file.replace(/[\\/.]/g, '_')}_L${x.line}`));
        return b ? `${b.file}:${b.line + Number(m[2]) - 1}: ${l.slice(l.indexOf('error'))}` : l;
      });
      console.log(`FAIL ${ts}, ${group.name}:\n${mapped.join('\n')}`);
    }
  }
  rmSync(group.root, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
