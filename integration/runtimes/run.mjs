// Runs the conformance checks (conformance.mjs) under Node, Bun, Deno, workerd, Vercel's
// edge-runtime (with and without AsyncLocalStorage) and headless Chromium, against the fake
// OpenAI-compatible server and a local OTLP/HTTP receiver, both on 127.0.0.1. Prints a
// runtime × check table and exits non-zero when any check fails. Usage: node run.mjs [runtime …]
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL, bin, bundle, CHROMIUM, cleanEnv, closeHarness, fake, here, origin, otlpUrl, out, pages, parseResult, received, run } from './harness.mjs';

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : ALL;

// Node, Bun and Deno load the built packages unbundled, from the repository's node_modules,
// as an app that installed them does.
const cli = async () => join(here, 'entries', 'cli.mjs');
let globalBundle;
const globalScript = async () => (globalBundle ??= await readFile(await bundle('global.mjs', 'global.js', { platform: 'browser', format: 'iife' }), 'utf8'));


const runners = {
  node: async () => parseResult(await run(process.execPath, [await cli(), `${fake.url}`, otlpUrl, 'node'])),
  bun: async () => parseResult(await run(bin('bun'), ['run', await cli(), fake.url, otlpUrl, 'bun'], { env: { ...cleanEnv, BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' } })),
  // No --allow-env: importing core must not need it. Network only to the two local servers.
  deno: async () => {
    const hosts = [new URL(fake.url).host, new URL(origin).host].join(',');
    const env = { ...cleanEnv, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
    const bare = await run(bin('deno'), ['run', '--no-prompt', join(here, 'entries', 'core-only.mjs')], { env });
    const line = bare.stdout.split('\n').find((l) => l.startsWith('CORE_ONLY '));
    const coreOnly = line ? JSON.parse(line.slice('CORE_ONLY '.length)) : undefined;
    // OpenTelemetry's SDK reads OTEL_* when the provider is built and the openai client reads
    // OPENAI_* when constructed, so the full run allows those variables and nothing else.
    const result = parseResult(await run(bin('deno'), ['run', '--no-prompt', `--allow-net=${hosts}`, '--allow-env=OTEL_*,OPENAI_*', await cli(), fake.url, otlpUrl, 'deno'], { env }));
    const ok = coreOnly?.sum === 3 && /--allow-env=OTEL_\*/.test(coreOnly.registerError);
    result.checks.unshift({ name: 'core imports with no permissions', ok, detail: ok ? 'wrappers run; register() names --allow-env=OTEL_*' : `${line ?? bare.stderr.slice(-800)}` });
    return result;
  },
  workerd: async () => {
    const dir = join(out, 'workerd');
    await mkdir(dir, { recursive: true });
    await bundle('worker.mjs', 'workerd/worker.mjs', { platform: 'browser' });
    const port = 20000 + Math.floor(Math.random() * 20000);
    await writeFile(join(dir, 'config.capnp'), workerdConfig(port));
    const child = spawn(bin('workerd'), ['serve', join(dir, 'config.capnp'), '--verbose'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (c) => (log += c));
    child.stderr.on('data', (c) => (log += c));
    try {
      const url = `http://127.0.0.1:${port}/?llm=${encodeURIComponent(fake.url)}&otlp=${encodeURIComponent(otlpUrl)}`;
      for (let i = 0; ; i++) {
        try {
          const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
          const text = await res.text();
          if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 500)} ${log.slice(-1500)}`);
          return JSON.parse(text);
        } catch (error) {
          if (i > 50 || !String(error?.cause?.code ?? '').includes('ECONNREFUSED')) throw new Error(`${error.message} ${log.slice(-1500)}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    } finally {
      child.kill('SIGTERM');
    }
  },
  'edge-runtime': () => edge(true),
  'edge-runtime (no ALS)': () => edge(false),
  chromium: async () => {
    const { chromium } = await import('playwright-core');
    pages.set('/', ['text/html', '<!doctype html><meta charset="utf-8"><title>llm-trace conformance</title>']);
    pages.set('/global.js', ['text/javascript', await globalScript()]);
    const userDataDir = await mkdtemp(join(tmpdir(), 'llm-trace-chromium-'));
    // playwright passes the (empty) profile folder as --user-data-dir itself.
    const browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${origin}/`);
      await page.addScriptTag({ url: '/global.js' });
      if (errors.length) throw new Error(errors.join('; '));
      return await page.evaluate(({ llm, otlp }) => globalThis.runConformance({ runtime: 'chromium', llmUrl: llm, otlpUrl: otlp, expectContext: false }), { llm: `${origin}/llm`, otlp: otlpUrl });
    } finally {
      await browser.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
  },
};

async function edge(withAls) {
  const { EdgeRuntime } = await import('edge-runtime');
  const runtime = new EdgeRuntime({
    initialCode: await globalScript(),
    // Next.js injects AsyncLocalStorage into its edge sandbox this way; plain edge-runtime does not.
    // Vercel's edge functions and Next.js also define `process` with `env` (openai reads
    // process.version under EdgeRuntime and throws without it).
    extend: (context) => Object.assign(context, { process: { env: {} } }, withAls ? { AsyncLocalStorage } : {}),
  });
  const name = withAls ? 'edge-runtime' : 'edge-runtime (no ALS)';
  return runtime.evaluate(`globalThis.runConformance({ runtime: ${JSON.stringify(name.replace(/[^a-z-]+/g, '-').replace(/-+$/, ''))}, llmUrl: ${JSON.stringify(fake.url)}, otlpUrl: ${JSON.stringify(otlpUrl)}, expectContext: ${withAls} })`);
}

function workerdConfig(port) {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .conformance),
    # The fake LLM server and the OTLP receiver listen on loopback, which the default network refuses.
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const conformance :Workerd.Worker = (
  modules = [ (name = "worker.mjs", esModule = embed "worker.mjs") ],
  compatibilityDate = "2026-11-01",
  compatibilityFlags = ["nodejs_compat"],
  globalOutbound = "loopback",
);
`;
}

// ---- unhandled rejections -------------------------------------------------------------------
async function rejectionCheck(runtime) {
  const script = join(here, 'entries', 'rejection.mjs');
  const cmd = { node: [process.execPath, [script]], bun: [bin('bun'), ['run', script]], deno: [bin('deno'), ['run', '--no-prompt', '--allow-env=OTEL_*', script]] }[runtime];
  const env = { ...cleanEnv, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' };
  const plain = await run(cmd[0], [...cmd[1], 'plain'], { env, timeoutMs: 30_000 });
  const wrapped = await run(cmd[0], [...cmd[1], 'wrapped'], { env, timeoutMs: 30_000 });
  const sig = (r) => `exit ${r.code}, stderr ${r.stderr.includes('unhandled-boom') ? 'names the error' : 'silent'}, ${r.stdout.includes('still running') ? 'kept running' : 'stopped'}`;
  const ok = sig(plain) === sig(wrapped);
  return { name: 'unhandled rejection as unwrapped', ok, detail: ok ? sig(plain) : `unwrapped: ${sig(plain)}; wrapped: ${sig(wrapped)}` };
}

// ---- OTLP receiver check ----------------------------------------------------------------------
async function receiverCheck(result) {
  const service = `conformance-${result.runtime}`;
  const deadline = Date.now() + 3000;
  let mine = [];
  while (Date.now() < deadline) {
    mine = received.filter((s) => s.service === service);
    if (mine.length > 0 && mine.some((s) => s.name === 'execute_tool failing')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  try {
    if (mine.length === 0) throw new Error('nothing received');
    const failing = mine.find((s) => s.name === 'execute_tool failing');
    if (!failing || failing.status.code !== 2) throw new Error('error span missing or not ERROR');
    const llm = mine.find((s) => s.attributes['gen_ai.span.kind'] === 'LLM' && s.attributes['gen_ai.usage.input_tokens'] > 0);
    if (!llm || llm.kind !== 3) throw new Error('no CLIENT LLM span with usage');
    const chain = mine.find((s) => s.name === 'chain nest');
    const nested = mine.filter((s) => s.name === 'execute_tool leaf' && s.parentSpanId === chain?.spanId).length;
    const expected = result.contextManager === 'none' ? 0 : 2;
    if (nested !== expected) throw new Error(`${nested} leaf spans under the chain in the export, expected ${expected}`);
    return { name: 'OTLP/JSON received and decoded', ok: true, detail: `${mine.length} spans` };
  } catch (error) {
    return { name: 'OTLP/JSON received and decoded', ok: false, detail: error.message };
  }
}

// ---- main -------------------------------------------------------------------------------------
const results = [];
for (const runtime of wanted) {
  const started = Date.now();
  let result;
  try {
    if (!runners[runtime]) throw new Error(`unknown runtime ${runtime}; one of ${ALL.join(', ')}`);
    result = await runners[runtime]();
    result.checks.push(await receiverCheck(result));
  } catch (error) {
    result = { runtime, checks: [{ name: 'loads', ok: false, detail: String(error?.message ?? error) }] };
  }
  if (['node', 'bun', 'deno'].includes(runtime)) result.checks.push(await rejectionCheck(runtime));
  result.runtime = runtime;
  result.seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push(result);
  const failed = result.checks.filter((c) => !c.ok);
  console.log(`${runtime}: ${result.checks.length - failed.length}/${result.checks.length} passed in ${result.seconds} s`);
  for (const c of failed) console.log(`   FAIL ${c.name}: ${c.detail}`);
}

const checkNames = [...new Set(results.flatMap((r) => r.checks.map((c) => c.name)))];
const cell = (r, name) => {
  const c = r.checks.find((x) => x.name === name);
  if (!c) return '—';
  if (c.ok) return /as documented/.test(c.detail) ? 'ok (lost†)' : 'ok';
  return 'FAIL';
};
console.log(`\n| check | ${results.map((r) => r.runtime).join(' | ')} |`);
console.log(`|---|${results.map(() => '---').join('|')}|`);
for (const name of checkNames) console.log(`| ${name} | ${results.map((r) => cell(r, name)).join(' | ')} |`);
console.log('\nok: passed; ok (lost†): no AsyncLocalStorage there, so context is lost, as documented, and diag said so; FAIL: a failure; —: not run there.');

await closeHarness();
const hardFailures = results.flatMap((r) => r.checks.filter((c) => !c.ok));
process.exit(hardFailures.length ? 1 : 0);
