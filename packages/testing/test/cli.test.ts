/**
 * Runs the BUILT command as a process, as users and CI run it. Root `npm test` builds first;
 * when running jest alone, build with `npm run build -w @llm-trace/testing`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { toProtobuf } from './support/otlp-encode';

const CLI = resolve(__dirname, '../dist/cli.js');

// Each test starts node processes; on a loaded machine that can exceed jest's 5 s default.
jest.setTimeout(60_000);
const FIXTURES = resolve(__dirname, 'fixtures');
const fixture = (name: string) => join(FIXTURES, name);

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The Collector file exporter's proto framing: 4-byte big-endian length before each message. */
function framed(messages: Uint8Array[]): Buffer {
  return Buffer.concat(messages.flatMap((m) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(m.length);
    return [len, Buffer.from(m)];
  }));
}

let dir: string;
beforeAll(() => {
  if (!existsSync(CLI)) {
    throw new Error(`${CLI} is missing: build first (npm run build -w @llm-trace/testing, or root npm test which builds before jest)`);
  }
  dir = mkdtempSync(join(tmpdir(), 'llm-trace-check-'));
  const broken = JSON.parse(readFileSync(fixture('broken.json'), 'utf8')) as unknown;
  // A misleading extension: the content decides the format.
  writeFileSync(join(dir, 'broken-proto.json'), toProtobuf(broken));
  const lines = readFileSync(fixture('conformant.jsonl'), 'utf8').trim().split('\n').map((l) => toProtobuf(JSON.parse(l)));
  writeFileSync(join(dir, 'conformant.binpb'), framed(lines));
  writeFileSync(join(dir, 'cut.binpb'), framed(lines).subarray(0, 40));
});
afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('llm-trace-check', () => {
  it('exits 0 on conformant JSON lines, with a summary', () => {
    const r = run(fixture('conformant.jsonl'));
    expect(r).toEqual({ code: 0, stderr: '', stdout: `${fixture('conformant.jsonl')} (json, 6 spans)\n5 LLM spans checked in 1 file: 0 errors, 0 warnings\n` });
  });

  it('exits 1 and prints findings per span on a broken JSON document', () => {
    const r = run(fixture('broken.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        `${fixture('broken.json')} (json, 4 spans)`,
        '  react step c000000000000002 [STEP]',
        '    error   [step-parent] a STEP span must sit under an AGENT span; its nearest LLM ancestor is CHAIN "chain answer"',
        '  enter_ai_application_system c000000000000003 [ENTRY]',
        '    error   [entry-root] an ENTRY span starts its service\'s part of the trace; it sits under "chain answer" of the same service',
        '  callModel c000000000000004 [LLM]',
        '    error   gen_ai.usage.input_tokens [attribute-type] must be int, got double 12',
        '    error   gen_ai.input.messages [json-schema] does not match the input_messages schema: $[0].parts a message needs "parts"',
        '    error   gen_ai.provider.name [required-attribute] is required on LLM spans',
        '    warning [span-name] "callModel" does not follow the LLM pattern "{operation} {gen_ai.request.model}" (expected "chat qwen-max" or "chat")',
        '4 LLM spans checked in 1 file: 5 errors, 1 warning (3 spans with errors)',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 when there are only warnings', () => {
    const r = run(fixture('warnings-only.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 LLM span checked in 1 file: 0 errors, 1 warning\n');
  });

  it('reads protobuf by content, whatever the extension, with the same findings as JSON', () => {
    const proto = run('--format', 'json', join(dir, 'broken-proto.json'));
    const json = run('--format', 'json', fixture('broken.json'));
    expect(proto.code).toBe(1);
    const p = JSON.parse(proto.stdout) as { files: { encoding: string; findings: unknown[] }[] };
    const j = JSON.parse(json.stdout) as { files: { encoding: string; findings: unknown[] }[] };
    expect(p.files[0]?.encoding).toBe('protobuf');
    expect(p.files[0]?.findings).toEqual(j.files[0]?.findings);
  });

  it('reads the file exporter\'s length-prefixed protobuf sequence, resources and parents intact', () => {
    const r = run(join(dir, 'conformant.binpb'));
    expect(r.stdout).toBe(`${join(dir, 'conformant.binpb')} (protobuf, 6 spans)\n5 LLM spans checked in 1 file: 0 errors, 0 warnings\n`);
    expect(r.code).toBe(0);
  });

  it('--format json prints a machine-readable report', () => {
    const r = run('--format', 'json', fixture('conformant.jsonl'), fixture('broken.json'));
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { files: { file: string; spans: number; findings: { spanId: string; key?: string; rule: string; level: string }[] }[]; summary: unknown };
    expect(report.summary).toEqual({ files: 2, spans: 10, checked: 9, errors: 5, warnings: 1 });
    expect(report.files.map((f) => [f.file, f.spans, f.findings.length])).toEqual([
      [fixture('conformant.jsonl'), 6, 0],
      [fixture('broken.json'), 4, 6],
    ]);
    expect(report.files[1]?.findings).toContainEqual({ spanId: 'c000000000000004', spanName: 'callModel', key: 'gen_ai.provider.name', rule: 'required-attribute', level: 'error', message: 'is required on LLM spans' });
  });

  it('--include-non-llm-spans also checks spans without gen_ai keys', () => {
    const r = run('--include-non-llm-spans', fixture('conformant.jsonl'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  GET /ask a000000000000001\n    error   gen_ai.span.kind [span-kind] is missing');
  });

  it.each([
    ['not-otlp.json', 'is not readable OTLP: the document is not an OTLP ExportTraceServiceRequest (no "resourceSpans" array)'],
    ['truncated.jsonl', 'is not readable OTLP: line 2 is not JSON:'],
    ['garbage.txt', 'is not readable OTLP: neither OTLP JSON (starts with "{") nor OTLP protobuf'],
  ])('exits 2 on unreadable %s with a clear message', (name, message) => {
    const r = run(fixture(name));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`llm-trace-check: ${fixture(name)} ${message}`);
  });

  it('exits 2 on truncated protobuf and on a missing file', () => {
    const cut = run(join(dir, 'cut.binpb'));
    expect(cut.code).toBe(2);
    expect(cut.stderr).toMatch(/is not readable OTLP: message at byte \d+ claims \d+ bytes, but only \d+ remain/);
    const missing = run(join(dir, 'nope.json'));
    expect(missing).toEqual({ code: 2, stdout: '', stderr: `llm-trace-check: cannot read ${join(dir, 'nope.json')}: ENOENT\n` });
  });

  it('exits 2 on bad usage, naming the option', () => {
    expect(run()).toMatchObject({ code: 2, stderr: expect.stringContaining('llm-trace-check: no input files') });
    expect(run('--format', 'xml', 'x')).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be "text" or "json", got "xml"') });
    expect(run('--strict', 'x')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --strict') });
    expect(run('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: llm-trace-check') });
  });

  it('starts with a node shebang so it runs as a bin', () => {
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});

describe('scopes', () => {
  it('a trace with AI SDK spans beside ours passes: the missing kind on their spans is a warning', () => {
    const r = run(fixture('mixed-scopes.json'));
    expect(r.stdout).toContain('3 LLM spans checked in 1 file: 0 errors, 2 warnings');
    expect(r.code).toBe(0);
  });

  it('--only-ours and --scope narrow the check', () => {
    expect(run('--only-ours', fixture('mixed-scopes.json')).stdout).toContain('1 LLM span checked in 1 file: 0 errors, 0 warnings');
    expect(run('--scope', 'ai', fixture('mixed-scopes.json')).stdout).toContain('2 LLM spans checked in 1 file: 0 errors, 2 warnings');
    expect(run('--scope=@llm-trace/*', fixture('mixed-scopes.json')).stdout).toContain('1 LLM span checked');
  });

  it('--scope without a name is a usage error', () => {
    const r = run(fixture('mixed-scopes.json'), '--scope');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--scope needs an instrumentation scope name');
  });
});
