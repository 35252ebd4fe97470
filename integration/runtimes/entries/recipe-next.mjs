// Calls the Next.js recipe as Next.js would: instrumentation.ts's register(), then the route's
// exported GET and POST with a Request; the body is read to the end, then after() callbacks run.
import { register } from '../../../examples/runtime-nextjs/instrumentation.ts';
import { GET, POST } from '../../../examples/runtime-nextjs/app/api/chat/route.ts';
import { runAfterCallbacks } from './next-server-stub.mjs';

globalThis.exercise = async () => {
  await register();
  const get = await (await GET()).json();
  const res = await POST(new Request('http://localhost/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'Stream an answer', sessionId: 'next-session' }) }));
  const text = await res.text();
  await runAfterCallbacks();
  return { get, status: res.status, lines: text.trim().split('\n').length };
};
