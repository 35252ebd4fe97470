/**
 * For the tests that check every `@example` in a package's JSDoc compiles against the public
 * API: the examples of a source file, and one type-check of many examples, each its own module,
 * with the workspace packages' names pointed at their sources.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..');

/** The code of every `@example` in the JSDoc blocks of `file`, without its Markdown fences. */
export function jsdocExamples(file: string): string[] {
  const found: string[] = [];
  for (const [, body] of readFileSync(file, 'utf8').matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const lines = body!.split('\n').map((line) => line.replace(/^\s*\* ?/, ''));
    const start = lines.findIndex((line) => line.trim() === '@example');
    if (start < 0) continue;
    const rest = lines.slice(start + 1);
    const stop = rest.findIndex((line) => line.startsWith('@'));
    found.push(rest.slice(0, stop < 0 ? undefined : stop).filter((l) => !l.trim().startsWith('```')).join('\n').trim());
  }
  return found;
}

/**
 * Type-checks `examples` (each a module of its own, in a temp folder that is removed after) under
 * strict settings, with `@llm-trace/*` resolved to the sources and `@opentelemetry/*` to the
 * installed packages. Returns the diagnostics, each led by the start of its example: empty when
 * every example compiles.
 */
export function compileExamples(examples: readonly string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'jsdoc-examples-'));
  try {
    const files = examples.map((code, i) => {
      const file = join(dir, `example${i}.ts`);
      writeFileSync(file, code + '\nexport {};\n');
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
      paths: {
        '@llm-trace/semconv': ['packages/semconv/src/index.ts'],
        '@llm-trace/core': ['packages/core/src/index.ts'],
        '@llm-trace/core/extend': ['packages/core/src/extend.ts'],
        '@llm-trace/node': ['packages/node/src/index.ts'],
        '@llm-trace/web': ['packages/web/src/index.ts'],
        '@opentelemetry/*': ['node_modules/@opentelemetry/*'],
      },
      ignoreDeprecations: '6.0',
      skipLibCheck: true,
    });
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ? readFileSync(d.file.fileName, 'utf8').slice(0, 80) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
