// Calls the Vercel Edge Function as Vercel would: handler(request, context), body read to the
// end, then the promises given to context.waitUntil() awaited.
import handler from '../../../examples/runtime-vercel/api/chat-edge.ts';

globalThis.exercise = async () => {
  const waits = [];
  const res = await handler(new Request('http://localhost/api/chat-edge?q=Stream', { headers: { 'x-session-id': 'edge-session' } }), { waitUntil: (p) => void waits.push(p) });
  const text = await res.text();
  await Promise.all(waits);
  return { status: res.status, lines: text.trim().split('\n').length, waits: waits.length };
};
