/**
 * What an application's bundle carries when it imports one wrapper: esbuild (what tsup builds
 * with) bundles a one-line entry against the BUILT package, as installed from npm, and we look
 * for code only the LLM extraction and the other kinds' mappings have. An app that only wraps
 * tools must not ship the OpenAI, Anthropic, AI SDK and LangChain parsers, nor the spec's
 * attribute tables. `@opentelemetry/api` is the app's own peer and stays out.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SEMCONV_MODEL } from '@llm-trace/semconv';

const REPO = join(__dirname, '..', '..', '..', '..');
const DIST = join(REPO, 'packages', 'core', 'dist', 'index.mjs');

/** Strings only one module has, which survive minification (literals and property names). */
const LLM_ONLY = {
  'OpenAI Chat Completions extraction': 'chat.completion.chunk',
  'Anthropic Messages extraction': 'content_block_delta',
  'OpenAI Responses extraction': 'response.output_text.delta',
  'AI SDK extraction': 'fullStream',
  'LangChain extraction': 'lc_namespace',
  'the LLM attribute mapping': 'llm.invocation_parameters',
};
const OTHER_KINDS_ONLY = {
  'the RETRIEVER attribute mapping': 'gen_ai.retrieval.documents',
  'the RERANKER attribute mapping': 'reranker.input_document',
  'the EMBEDDING attribute mapping': 'gen_ai.embeddings.dimension.count',
};
// The per-kind attribute tables the validator reads (requirement levels) and the attribute
// registry (briefs): naming a span needs neither, and no span carries them.
const TABLES_ONLY = {
  "the spec's per-kind attribute tables": 'conditionally_required',
  "the spec's attribute registry": SEMCONV_MODEL.attributes.find((a) => a.key === 'gen_ai.usage.input_tokens')!.brief,
};

async function bundle(entry: string): Promise<string> {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing; build first: npm run build`);
  const { build } = await import('esbuild');
  const out = await build({
    stdin: { contents: entry, resolveDir: REPO, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    external: ['@opentelemetry/api'],
    // Through the package's exports map (dist), not the repository's TypeScript paths.
    tsconfigRaw: '{}',
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

const found = (code: string, markers: Record<string, string>) => Object.keys(markers).filter((what) => code.includes(markers[what]!));

test('a bundle of withTool alone has no LLM extraction, no other kind mapping and no attribute tables', async () => {
  const code = await bundle("import { withTool } from '@llm-trace/core'; globalThis.x = withTool;");
  // It is the tool wrapper: its operation name and its own mapping are there.
  expect(code).toContain('execute_tool');
  expect(code).toContain('gen_ai.tool.call.arguments');
  expect(found(code, { ...LLM_ONLY, ...OTHER_KINDS_ONLY, ...TABLES_ONLY })).toEqual([]);
}, 60_000);

test('a bundle of withLLM alone has the LLM extraction but not the other kinds', async () => {
  const code = await bundle("import { withLLM } from '@llm-trace/core'; globalThis.x = withLLM;");
  expect(found(code, LLM_ONLY)).toEqual(Object.keys(LLM_ONLY));
  expect(found(code, { ...OTHER_KINDS_ONLY, ...TABLES_ONLY })).toEqual([]);
}, 60_000);

test('the generic forms keep every kind: withLlmSpan({ kind }) bundles every adapter and mapping', async () => {
  // Also the control for the checks above: each marker is visible when its module is bundled.
  const code = await bundle("import { withLlmSpan } from '@llm-trace/core'; globalThis.x = withLlmSpan;");
  expect(found(code, { ...LLM_ONLY, ...OTHER_KINDS_ONLY })).toEqual(Object.keys({ ...LLM_ONLY, ...OTHER_KINDS_ONLY }));
  expect(found(code, TABLES_ONLY)).toEqual([]);
}, 60_000);
