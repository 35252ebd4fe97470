// Deno with no permissions at all: importing core and calling wrappers must work; register()
// from @llm-trace/web, which builds the OpenTelemetry SDK (it reads OTEL_* settings), must fail
// with a message that says which permission to grant.
import { getSession, withSession, withTool } from '@llm-trace/core';
import { register } from '@llm-trace/web';

const add = withTool(function add(a, b) {
  return a + b;
});
const looked = await withSession({ sessionId: 's' }, async () => add(1, 2));
let registerError = 'none';
try {
  register({ otlp: false, console: false, diag: false });
} catch (error) {
  registerError = error.message;
}
console.log(`CORE_ONLY ${JSON.stringify({ sum: looked, session: getSession()?.sessionId ?? null, registerError })}`);
