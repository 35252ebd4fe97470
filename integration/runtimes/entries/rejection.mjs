// An async function that rejects with nobody handling it, wrapped (with a recording provider) or
// not: the runtime must report it the same way either way (exit code, message on stderr).
import { withTool } from '@llm-trace/core';
import { register } from '@llm-trace/web';

const args = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
register({ otlp: false, console: false });
const fail = async function failing() {
  await null;
  throw new Error('unhandled-boom');
};
const fn = args[0] === 'wrapped' ? withTool(fail) : fail;
fn();
setTimeout(() => console.log('still running 200 ms later'), 200);
