/** Runs the repo's `llm-trace-check` on spans and returns its exit code and output. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECK_CLI, writeOtlpJson } from './tracing.mjs';

export function llmTraceCheck(spans, ...args) {
  const dir = mkdtempSync(join(tmpdir(), 'frameworks-check-'));
  try {
    const file = join(dir, 'trace.json');
    writeOtlpJson(file, spans);
    const r = spawnSync(process.execPath, [CHECK_CLI, ...args, file], { encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
