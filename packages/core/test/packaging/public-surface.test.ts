/**
 * The package root lists what applications call; the building blocks integrations need live
 * under `@llm-trace/core/extend`. A new root export is a decision, so this list changes with it.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as root from '../../src';
import * as extend from '../../src/extend';

const ROOT_EXPORTS = [
  'ATTR_STREAM_ABANDONED',
  'ATTR_STREAM_CANCELLED',
  'LLM_SPAN_METADATA_KEY',
  'SessionSpanProcessor',
  'TRUNCATION_MARKER',
  'configure',
  'currentLlmSpan',
  'getActiveSpanState',
  'getConfig',
  'getSession',
  'hasContextManager',
  'llmSpan',
  'recordFirstToken',
  'resetConfig',
  'sessionContext',
  'traceLlmSpan',
  'withAgent',
  'withChain',
  'withEmbedding',
  'withEntry',
  'withLLM',
  'withLlmSpan',
  'withReranker',
  'withRetriever',
  'withSession',
  'withStep',
  'withTask',
  'withTool',
];

describe('public surface', () => {
  it('the package root exports what applications call, and nothing internal', () => {
    expect(Object.keys(root).sort()).toEqual(ROOT_EXPORTS);
  });

  it('the extend subpath holds the integration building blocks', () => {
    for (const name of ['contentWriter', 'getAdapter', 'CONTENT_ADAPTERS', 'withCaptureContent', 'safeStringify', 'redactText', 'createRedactor', 'recordError', 'sessionAttributes', 'frameworkToolCall']) {
      expect(typeof (extend as Record<string, unknown>)[name]).not.toBe('undefined');
    }
  });

  it('both builds resolve the subpath through the exports map and share one set of modules', () => {
    const pkg = join(__dirname, '..', '..');
    const script = `
      const { createRequire } = require('node:module');
      const req = createRequire(${JSON.stringify(join(pkg, 'package.json'))});
      const main = req('@llm-trace/core');
      const ext = req('@llm-trace/core/extend');
      import('@llm-trace/core/extend').then((esm) => {
        console.log(JSON.stringify({ cjs: typeof ext.contentWriter, esm: typeof esm.contentWriter, shared: main.getConfig === ext.getConfig }));
      });`;
    const out = execFileSync(process.execPath, ['-e', script], { cwd: pkg, encoding: 'utf8' });
    expect(JSON.parse(out.trim())).toEqual({ cjs: 'object', esm: 'object', shared: true });
  });
});
