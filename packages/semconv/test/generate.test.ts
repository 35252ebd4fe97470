/**
 * The generator's `--check` mode, run for real. The stale cases work on a copy of the package
 * in a temp folder so the shared tree is never touched.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEMCONV_MODEL } from '../src';

const PKG = join(__dirname, '..');
const REPO = join(PKG, '..', '..');

function runGenerator(root: string, args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'packages/semconv/scripts/generate.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'semconv-generate-'));
  const copy = (rel: string) => cpSync(join(REPO, rel), join(root, rel), { recursive: true });
  copy('packages/semconv/scripts');
  copy('packages/semconv/model');
  copy('packages/semconv/src');
  mkdirSync(join(root, 'docs'));
  copy('docs/semantic-conventions.md');
  // The generator imports `yaml` from the repository's node_modules.
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

test('the committed generated files are up to date', () => {
  const result = runGenerator(REPO, ['--check']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
});

test('--check fails and names the file when a generated file was edited by hand', () => {
  const file = join(root, 'packages/semconv/src/generated/attributes.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace("'gen_ai.usage.input_tokens'", "'gen_ai.usage.input'"));
  const result = runGenerator(root, ['--check']);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('packages/semconv/src/generated/attributes.ts');
  expect(result.stderr).not.toContain('model.ts');
  expect(result.stderr).toContain('npm run generate -w @llm-trace/semconv');
});

test('--check fails for every output when the model changed, and generate makes it pass again', () => {
  const model = join(root, 'packages/semconv/model/semconv.yaml');
  writeFileSync(
    model,
    readFileSync(model, 'utf8').replace('brief: Tokens in the output., example: 48', 'brief: Output tokens., example: 48'),
  );
  const stale = runGenerator(root, ['--check']);
  expect(stale.status).toBe(1);
  for (const name of ['attributes.ts', 'model.ts', 'docs/semantic-conventions.md']) expect(stale.stderr).toContain(name);
  expect(stale.stderr).not.toContain('enums.ts');

  expect(runGenerator(root, []).status).toBe(0);
  expect(runGenerator(root, ['--check']).status).toBe(0);
  expect(readFileSync(join(root, 'docs/semantic-conventions.md'), 'utf8')).toContain('Output tokens.');
});

test('a model error names the file, the place and the problem', () => {
  const model = join(root, 'packages/semconv/model/semconv.yaml');
  writeFileSync(model, readFileSync(model, 'utf8').replace('gen_ai.request.seed: {type: int', 'gen_ai.request.seed: {type: integer'));
  const result = runGenerator(root, ['--check']);
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/semconv\.yaml: attributes\.gen_ai\.request\.seed: "type" must be one of/);
});

test('a kind that lists an undefined key is rejected', () => {
  const model = join(root, 'packages/semconv/model/semconv.yaml');
  writeFileSync(model, readFileSync(model, 'utf8').replace('      gen_ai.react.round: rec', '      gen_ai.react.rounds: rec'));
  const result = runGenerator(root, []);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('kinds.STEP.attributes.gen_ai.react.rounds: not defined under attributes');
});

describe('JSDoc of the generated constants', () => {
  const source = readFileSync(join(PKG, 'src/generated/attributes.ts'), 'utf8');
  const docOf = (constName: string): string => {
    const end = source.indexOf(`export const ${constName} =`);
    expect(end).toBeGreaterThan(0);
    return source.slice(source.lastIndexOf('/**', end), end);
  };

  test('each carries brief, type, levels per kind, an example, and @experimental exactly for development keys', () => {
    for (const a of SEMCONV_MODEL.attributes) {
      const doc = docOf(a.constName);
      expect(doc).toContain(a.brief);
      expect(doc).toContain(`Type: \`${a.type}\``);
      expect(doc).toContain(`@example\n * span.setAttribute(${a.constName}, `);
      expect(doc.includes('@experimental')).toBe(a.stability === 'development');
      expect(doc.includes('@deprecated')).toBe(a.stability === 'deprecated');
    }
    expect(docOf('ATTR_GEN_AI_REQUEST_MODEL')).toContain('- LLM: Required');
    expect(docOf('ATTR_GEN_AI_SPAN_KIND')).toContain('- every kind: Required');
    expect(docOf('ATTR_GEN_AI_USAGE_TOTAL_TOKENS')).not.toContain('@experimental');
  });

  test('every generated file starts with the do-not-edit banner', () => {
    for (const file of ['attributes.ts', 'enums.ts', 'model.ts', 'kind-naming.ts']) {
      expect(readFileSync(join(PKG, 'src/generated', file), 'utf8').startsWith('/*\n * DO NOT EDIT.')).toBe(true);
    }
    expect(readFileSync(join(REPO, 'docs/semantic-conventions.md'), 'utf8').startsWith('<!--\nDO NOT EDIT.')).toBe(true);
  });
});
