/**
 * Every `@example` in the package's JSDoc must compile against the public API. The examples are
 * collected from the sources, each put in its own block in one file, and type-checked.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';
import { jsdocExamples } from '../../../test-utils/jsdoc-examples';
import * as semconv from '../src';

const SRC = join(__dirname, '..', 'src');
const OTEL_API = join(__dirname, '..', '..', '..', 'node_modules', '@opentelemetry', 'api').replace(/\\/g, '/');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}


test('every exported declaration documents an example, and all examples compile', () => {
  const files = sourceFiles(SRC);
  const all = files.flatMap(jsdocExamples);
  const valueNames = Object.keys(semconv);
  // Each exported value has a JSDoc block with an @example: as many examples as exports, at least.
  expect(all.length).toBeGreaterThanOrEqual(valueNames.length);

  const index = readFileSync(join(SRC, 'index.ts'), 'utf8');
  const typeNames = [...index.matchAll(/export type \{([^}]*)\}/g)].flatMap(([, names]) =>
    names.split(',').map((n) => n.trim()).filter(Boolean),
  );
  const dir = mkdtempSync(join(tmpdir(), 'semconv-examples-'));
  try {
    const file = join(dir, 'examples.ts');
    const indexPath = join(SRC, 'index').replace(/\\/g, '/');
    writeFileSync(
      file,
      [
        // The temp folder is outside the repository, so the OTel API is imported by its path.
        `import type { Span } from '${OTEL_API}';`,
        `import { ${valueNames.join(', ')} } from '${indexPath}';`,
        `import type { ${typeNames.filter((n) => !valueNames.includes(n)).join(', ')} } from '${indexPath}';`,
        'declare const span: Span;',
        ...all.map((code) => `{\n${code}\n}`),
      ].join('\n'),
    );
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: [],
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
