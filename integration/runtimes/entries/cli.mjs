// Node, Bun and Deno: `<runtime> cli.bundle.mjs <llmUrl> <otlpUrl> <runtime name>`; prints one result line.
import { runConformance } from '../conformance.mjs';

const args = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
const [llmUrl, otlpUrl, runtime] = args;
const result = await runConformance({ runtime, llmUrl, otlpUrl });
console.log(`CONFORMANCE_RESULT ${JSON.stringify(result)}`);
