/**
 * Every `@example` in the engine's JSDoc (engine/, capture/, state.ts, serialize.ts) compiles
 * against the package's public API. Each example becomes one module in a temp folder, its
 * `@llm-trace/core` import pointed at the sources, and the lot is type-checked.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';

const SRC = join(__dirname, '..', '..', 'src');
const ROOT = join(__dirname, '..', '..', '..', '..');
const FILES = [
  ...readdirSync(join(SRC, 'engine')).map((f) => join(SRC, 'engine', f)),
  join(SRC, 'capture', 'registry.ts'),
  join(SRC, 'state.ts'),
  join(SRC, 'serialize.ts'),
];

function examples(file: string): string[] {
  const found: string[] = [];
  for (const [, body] of readFileSync(file, 'utf8').matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const lines = body.split('\n').map((line) => line.replace(/^\s*\* ?/, ''));
    const start = lines.findIndex((line) => line.trim() === '@example');
    if (start < 0) continue;
    const rest = lines.slice(start + 1);
    const stop = rest.findIndex((line) => line.startsWith('@'));
    found.push(rest.slice(0, stop < 0 ? undefined : stop).filter((l) => !l.trim().startsWith('```')).join('\n').trim());
  }
  return found;
}

test('every engine example compiles against the public API', () => {
  const all = FILES.flatMap(examples);
  expect(all.length).toBeGreaterThanOrEqual(28);
  const dir = mkdtempSync(join(tmpdir(), 'core-examples-'));
  try {
    const index = join(SRC, 'index').replace(/\\/g, '/');
    const extend = join(SRC, 'extend').replace(/\\/g, '/');
    const files = all.map((code, i) => {
      const file = join(dir, `example${i}.ts`);
      writeFileSync(file, code.replace(/from '@llm-trace\/core'/g, `from '${index}'`).replace(/from '@llm-trace\/core\/extend'/g, `from '${extend}'`) + '\nexport {};\n');
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts', 'lib.esnext.decorators.d.ts', 'lib.dom.d.ts'],
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: ['node'],
      typeRoots: [join(ROOT, 'node_modules', '@types')],
      baseUrl: ROOT,
      paths: { '@llm-trace/semconv': ['packages/semconv/src/index.ts'], '@opentelemetry/api': ['node_modules/@opentelemetry/api'] },
      ignoreDeprecations: '6.0',
      skipLibCheck: true,
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ? readFileSync(d.file.fileName, 'utf8').slice(0, 80) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
