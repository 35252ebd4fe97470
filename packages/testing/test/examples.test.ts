/**
 * Every `@example` in the package's JSDoc must compile against the public API, imports
 * included. Each example becomes its own module (imports hoisted, the rest in an async
 * function so `await` works) and the lot is type-checked in one program.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';
import { jsdocExamples } from '../../../test-utils/jsdoc-examples';
import * as testing from '../src/index';

const PKG = resolve(__dirname, '..');
const SRC = join(PKG, 'src');

// Type-checking a program with the OTel and jest typings takes seconds; more on a loaded machine.
jest.setTimeout(60_000);


test('every exported value documents an example, and all examples compile', () => {
  const files = readdirSync(SRC).filter((f) => f.endsWith('.ts')).map((f) => join(SRC, f));
  const all = files.flatMap(jsdocExamples);
  const index = readFileSync(join(SRC, 'index.ts'), 'utf8');
  const exported = [...index.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap(([, names]) => names!.split(',').map((n) => n.trim()).filter(Boolean));
  // Each export is named in at least one example.
  expect(exported.filter((name) => !all.some((code) => new RegExp(`\\b${name}\\b`).test(code)))).toEqual([]);
  expect(Object.keys(testing).every((k) => exported.includes(k))).toBe(true);

  const dir = mkdtempSync(join(PKG, '.examples-'));
  try {
    const names = all.map((code, i) => {
      const lines = code.split('\n');
      const imports = lines.filter((l) => l.startsWith('import '));
      const body = lines.filter((l) => !l.startsWith('import '));
      const file = join(dir, `example-${i}.ts`);
      writeFileSync(file, [...imports, 'export {};', 'export async function example(): Promise<void> {', ...body, '}'].join('\n'));
      return file;
    });
    const program = ts.createProgram(names, {
      strict: true,
      noEmit: true,
      noUnusedLocals: false,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: ['node', 'jest'],
      typeRoots: [resolve(PKG, '../../node_modules/@types')],
      paths: {
        '@llm-trace/testing': [join(SRC, 'index.ts')],
        '@llm-trace/testing/jest': [join(SRC, 'jest.ts')],
        '@llm-trace/semconv': [resolve(PKG, '../semconv/src/index.ts')],
      },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
