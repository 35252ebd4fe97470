// Shared by run.mjs and recipes.mjs: the fake model server, one local HTTP server that receives
// OTLP (JSON from @llm-trace/web, protobuf from @llm-trace/node), serves pages and proxies the
// fake server for the browser, an esbuild bundler set up like an app's, and a child runner.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

export const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, '..', '..');
export const bin = (name) => join(here, 'node_modules', '.bin', name);
const require = createRequire(import.meta.url);
const { startFakeLlmServer } = require(join(repo, 'examples/fake-llm-server/dist/index.js'));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ALL = ['node', 'bun', 'deno', 'workerd', 'edge-runtime', 'edge-runtime (no ALS)', 'chromium'];

// ---- bundles ------------------------------------------------------------------------------
export const out = await mkdtemp(join(tmpdir(), 'llm-trace-runtimes-'));
const NODE_BUILTINS = ['util', 'os', 'crypto', 'fs', 'path', 'process', 'stream', 'http', 'https', 'url', 'zlib', 'net', 'tls', 'events', 'buffer', 'async_hooks', 'perf_hooks', 'worker_threads'];
/** Bundles `entry` the way an app's bundler would for that platform, from the built packages. */
export async function bundle(entry, file, { platform, format = 'esm', ...extra }) {
  await build({
    entryPoints: [entry.startsWith('/') ? entry : join(here, 'entries', entry)],
    outfile: join(out, file),
    bundle: true,
    format,
    platform,
    target: 'es2022',
    // The built packages (dist), as an app installing them from npm gets them.
    alias: {
      // The subpath first: an alias of a package name also rewrites its subpaths.
      '@llm-trace/core/extend': join(repo, 'packages/core/dist/extend.mjs'),
      '@llm-trace/core': join(repo, 'packages/core/dist/index.mjs'),
      '@llm-trace/web': join(repo, 'packages/web/dist/index.mjs'),
      '@llm-trace/semconv': join(repo, 'packages/semconv/dist/index.mjs'),
      '@llm-trace/node': join(repo, 'packages/node/dist/index.mjs'),
      // Deno wants Node built-ins with the node: prefix.
      ...(platform === 'node' ? Object.fromEntries(NODE_BUILTINS.map((m) => [m, `node:${m}`])) : {}),
      ...(extra.alias ?? {}),
    },
    nodePaths: [join(repo, 'node_modules')],
    external: platform === 'node' ? NODE_BUILTINS.map((m) => `node:${m}`) : (extra.external ?? []),
    logLevel: 'error',
    tsconfigRaw: '{}',
    // Span names come from function names; wrangler keeps them by default, and so do we here.
    keepNames: true,
    ...(extra.define ? { define: extra.define } : {}),
  });
  return join(out, file);
}

// ---- local servers --------------------------------------------------------------------------
export const fake = await startFakeLlmServer();
export const received = []; // { service, spans: [{ name, kind, parentSpanId, status, attributes }] }
export const pages = new Map();
function anyValue(v) {
  if (!v) return undefined;
  if ('stringValue' in v) return v.stringValue;
  if ('boolValue' in v) return v.boolValue;
  if ('intValue' in v) return Number(v.intValue);
  if ('doubleValue' in v) return v.doubleValue;
  if ('arrayValue' in v) return (v.arrayValue.values ?? []).map(anyValue);
  return undefined;
}
const kv = (list) => Object.fromEntries((list ?? []).map((a) => [a.key, anyValue(a.value)]));
// @llm-trace/testing's OTLP/protobuf reader, checked in its own tests against what the real
// OTLP/protobuf exporter sends and against OpenTelemetry's OTLP/JSON serializer.
const { decodeExportTraceServiceRequest } = require(join(repo, 'packages/testing/dist/index.js'));
const hex = (bytes) => (bytes && bytes.length > 0 ? Buffer.from(bytes).toString('hex') : undefined);
function decodeProtobuf(buffer) {
  const data = decodeExportTraceServiceRequest(buffer);
  for (const rs of data.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) Object.assign(s, { traceId: hex(s.traceId), spanId: hex(s.spanId), parentSpanId: hex(s.parentSpanId) });
  return data;
}
function receive(body, contentType) {
  const data = contentType.startsWith('application/x-protobuf') ? decodeProtobuf(body) : JSON.parse(body.toString('utf8'));
  for (const rs of data.resourceSpans ?? []) {
    const resource = kv(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        received.push({ service: resource['service.name'], name: s.name, kind: s.kind, traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId, status: s.status ?? {}, attributes: kv(s.attributes) });
      }
    }
  }
}
const server = createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (req.method === 'POST' && path === '/v1/traces') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        const type = String(req.headers['content-type']);
        if (!type.startsWith('application/json') && !type.startsWith('application/x-protobuf')) throw new Error(`content-type ${type}`);
        receive(Buffer.concat(chunks), type);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch (error) {
        res.writeHead(400).end(String(error));
      }
    });
    return;
  }
  if (path.startsWith('/llm/')) {
    // Same-origin route to the fake server for the browser page (it sends no CORS headers).
    const target = new URL(fake.url);
    const proxied = httpRequest({ host: target.hostname, port: target.port, path: `/v1/${path.slice('/llm/'.length)}`, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode, up.headers);
      up.pipe(res);
    });
    req.pipe(proxied);
    return;
  }
  if (pages.has(path)) {
    const [type, content] = pages.get(path);
    res.writeHead(200, { 'content-type': type }).end(content);
    return;
  }
  res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
export const origin = `http://127.0.0.1:${server.address().port}`;
export const otlpUrl = `${origin}/v1/traces`;

// ---- child processes ---------------------------------------------------------------------
export function run(cmd, args, { timeoutMs = 60_000, env, cwd } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: env ?? process.env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, signal: null, stdout, stderr: String(error) });
    });
  });
}
export function parseResult(r) {
  const line = r.stdout.split('\n').find((l) => l.startsWith('CONFORMANCE_RESULT '));
  if (!line) throw new Error(`no result (exit ${r.code}${r.signal ? ` ${r.signal}` : ''}): ${(r.stderr || r.stdout).slice(-1500)}`);
  return JSON.parse(line.slice('CONFORMANCE_RESULT '.length));
}


/** A copy of the environment without OTEL_* variables, so the runs only use what they are given. */
export const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OTEL_')));

/** Spans received for `service`, waiting up to `ms` for `until(spans)` to hold. */
export async function receivedFor(service, until = (spans) => spans.length > 0, ms = 3000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const mine = received.filter((s) => s.service === service);
    if (until(mine) || Date.now() > deadline) return mine;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function closeHarness() {
  await new Promise((resolve) => server.close(resolve));
  await fake.close();
  await rm(out, { recursive: true, force: true });
}
