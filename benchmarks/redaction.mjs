// Redaction throughput with every built-in rule on: MB/s over ordinary text (which the one-scan
// pre-check mostly clears) and over hostile text (each rule's own prefix repeated, the inputs that
// made backtracking patterns quadratic). Runs against the BUILT core package (dist).
// `node benchmarks/redaction.mjs` on its own, or as the last table of `npm run bench`.
import { createRedactor, SECRET_PATTERN_RULES } from '@llm-trace/core/extend';

const repeatTo = (unit, length) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** Median CPU milliseconds of `fn` over `runs` runs, after one untimed run. */
function cpuMs(fn, runs = 7) {
  fn();
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t0);
    xs.push((d.user + d.system) / 1000);
  }
  xs.sort((a, b) => a - b);
  return Math.max(xs[Math.floor(xs.length / 2)], 0.001);
}

/** The trigger as the rule's example spells it (`eyJ`, `AKIA`, `Bearer`). */
function spelled(rule) {
  const t = rule.triggers[0];
  const at = rule.example.text.toLowerCase().indexOf(t);
  return at >= 0 ? rule.example.text.slice(at, at + t.length) : t;
}

/** Prints the table; returns its rows ({ name, bytes, mbPerS }). */
export function runRedactionBench({ size = 1 << 20 } = {}) {
  const redactor = createRedactor({ defaults: true }, 'gen_ai.input.messages', size);
  const messages = JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `Question ${i}: how do tokens, keys and passwords work in OpenTelemetry? See https://example.com/docs.` })));
  const cases = [
    ['ordinary: English prose', repeatTo('The author explains how the basic plan works, what a token limit means and where to read the docs. ', size)],
    ['ordinary: chat messages as JSON', repeatTo(messages, size)],
    ['ordinary: text without trigger words', repeatTo('Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. ', size)],
    ...SECRET_PATTERN_RULES.map((rule) => [`hostile: '-${spelled(rule)}' repeated (${rule.name})`, repeatTo(`-${spelled(rule)}`, size)]),
    ["hostile: 'key:' repeated (name=value scan)", repeatTo('key:', size)],
    ["hostile: '\"password\":\"x' repeated", repeatTo('"password":"x', size)],
  ];
  const rows = cases.map(([name, text]) => {
    const ms = cpuMs(() => redactor.string(text));
    return { name, bytes: text.length, mbPerS: text.length / (1 << 20) / (ms / 1000) };
  });
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`\nRedaction with every built-in rule on (Node ${process.version}; CPU time, median of 7; ${(size / (1 << 20)).toFixed(2)} MB per text)\n`);
  console.log(`| ${'text'.padEnd(width)} | MB/s |`);
  console.log(`|${'-'.repeat(width + 2)}|------|`);
  for (const r of rows) console.log(`| ${r.name.padEnd(width)} | ${r.mbPerS.toFixed(0).padStart(4)} |`);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) runRedactionBench();
