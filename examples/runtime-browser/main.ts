// llm-trace in a browser page. Browsers have no AsyncLocalStorage: register() then installs no
// context manager and says so, and spans do not nest (each is its own trace) and withSession()
// has no effect. What you can rely on: every wrapped call gets its span, with its content,
// usage and errors, exported over OTLP/JSON with fetch.
//
// To get nesting, pass a context manager: ZoneContextManager from @opentelemetry/context-zone
// (with zone.js loaded first, and code compiled to ES2015 so `await` goes through zone.js'
// Promise: native async functions bypass it). OTel's StackContextManager keeps context only
// for synchronous code: it is lost after the first `await`.
import OpenAI from 'openai';
import { withLLM, withTool } from '@llm-trace/core';
import { register } from '@llm-trace/web';

// The collector must accept the page's origin (CORS) or be served from the same origin.
const tracing = register({ serviceName: 'chat-page', otlp: { url: new URL('/v1/traces', location.href).href } });

// Call your own backend route; never ship a provider key to the browser.
const client = new OpenAI({ baseURL: new URL('/llm', location.href).href, apiKey: 'handled-by-the-backend', dangerouslyAllowBrowser: true });

const ask = withLLM({ provider: 'openai' }, (question: string) =>
  client.chat.completions.create({ model: 'qwen-plus', messages: [{ role: 'user', content: question }] }),
);

const wordCount = withTool(function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
});

async function onAsk(question: string): Promise<{ answer: string; words: number }> {
  const completion = await ask(question);
  const answer = completion.choices[0]?.message.content ?? '';
  return { answer, words: wordCount(answer) };
}

// Send what is buffered when the tab is hidden or closed: the page may never run again.
addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') void tracing.forceFlush();
});

Object.assign(globalThis, { onAsk, flushTracing: () => tracing.forceFlush() });
