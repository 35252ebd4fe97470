/**
 * Our validator and our output agree on the docs: every TypeScript snippet in the READMEs and
 * docs/ that sets tracing up with `register()` and imports only what this repo installs is run
 * as an app would run it (offline: `OPENAI_BASE_URL` points at the fake server, the OTLP endpoint
 * at a local receiver), and `llm-trace-check` must find no errors in the spans it exports.
 * Snippets that need libraries the repo does not install (the AI SDK, LangChain, the Agents SDK)
 * run in integration/frameworks instead; fragments that call the reader's own functions are
 * skipped.
 */
import { spawnSync, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as ts from 'typescript';
import { startFakeLlmServer, type FakeLlmServer } from '@llm-trace/example-fake-llm-server';

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'packages/testing/dist/cli.js');
const TMP = join(ROOT, 'packages/testing/.docs-snippets');

function markdownFiles(): string[] {
  const docs = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? docs(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []));
  const readmes = readdirSync(join(ROOT, 'packages')).map((p) => join(ROOT, 'packages', p, 'README.md')).filter(existsSync);
  return [join(ROOT, 'README.md'), ...docs(join(ROOT, 'docs')), ...readmes];
}

function installed(spec: string): boolean {
  try {
    require.resolve(spec, { paths: [ROOT] });
    return true;
  } catch {
    return false;
  }
}

/** Snippets that set up tracing and whose imports all resolve here. */
function snippets(): { where: string; code: string }[] {
  const out: { where: string; code: string }[] = [];
  for (const file of markdownFiles()) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/```ts\n([\s\S]*?)```/g)) {
      const code = m[1]!;
      if (!/from '@llm-trace\/node'/.test(code) || !/\bregister\(/.test(code) || /\bdeclare\b/.test(code)) continue;
      const imports = [...code.matchAll(/from '([^']+)'/g)].map((i) => i[1]!);
      if (!imports.every(installed)) continue;
      const line = text.slice(0, m.index).split('\n').length;
      out.push({ where: `${relative(ROOT, file)}:${line}`, code });
    }
  }
  return out;
}

interface Receiver {
  url: string;
  bodies: Buffer[];
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const bodies: Buffer[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': 'application/x-protobuf' });
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, bodies, close: () => new Promise((r) => server.close(() => r())) };
}

function runModule(file: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [file], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stderr }));
  });
}

let fake: FakeLlmServer;
beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm run build)`);
  fake = await startFakeLlmServer();
  mkdirSync(TMP, { recursive: true });
});
afterAll(async () => {
  await fake.close();
  rmSync(TMP, { recursive: true, force: true });
});

const found = snippets();

test('the README Quick start is among the snippets run', () => {
  expect(found.map((s) => s.where)).toContainEqual(expect.stringMatching(/^README\.md:/));
});

test.each(found.map((s) => [s.where, s.code] as const))('%s: its spans pass llm-trace-check', async (where, code) => {
  const receiver = await startReceiver();
  try {
    const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const file = join(TMP, `${where.replace(/[^a-z0-9]+/gi, '-')}.mjs`);
    writeFileSync(file, js);
    const run = await runModule(file, {
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'fake',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    });
    // A fragment that uses the reader's own functions (`answerQuestion`) is not an app to run.
    if (run.code !== 0 && /ReferenceError: \w+ is not defined/.test(run.stderr)) return;
    if (run.code !== 0) throw new Error(`${where} exited with ${run.code}:\n${run.stderr.slice(0, 2000)}`);
    const traces = receiver.bodies.filter((b) => b.length > 0);
    if (traces.length === 0) return; // A setup-only snippet: nothing to check.
    const files = traces.map((b, i) => {
      const f = `${file}.${i}.bin`;
      writeFileSync(f, b);
      return f;
    });
    const check = spawnSync(process.execPath, [CLI, ...files], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`llm-trace-check on ${where}'s spans exited with ${check.status}:\n${check.stdout}${check.stderr}`);
    expect(check.stdout).toMatch(/\d+ LLM spans? checked/);
  } finally {
    await receiver.close();
  }
});
