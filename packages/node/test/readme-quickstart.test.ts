/**
 * The README's Quick start, as written: extracted from README.md, compiled with the repository's
 * TypeScript both as a CommonJS file and as an ES module, and run with Node against the local
 * fake OpenAI-compatible server (OPENAI_BASE_URL points there), using the built packages.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeLlmServer, type FakeLlmServer } from '@llm-trace/example-fake-llm-server';

const REPO = join(__dirname, '..', '..', '..');

function quickStart(): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('README.md has no ts block under "## Quick start"');
  return match[1]!;
}

// Compiling and starting two Node processes takes a while on a busy machine.
jest.setTimeout(120_000);

describe('README Quick start', () => {
  let server: FakeLlmServer;
  let dir: string;
  beforeAll(async () => {
    server = await startFakeLlmServer();
    dir = mkdtempSync(join(tmpdir(), 'llm-trace-quickstart-'));
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const code = quickStart();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'quickstart', private: true, type: 'commonjs' }));
    writeFileSync(join(dir, 'quickstart.ts'), code);
    writeFileSync(join(dir, 'quickstart.mts'), code);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'nodenext', strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'], outDir: 'out' },
        files: ['quickstart.ts', 'quickstart.mts'],
      }),
    );
    execFileSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['CommonJS', 'quickstart.js'],
    ['ES module', 'quickstart.mjs'],
  ])('compiles and runs as %s: the answer, then the trace tree', async (_format, file) => {
    // Asynchronously: the fake server answers from this process.
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(dir, 'out', file)], {
        env: { ...process.env, OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'test-key', OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_TRACES_EXPORTER: '' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c));
      child.stderr.on('data', (c: Buffer) => (stderr += c));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/AGENT\s+invoke_agent support/);
    expect(run.stdout).toMatch(/LLM\s+chat qwen-plus/);
    expect(run.stdout).toMatch(/TOOL\s+execute_tool lookup_order/);
    expect(run.stdout).toContain('session=conv-42');
  });
});
