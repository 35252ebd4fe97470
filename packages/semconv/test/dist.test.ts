/**
 * Loads the built package both ways a user would: CommonJS `require` and an ES module `import`
 * in a real Node process (jest itself runs CommonJS), and through the package's exports map.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SEMCONV_MODEL } from '../src';

const PKG = join(__dirname, '..');
const REPO = join(PKG, '..', '..');
const CJS = join(PKG, 'dist', 'index.js');
const ESM = join(PKG, 'dist', 'index.mjs');
const BUILD_HINT = 'build first: npm run build -w @llm-trace/semconv';

function requireBuilt(file: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing; ${BUILD_HINT}`);
}

/** What both module formats must agree on, as plain JSON. */
const PROBE = `({
  input: m.ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  kind: m.ATTR_GEN_AI_SPAN_KIND,
  llm: m.LlmSpanKind.LLM,
  chat: m.GEN_AI_OPERATION_NAME_VALUE_CHAT,
  openai: m.GEN_AI_PROVIDER_NAME_VALUE_OPENAI,
  toolOperation: m.SPAN_KIND_DEFINITIONS.TOOL.operationName,
  isKind: [m.isLlmSpanKind('AGENT'), m.isLlmSpanKind('agent')],
  seedType: m.getAttributeDefinition('gen_ai.request.seed').type,
  model: m.SEMCONV_MODEL,
})`;

const EXPECTED = {
  input: 'gen_ai.usage.input_tokens',
  kind: 'gen_ai.span.kind',
  llm: 'LLM',
  chat: 'chat',
  openai: 'openai',
  toolOperation: 'execute_tool',
  isKind: [true, false],
  seedType: 'int',
};

function runNode(args: string[]): unknown {
  return JSON.parse(execFileSync(process.execPath, args, { cwd: REPO, encoding: 'utf8' }));
}

test('dist/index.js loads with require and matches the sources', () => {
  requireBuilt(CJS);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const m = require(CJS) as Record<string, unknown>;
  // eslint-disable-next-line no-new-func
  const probe = new Function('m', `return ${PROBE};`)(m) as Record<string, unknown>;
  const { model, ...constants } = probe;
  expect(constants).toEqual(EXPECTED);
  // A build older than the model would pass the spot checks above; the whole model must match.
  expect(model).toEqual(SEMCONV_MODEL);
});

test('dist/index.mjs loads with import in a Node ES module process', () => {
  requireBuilt(ESM);
  const script = `import(${JSON.stringify(pathToFileURL(ESM).href)}).then((m) => {
    const { model, ...rest } = ${PROBE};
    process.stdout.write(JSON.stringify({ ...rest, kinds: model.kinds.length, attributes: model.attributes.length }));
  });`;
  const out = runNode(['--input-type=module', '-e', script]);
  expect(out).toEqual({
    ...EXPECTED,
    kinds: SEMCONV_MODEL.kinds.length,
    attributes: SEMCONV_MODEL.attributes.length,
  });
});

test('the package name resolves through the exports map for both import and require', () => {
  requireBuilt(CJS);
  requireBuilt(ESM);
  const esm = runNode([
    '--input-type=module',
    '-e',
    "import('@llm-trace/semconv').then((m) => process.stdout.write(JSON.stringify([m.ATTR_GEN_AI_REQUEST_MODEL, import.meta.resolve('@llm-trace/semconv')])))",
  ]) as [string, string];
  expect(esm[0]).toBe('gen_ai.request.model');
  expect(esm[1]).toMatch(/packages\/semconv\/dist\/index\.mjs$/);
  const cjs = runNode([
    '-e',
    "process.stdout.write(JSON.stringify([require('@llm-trace/semconv').ATTR_GEN_AI_REQUEST_MODEL, require.resolve('@llm-trace/semconv')]))",
  ]) as [string, string];
  expect(cjs[0]).toBe('gen_ai.request.model');
  expect(cjs[1]).toMatch(/packages\/semconv\/dist\/index\.js$/);
});

test('type declarations exist for both formats', () => {
  for (const file of ['index.d.ts', 'index.d.mts']) {
    const path = join(PKG, 'dist', file);
    requireBuilt(path);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('ATTR_GEN_AI_USAGE_INPUT_TOKENS');
    expect(text).toContain('SEMCONV_MODEL');
  }
});

test('package.json: zero runtime dependencies, types-first exports, no side effects', () => {
  const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  expect(pkg.dependencies ?? {}).toEqual({});
  expect(pkg.peerDependencies ?? {}).toEqual({});
  expect(pkg.sideEffects).toBe(false);
  for (const condition of ['import', 'require']) {
    expect(Object.keys(pkg.exports['.'][condition])[0]).toBe('types');
  }
});

test('a bundle that names spans from SPAN_KIND_NAMING leaves the attribute tables out', async () => {
  requireBuilt(ESM);
  // esbuild is what tsup builds with; the same tree-shaking a bundler applies to the installed package.
  const { build } = await import('esbuild');
  const bundle = async (contents: string) => {
    const out = await build({
      stdin: { contents, resolveDir: REPO, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      tsconfigRaw: '{}',
      logLevel: 'silent',
    });
    return out.outputFiles[0]!.text;
  };
  // A key only the attribute tables name (no kind's span name uses it), and a naming value.
  const tableKey = 'gen_ai.usage.input_tokens';
  const naming = await bundle("import { SPAN_KIND_NAMING, isLlmSpanKind } from '@llm-trace/semconv'; globalThis.x = [SPAN_KIND_NAMING, isLlmSpanKind];");
  expect(naming).toContain('enter_ai_application_system');
  expect(naming).not.toContain(tableKey);
  // The check can see the tables when they are there.
  const definitions = await bundle("import { SPAN_KIND_DEFINITIONS } from '@llm-trace/semconv'; globalThis.x = SPAN_KIND_DEFINITIONS;");
  expect(definitions).toContain(tableKey);
});
