// The first calls after start for one side of the peer comparison, in a fresh process:
// `node peers/cold-start.mjs SIDE N` from benchmarks/ sets up tracing, imports the side's package
// and builds its LLM call (the OpenAI chat completion, capture on, each side's default
// configuration), then runs N calls and prints `COLD <ns>` for those N calls, JIT warm-up
// included (as ../cold-start.mjs for llm-trace and raw OTel).
const [name = 'ours', count = '1000'] = process.argv.slice(2);
// Every side but ours runs without llm-trace imported (../cases.mjs says how), so the start-up
// figures compare each package's own import.
if (name !== 'ours') process.env.BENCH_WITHOUT_CORE = '1';
const { setupTracing, tracerOf } = await import('./setup.mjs');
const { ROWS, buildSide } = await import('./sides.mjs');
setupTracing();
const side = await buildSide(name, ROWS.find((r) => r.id === 'llm'), tracerOf);
const { fn } = side;
const n = Number(count);
const t0 = process.hrtime.bigint();
if (side.isAsync) for (let i = 0; i < n; i++) await fn();
else for (let i = 0; i < n; i++) fn();
process.stdout.write(`COLD ${Number(process.hrtime.bigint() - t0)}\n`);
