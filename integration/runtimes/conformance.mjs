// The checks every runtime runs, bundled by run.mjs into one file per runtime together with
// @llm-trace/core, @llm-trace/web, the OpenTelemetry SDK and the openai client. Each check
// asserts on the spans the runtime produced (captured in memory) and the run also exports them
// over OTLP/JSON to the runner's receiver, which decodes and checks them again.
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_STREAM_ABANDONED, configure, getSession, hasContextManager, withChain, withLLM, withSession, withTool } from '@llm-trace/core';
import { register } from '@llm-trace/web';
import OpenAI from 'openai';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Streams wait this long for a span to end after their body was read to the end. */
const STREAM_END_WAIT_MS = 1000;
/** Idle timeout for streams in this run, so a stream the runtime read natively ends quickly (as abandoned). */
const STREAM_IDLE_MS = 2500;

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/**
 * Runs every check and returns `{ runtime, contextManager, checks: [{ name, ok, detail }] }`.
 * `llmUrl` is the OpenAI-compatible base URL (…/v1), `otlpUrl` the receiver's traces URL.
 * `expectContext: false` marks a runtime that has no AsyncLocalStorage: there the nesting and
 * session checks must show that context is lost, and that we said so.
 */
export async function runConformance({ runtime, llmUrl, otlpUrl, asyncLocalStorage, expectContext = true }) {
  const warnings = [];
  diag.setLogger(
    { error: (m) => warnings.push(m), warn: (m) => warnings.push(m), info() {}, debug() {}, verbose() {} },
    DiagLogLevel.WARN,
  );
  const memory = new InMemorySpanExporter();
  const tracing = register({
    serviceName: `conformance-${runtime}`,
    otlp: { url: otlpUrl },
    console: false,
    diag: false,
    spanProcessors: [new SimpleSpanProcessor(memory)],
    ...(asyncLocalStorage ? { asyncLocalStorage } : {}),
  });
  configure({ streamIdleTimeoutMs: STREAM_IDLE_MS });
  const client = new OpenAI({ baseURL: llmUrl, apiKey: 'fake-key', dangerouslyAllowBrowser: true, maxRetries: 0 });
  const spans = () => memory.getFinishedSpans();
  const named = (name) => spans().filter((s) => s.name === name);
  const checks = [];
  async function check(name, fn) {
    try {
      const detail = await fn();
      checks.push({ name, ok: true, detail: detail ?? '' });
    } catch (error) {
      checks.push({ name, ok: false, detail: String(error?.message ?? error) });
    }
  }

  await check('loads', () => `contextManager=${tracing.contextManager}`);

  await check('context manager', () => {
    if (expectContext) {
      assert(tracing.contextManager === 'async-local-storage', `expected our AsyncLocalStorage context manager, got ${tracing.contextManager}`);
      assert(hasContextManager(), 'context.with() does not carry a value');
      return 'AsyncLocalStorage';
    }
    assert(tracing.contextManager === 'none', `expected no context manager, got ${tracing.contextManager}`);
    assert(warnings.some((w) => w.includes('no AsyncLocalStorage')), `no warning said so (got: ${warnings.join(' | ') || 'nothing'})`);
    return 'none, and diag warned';
  });

  await check('nesting across await and timers', async () => {
    const leaf = withTool(function leaf(x) {
      return x * 2;
    });
    const root = withChain(async function nest() {
      await sleep(2);
      const a = leaf(1);
      const b = await new Promise((resolve) => setTimeout(() => resolve(leaf(2)), 2));
      await Promise.resolve();
      return a + b;
    });
    assert((await root()) === 6, 'wrong result');
    const parent = named('chain nest').at(-1);
    const children = named('execute_tool leaf').slice(-2);
    assert(parent && children.length === 2, 'spans missing');
    const nested = children.filter((c) => c.parentSpanContext?.spanId === parent.spanContext().spanId).length;
    if (expectContext) {
      assert(nested === 2, `${nested} of 2 children nested under the chain`);
      return 'both children under the chain';
    }
    assert(nested === 0, 'children nested without a context manager?');
    return 'not nested (no context manager), as documented';
  });

  await check('two concurrent sessions kept apart', async () => {
    const tool = withTool(async function sessionTool(q) {
      await sleep(3);
      return `${q}:${getSession()?.sessionId}`;
    });
    const run = (id, q) => withSession({ sessionId: id, userId: `u-${id}` }, async () => {
      await sleep(1);
      return tool(q);
    });
    const got = await Promise.all([run('s-a', 'x'), run('s-b', 'y')]);
    const ids = named('execute_tool sessionTool').slice(-2).map((s) => s.attributes['gen_ai.session.id']).sort();
    if (expectContext) {
      assert(got[0] === 'x:s-a' && got[1] === 'y:s-b', `sessions mixed in code: ${got}`);
      assert(ids[0] === 's-a' && ids[1] === 's-b', `span session ids: ${ids}`);
      return 's-a / s-b on their own spans';
    }
    assert(ids.every((id) => id === undefined), `session ids without a context manager: ${ids}`);
    return 'no session ids (no context manager), as documented';
  });

  await check('sync tool stays sync', () => {
    const add = withTool(function add(a, b) {
      return a + b;
    });
    const r = add(2, 3);
    assert(r === 5 && typeof r === 'number', `got ${String(r)}`);
    assert(add.name === 'add' && add.length === 2, `name/length ${add.name}/${add.length}`);
    return 'returns 5, not a promise';
  });

  await check('LLM call to the fake server, with usage', async () => {
    const chat = withLLM({ provider: 'openai' }, async (messages) => client.chat.completions.create({ model: 'fake-chat', messages }));
    const completion = await chat([{ role: 'user', content: 'What is OpenTelemetry?' }]);
    assert(completion.choices?.[0]?.message, 'no completion');
    const span = spans().filter((s) => s.attributes['gen_ai.span.kind'] === 'LLM' && !s.attributes['gen_ai.request.stream']).at(-1);
    assert(span, 'no LLM span');
    const input = span.attributes['gen_ai.usage.input_tokens'];
    const output = span.attributes['gen_ai.usage.output_tokens'];
    assert(input === completion.usage.prompt_tokens && output === completion.usage.completion_tokens, `usage ${input}/${output} vs ${completion.usage.prompt_tokens}/${completion.usage.completion_tokens}`);
    return `${span.name}, ${input} in / ${output} out`;
  });

  async function waitForEnd(find) {
    const deadline = Date.now() + STREAM_END_WAIT_MS;
    for (;;) {
      const span = find();
      if (span) return span;
      if (Date.now() > deadline) return undefined;
      await sleep(20);
    }
  }

  const streamed = (label) =>
    async () => {
      const before = spans().length;
      const answer = withLLM({ provider: 'openai', spanName: `stream ${label}` }, async (q) => {
        if (label === 'readable') {
          const stream = await client.chat.completions.create({ model: 'fake-chat', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: q }] });
          return stream.toReadableStream();
        }
        const res = await fetch(`${llmUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'fake-chat', stream: true, messages: [{ role: 'user', content: q }] }) });
        return res.body;
      });
      const body = await answer('Stream an answer');
      const text = await new Response(body).text();
      assert(text.length > 0, 'empty body');
      const span = await waitForEnd(() => spans().slice(before).find((s) => s.name === `stream ${label}`));
      assert(span, `span not ended ${STREAM_END_WAIT_MS} ms after the body was read (it would end only at the idle timeout, marked abandoned)`);
      assert(!span.attributes[ATTR_STREAM_ABANDONED], 'span ended as abandoned');
      return `ended with the body (${text.length} bytes)`;
    };
  await check('stream through new Response()', streamed('readable'));
  await check('fetch body through new Response()', streamed('fetch'));

  await check('error span', async () => {
    const boom = new Error('tool failed');
    const failing = withTool(async function failing() {
      await sleep(1);
      throw boom;
    });
    let caught;
    try {
      await failing();
    } catch (error) {
      caught = error;
    }
    assert(caught === boom, 'not the identical error');
    const span = named('execute_tool failing').at(-1);
    assert(span && span.status.code === 2, 'status is not ERROR');
    assert(span.attributes['error.type'] === 'Error', `error.type=${span.attributes['error.type']}`);
    assert(span.events.some((e) => e.name === 'exception'), 'no exception event');
    return 'ERROR, error.type=Error, exception event, same error rethrown';
  });

  // Let any stream span still open end (as abandoned) so the receiver gets every span.
  if (spans().filter((s) => s.name.startsWith('stream ')).length < 2) await sleep(STREAM_IDLE_MS + 600);

  await check('forceFlush to the OTLP receiver', async () => {
    await tracing.forceFlush();
    return `${spans().length} spans flushed`;
  });
  await tracing.shutdown();
  return { runtime, contextManager: tracing.contextManager, spanNames: [...new Set(spans().map((s) => s.name))], checks };
}
