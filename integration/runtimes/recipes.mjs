// Runs the runtime recipes under examples/ where their runtime is available here, against the
// fake model server and the local OTLP receiver, and prints a recipe × check table.
// Next.js itself is not run (not installable offline): its route module is called directly.
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, bundle, CHROMIUM, cleanEnv, closeHarness, fake, origin, otlpUrl, pages, received, receivedFor, repo, run } from './harness.mjs';

const examples = join(repo, 'examples');
const appEnv = { OPENAI_API_KEY: 'fake-key', OPENAI_BASE_URL: fake.url, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlpUrl };

/** Checks on what `service` exported: an LLM span with usage (and the session, when given). */
async function exportChecks(service, { session, streamed } = {}) {
  const hasLlm = (spans) => spans.some((s) => s.attributes['gen_ai.span.kind'] === 'LLM' && s.attributes['gen_ai.usage.input_tokens'] > 0);
  const spans = await receivedFor(service, hasLlm, 4000);
  const llm = spans.find((s) => s.attributes['gen_ai.span.kind'] === 'LLM' && s.attributes['gen_ai.usage.input_tokens'] > 0);
  const checks = [];
  if (!llm) {
    checks.push({ name: 'LLM span exported with usage', ok: false, detail: `got ${spans.map((s) => s.name).join(', ') || 'nothing'}` });
    return checks;
  }
  checks.push({ name: 'LLM span exported with usage', ok: true, detail: `${llm.name}: ${llm.attributes['gen_ai.usage.input_tokens']} in / ${llm.attributes['gen_ai.usage.output_tokens']} out` });
  if (streamed) checks.push({ name: 'stream flagged, time to first token', ok: llm.attributes['gen_ai.request.stream'] === true && llm.attributes['gen_ai.response.time_to_first_token'] > 0, detail: '' });
  if (session) checks.push({ name: 'session on the span', ok: llm.attributes['gen_ai.session.id'] === session, detail: String(llm.attributes['gen_ai.session.id']) });
  return checks;
}

async function inNode(entry, file, env) {
  const script = await bundle(entry, file, { platform: 'node', format: 'cjs', define: { 'process.env.NEXT_RUNTIME': '"nodejs"' }, alias: { 'next/server': join(import.meta.dirname ?? '.', 'entries/next-server-stub.mjs') } });
  const r = await run(process.execPath, ['-e', `require(${JSON.stringify(script)}); globalThis.exercise().then((r) => console.log('RECIPE_RESULT ' + JSON.stringify(r)), (e) => { console.error(e); process.exitCode = 1; });`], { env: { ...cleanEnv, ...env } });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RECIPE_RESULT '));
  if (!line) throw new Error(`no result (exit ${r.code}): ${r.stderr.slice(-1200)}`);
  return JSON.parse(line.slice('RECIPE_RESULT '.length));
}

async function inEdge(entry, file) {
  const { EdgeRuntime } = await import('edge-runtime');
  const code = await readFile(await bundle(entry, file, { platform: 'browser', format: 'iife', define: { 'process.env.NEXT_RUNTIME': '"edge"' }, alias: { 'next/server': join(import.meta.dirname ?? '.', 'entries/next-server-stub.mjs') } }), 'utf8');
  // As Vercel and Next.js set it up: AsyncLocalStorage on globalThis, process.env with the settings.
  const runtime = new EdgeRuntime({ initialCode: code, extend: (context) => Object.assign(context, { AsyncLocalStorage, process: { env: { ...appEnv, NEXT_RUNTIME: 'edge' } } }) });
  return runtime.evaluate('globalThis.exercise()');
}

/** Starts a server recipe, asks it once, stops it with SIGTERM (it flushes on the way out). */
async function serveAndAsk(cmd, args, env) {
  const child = spawn(cmd, args, { env: { ...cleanEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" line: ${log.slice(-1200)}`)), 30_000);
    const onData = (c) => {
      log += c;
      const m = /listening on (http:\/\/\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${log.slice(-1200)}`)));
  });
  try {
    const res = await fetch(new URL('/?q=Stream', url), { headers: { 'x-session-id': 'server-session' } });
    const text = await res.text();
    return { status: res.status, lines: text.trim().split('\n').length };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    child.kill('SIGKILL');
  }
}

function answered(r, min = 2) {
  return { name: 'answer streamed', ok: r.status === 200 && r.lines >= min, detail: `HTTP ${r.status}, ${r.lines} lines` };
}

const recipes = {
  'next.js route (node)': async () => {
    const r = await inNode('recipe-next.mjs', 'recipe-next.cjs', appEnv);
    return [{ name: 'GET', ok: r.get.ok === true, detail: JSON.stringify(r.get) }, answered(r), ...(await exportChecks('next-chat', { session: 'next-session', streamed: true }))];
  },
  'next.js route (edge-runtime)': async () => {
    const r = await inEdge('recipe-next.mjs', 'recipe-next-edge.js');
    return [{ name: 'GET', ok: r.get.ok === true, detail: JSON.stringify(r.get) }, answered(r), ...(await exportChecks('next-chat', { session: 'next-session', streamed: true }))];
  },
  'vercel edge function (edge-runtime)': async () => {
    const r = await inEdge('recipe-vercel-edge.mjs', 'recipe-vercel-edge.js');
    return [answered(r), { name: 'flush given to waitUntil', ok: r.waits === 1, detail: `${r.waits}` }, ...(await exportChecks('chat-edge', { session: 'edge-session', streamed: true }))];
  },
  'serverless handler (node)': async () => {
    const r = await inNode('recipe-lambda.mjs', 'recipe-lambda.cjs', appEnv);
    const checks = [{ name: 'handler answered', ok: r.status === 200 && r.answer, detail: '' }];
    // Received already when the handler returned, since it flushed in finally.
    const entry = received.find((s) => s.service === 'chat-lambda' && s.attributes['gen_ai.span.kind'] === 'ENTRY');
    checks.push({ name: 'flushed before returning', ok: !!entry, detail: entry ? entry.name : 'no ENTRY span yet' });
    return [...checks, ...(await exportChecks('chat-lambda'))];
  },
  'cloudflare worker (workerd)': async () => {
    const dir = await mkdtemp(join(tmpdir(), 'llm-trace-worker-'));
    try {
      // Bundled as wrangler does it: browser conditions, node:* left to workerd's nodejs_compat.
      const script = await bundle(join(examples, 'runtime-cloudflare-worker/src/worker.ts'), 'recipe-worker.mjs', { platform: 'browser', external: ['node:async_hooks'] });
      await writeFile(join(dir, 'worker.mjs'), await readFile(script));
      const port = 20000 + Math.floor(Math.random() * 20000);
      const text = (name, value) => `(name = "${name}", text = "${value}")`;
      await writeFile(
        join(dir, 'config.capnp'),
        `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .chat), (name = "loopback", network = (allow = ["public", "private", "local"])) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const chat :Workerd.Worker = (
  modules = [ (name = "worker.mjs", esModule = embed "worker.mjs") ],
  compatibilityDate = "2026-11-01",
  compatibilityFlags = ["nodejs_compat"],
  bindings = [ ${Object.entries(appEnv).map(([k, v]) => text(k, v)).join(', ')} ],
  globalOutbound = "loopback",
);
`,
      );
      const child = spawn(bin('workerd'), ['serve', join(dir, 'config.capnp')], { stdio: ['ignore', 'pipe', 'pipe'] });
      let log = '';
      child.stdout.on('data', (c) => (log += c));
      child.stderr.on('data', (c) => (log += c));
      try {
        let res;
        for (let i = 0; !res; i++) {
          try {
            res = await fetch(`http://127.0.0.1:${port}/?q=Stream`, { headers: { 'x-session-id': 'worker-session' } });
          } catch (error) {
            if (i > 50) throw new Error(`${error.message}: ${log.slice(-1200)}`);
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        const body = await res.text();
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${body.slice(0, 300)} ${log.slice(-1200)}`);
        return [answered({ status: res.status, lines: body.trim().split('\n').length }), ...(await exportChecks('chat-worker', { session: 'worker-session', streamed: true }))];
      } finally {
        child.kill('SIGTERM');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
  bun: async () => {
    const r = await serveAndAsk(bin('bun'), ['run', join(examples, 'runtime-bun/server.ts')], { ...appEnv, PORT: '0' });
    return [answered(r), ...(await exportChecks('chat-bun', { session: 'server-session', streamed: true, }))];
  },
  deno: async () => {
    const r = await serveAndAsk(bin('deno'), ['run', '--no-prompt', '--allow-net=127.0.0.1', '--allow-env=OTEL_*,OPENAI_*', join(examples, 'runtime-deno/server.ts')], { ...appEnv, OTEL_EXAMPLE_PORT: '0', DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' });
    return [answered(r), ...(await exportChecks('chat-deno', { session: 'server-session', streamed: true, }))];
  },
  'browser page (chromium)': async () => {
    const { chromium } = await import('playwright-core');
    const code = await readFile(await bundle(join(examples, 'runtime-browser/main.ts'), 'recipe-browser.js', { platform: 'browser', format: 'iife' }), 'utf8');
    pages.set('/recipe/', ['text/html', '<!doctype html><meta charset="utf-8"><title>recipe</title>']);
    pages.set('/recipe/main.js', ['text/javascript', code]);
    const userDataDir = await mkdtemp(join(tmpdir(), 'llm-trace-chromium-'));
    const browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.goto(`${origin}/recipe/`);
      await page.addScriptTag({ url: '/recipe/main.js' });
      const r = await page.evaluate(async () => {
        const out = await globalThis.onAsk('What is OpenTelemetry?');
        await globalThis.flushTracing();
        return out;
      });
      const tool = (await receivedFor('chat-page', (s) => s.some((x) => x.name === 'execute_tool wordCount'))).find((x) => x.name === 'execute_tool wordCount');
      return [{ name: 'answered', ok: r.answer.length > 0 && r.words > 0, detail: `${r.words} words` }, { name: 'sync tool span exported', ok: !!tool, detail: '' }, ...(await exportChecks('chat-page'))];
    } finally {
      await browser.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
  },
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(recipes);
const results = [];
for (const name of wanted) {
  const started = Date.now();
  let checks;
  try {
    checks = await recipes[name]();
  } catch (error) {
    checks = [{ name: 'runs', ok: false, detail: String(error?.message ?? error) }];
  }
  results.push({ name, checks });
  const failed = checks.filter((c) => !c.ok);
  console.log(`${name}: ${checks.length - failed.length}/${checks.length} passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const c of failed) console.log(`   FAIL ${c.name}: ${c.detail}`);
}
console.log('\n| recipe | checks |\n|---|---|');
for (const r of results) console.log(`| ${r.name} | ${r.checks.map((c) => `${c.name}: ${c.ok ? 'ok' : 'FAIL'}`).join('; ')} |`);
await closeHarness();
process.exit(results.some((r) => r.checks.some((c) => !c.ok)) ? 1 : 0);
