// The captured-content cases of the benchmark, defined once for the timed table (run.mjs), the
// instruction counts (callgrind.mjs) and the cold-start child (cold-start.mjs). Each case builds
// `ours` (llm-trace) and `raw` (the same work by hand: raw OTel + JSON.stringify, attributes
// written with the same keys and values) for one content setting.
import { SpanKind } from '@opentelemetry/api';
import { watchSteps } from './step-watch.mjs';
// LLM_TRACE_CORE_DIST: another build of core, to compare two builds on the same cases.
// BENCH_WITHOUT_CORE=1: llm-trace is not imported at all, so a process that times only a
// hand-written or a peer's side from start (the cold-start rows) does not count our import; the
// `ours` side of every case then throws.
const notLoaded = () => () => {
  throw new Error('llm-trace is not imported in this process (BENCH_WITHOUT_CORE is set)');
};
const { withChain, withLLM, withTool } = process.env.BENCH_WITHOUT_CORE
  ? { withChain: notLoaded, withLLM: notLoaded, withTool: notLoaded }
  : await import(process.env.LLM_TRACE_CORE_DIST || '@llm-trace/core');
// The building blocks behind a model call's content (for the `recognise` side below), from the
// same build as the wrappers: `extend.mjs` beside the `index.mjs` LLM_TRACE_CORE_DIST names.
function extendEntry(dist) {
  if (!dist) return '@llm-trace/core/extend';
  const entry = dist.replace(/index\.(m?js)$/, 'extend.$1');
  if (entry === dist) throw new Error(`LLM_TRACE_CORE_DIST must name a build's index.mjs or index.js (got ${dist})`);
  return entry;
}
const EXTEND = extendEntry(process.env.LLM_TRACE_CORE_DIST);
const { contentAttributes, getAdapter, getConfig } = process.env.BENCH_WITHOUT_CORE
  ? { contentAttributes: notLoaded, getAdapter: notLoaded, getConfig: notLoaded }
  : await import(EXTEND);

const base = (kind, op) => ({ 'gen_ai.span.kind': kind, 'gen_ai.operation.name': op });
const LLM_OPTIONS = { kind: SpanKind.CLIENT, attributes: base('LLM', 'chat') };
const TOOL_OPTIONS = { kind: SpanKind.INTERNAL, attributes: { ...base('TOOL', 'execute_tool'), 'gen_ai.tool.name': 'lookup' } };
const CHAIN_OPTIONS = { kind: SpanKind.INTERNAL, attributes: base('CHAIN', 'workflow') };

export const OPENAI_REQUEST = {
  model: 'gpt-4o-mini',
  temperature: 0.2,
  max_tokens: 256,
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'What is OpenTelemetry?' },
  ],
};
export const OPENAI_RESPONSE = {
  id: 'chatcmpl-abc123',
  object: 'chat.completion',
  created: 1735113344,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [{ index: 0, message: { role: 'assistant', content: 'An observability framework.', refusal: null }, logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 21, completion_tokens: 5, total_tokens: 26 },
  system_fingerprint: 'fp_1',
};
export const ANTHROPIC_REQUEST = { model: 'claude-sonnet-4-5', max_tokens: 256, system: 'You are terse.', messages: [{ role: 'user', content: 'What is OpenTelemetry?' }] };
export const ANTHROPIC_RESPONSE = {
  id: 'msg_01abc',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5-20250929',
  content: [{ type: 'text', text: 'An observability framework.' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 21, output_tokens: 5 },
};
export const STREAM_CHUNKS = 100;
/** The chunks of the streamed chat completion every stream case reads. */
export const CHUNKS = Array.from({ length: STREAM_CHUNKS }, (_, i) => ({
  id: 'chatcmpl-abc123',
  object: 'chat.completion.chunk',
  created: 1735113344,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [{ index: 0, delta: i === 0 ? { role: 'assistant', content: '' } : { content: `tok${i} ` }, logprobs: null, finish_reason: i === STREAM_CHUNKS - 1 ? 'stop' : null }],
}));

const text = (content) => [{ type: 'text', content }];

/**
 * What ours does on each model call besides the span, alone: recognising the request's and the
 * response's shape among the ones it knows and mapping both to attributes (redacted and capped).
 * No span is started, so its ratio to the hand-written side is the share of that side's whole
 * call this part alone costs.
 */
function recognise(request, response) {
  const adapter = getAdapter('LLM');
  return () => {
    const config = getConfig();
    const capture = config.captureContent;
    contentAttributes('LLM', adapter.input([request], capture), config);
    return contentAttributes('LLM', adapter.output(response, capture), config);
  };
}

function usageAttributes(span, input, output) {
  span.setAttributes({ 'gen_ai.usage.input_tokens': input, 'gen_ai.usage.output_tokens': output, 'gen_ai.usage.total_tokens': input + output });
}

/** An OpenAI chat completion returned by the wrapped function. */
function openaiChat(tracer, capture) {
  const call = () => OPENAI_RESPONSE;
  const ours = withLLM(function chat(req) {
    return call(req);
  });
  const raw = (req) =>
    tracer.startActiveSpan(`chat ${req.model}`, LLM_OPTIONS, (span) => {
      try {
        span.setAttributes({ 'gen_ai.request.model': req.model, 'gen_ai.provider.name': 'openai', 'gen_ai.request.temperature': req.temperature, 'gen_ai.request.max_tokens': req.max_tokens });
        if (capture) span.setAttribute('gen_ai.input.messages', JSON.stringify(req.messages.map((m) => ({ role: m.role, parts: text(m.content) }))));
        const res = call(req);
        if (capture) span.setAttribute('gen_ai.output.messages', JSON.stringify(res.choices.map((c) => ({ role: c.message.role, parts: text(c.message.content), finish_reason: c.finish_reason }))));
        usageAttributes(span, res.usage.prompt_tokens, res.usage.completion_tokens);
        span.setAttributes({ 'gen_ai.response.id': res.id, 'gen_ai.response.model': res.model, 'gen_ai.response.finish_reasons': res.choices.map((c) => c.finish_reason) });
        return res;
      } finally {
        span.end();
      }
    });
  return { ours: () => ours(OPENAI_REQUEST), raw: () => raw(OPENAI_REQUEST), recognise: recognise(OPENAI_REQUEST, OPENAI_RESPONSE) };
}

/** An Anthropic message returned by the wrapped function. */
function anthropicMessage(tracer, capture) {
  const call = () => ANTHROPIC_RESPONSE;
  const ours = withLLM(function chat(req) {
    return call(req);
  });
  const finish = (r) => (r === 'end_turn' || r === 'stop_sequence' ? 'stop' : r === 'max_tokens' ? 'length' : r === 'tool_use' ? 'tool_call' : r);
  const raw = (req) =>
    tracer.startActiveSpan(`chat ${req.model}`, LLM_OPTIONS, (span) => {
      try {
        span.setAttributes({ 'gen_ai.request.model': req.model, 'gen_ai.provider.name': 'anthropic', 'gen_ai.request.max_tokens': req.max_tokens });
        if (capture) {
          span.setAttribute('gen_ai.input.messages', JSON.stringify(req.messages.map((m) => ({ role: m.role, parts: text(m.content) }))));
          span.setAttribute('gen_ai.system_instructions', JSON.stringify(text(req.system)));
        }
        const res = call(req);
        const reason = finish(res.stop_reason);
        if (capture) span.setAttribute('gen_ai.output.messages', JSON.stringify([{ role: res.role, parts: res.content.map((b) => ({ type: 'text', content: b.text })), finish_reason: reason }]));
        usageAttributes(span, res.usage.input_tokens, res.usage.output_tokens);
        span.setAttributes({ 'gen_ai.response.id': res.id, 'gen_ai.response.model': res.model, 'gen_ai.response.finish_reasons': [reason] });
        return res;
      } finally {
        span.end();
      }
    });
  return { ours: () => ours(ANTHROPIC_REQUEST), raw: () => raw(ANTHROPIC_REQUEST), recognise: recognise(ANTHROPIC_REQUEST, ANTHROPIC_RESPONSE) };
}

const TOOL_ARGS = { city: 'Paris', units: 'metric', days: 3 };
const work = (a) => ({ city: a.city, tempC: 18, forecast: ['sun', 'cloud', 'rain'].slice(0, a.days) });

/** A sync tool with object arguments and an object result. */
function toolCall(tracer, capture) {
  const ours = withTool(function lookup(a) {
    return work(a);
  });
  const raw = (a) =>
    tracer.startActiveSpan('execute_tool lookup', TOOL_OPTIONS, (span) => {
      try {
        if (capture) span.setAttribute('gen_ai.tool.call.arguments', JSON.stringify(a));
        const out = work(a);
        if (capture) span.setAttribute('gen_ai.tool.call.result', JSON.stringify(out));
        return out;
      } finally {
        span.end();
      }
    });
  return { ours: () => ours(TOOL_ARGS), raw: () => raw(TOOL_ARGS) };
}

const CHAIN_INPUT = { n: 3, question: 'What is OpenTelemetry?' };

/** An async chain with an object input and result. */
function asyncChain(tracer, capture) {
  const ours = withChain(async function pipeline(x) {
    return { answer: x.n * 2 + 1 };
  });
  const raw = (x) =>
    tracer.startActiveSpan('chain pipeline', CHAIN_OPTIONS, async (span) => {
      try {
        if (capture) span.setAttributes({ 'input.value': JSON.stringify(x), 'input.mime_type': 'application/json' });
        const out = { answer: x.n * 2 + 1 };
        if (capture) span.setAttributes({ 'output.value': JSON.stringify(out), 'output.mime_type': 'application/json' });
        return out;
      } finally {
        span.end();
      }
    });
  // By hand as a wrapper must do it, as ours does: the app's async function called in the span,
  // its promise handed back derived, the span ended when it settles.
  const pipeline = async (x) => ({ answer: x.n * 2 + 1 });
  const contract = (x) =>
    tracer.startActiveSpan('chain pipeline', CHAIN_OPTIONS, (span) => {
      if (capture) span.setAttributes({ 'input.value': JSON.stringify(x), 'input.mime_type': 'application/json' });
      return pipeline(x).then(
        (out) => {
          if (capture) span.setAttributes({ 'output.value': JSON.stringify(out), 'output.mime_type': 'application/json' });
          span.end();
          return out;
        },
        (err) => {
          span.recordException(err);
          span.end();
          throw err;
        },
      );
    });
  return { ours: () => ours(CHAIN_INPUT), raw: () => raw(CHAIN_INPUT), contract: () => contract(CHAIN_INPUT) };
}

/** A stream of 100 chat-completion chunks, aggregated into the output message. */
function chatStream(tracer, capture) {
  async function* source() {
    for (const c of CHUNKS) yield c;
  }
  const ours = withLLM({ model: 'gpt-4o-mini' }, source);
  // By hand as ours does it: the same stream object back, each step watched (`mode`, see
  // step-watch.mjs), the chunks folded into the text, the attributes written when the stream ends.
  const handWritten = (mode) => () =>
    tracer.startActiveSpan('chat gpt-4o-mini', LLM_OPTIONS, (span) => {
      span.setAttributes({ 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.request.stream': true });
      const t0 = performance.now();
      const it = source();
      let first = true;
      let id;
      let model;
      let role = 'assistant';
      let content = '';
      let reason = 'stop';
      const onStep = (r) => {
        if (r.done) {
          if (capture) span.setAttribute('gen_ai.output.messages', JSON.stringify([{ role, parts: content ? text(content) : [], finish_reason: reason }]));
          span.setAttributes({ 'gen_ai.response.id': id, 'gen_ai.response.model': model, 'gen_ai.response.finish_reasons': [reason] });
          span.end();
          return;
        }
        if (first) {
          first = false;
          const ms = performance.now() - t0;
          span.setAttributes({ 'gen_ai.response.time_to_first_token': Math.round(ms * 1e6), 'gen_ai.response.time_to_first_chunk': ms / 1e3 });
        }
        const c = r.value;
        id ??= c.id;
        model ??= c.model;
        const choice = c.choices[0];
        if (choice.delta.role) role = choice.delta.role;
        if (choice.delta.content) content += choice.delta.content;
        if (choice.finish_reason) reason = choice.finish_reason;
      };
      const onError = (err) => {
        span.recordException(err);
        span.end();
      };
      watchSteps(it, mode, onStep, onError);
      return it;
    });
  const raw = handWritten('returned');
  const contract = handWritten('as the contract asks');
  const consume = async (s) => {
    let n = 0;
    for await (const _ of s) n++;
    return n;
  };
  return { ours: () => consume(ours()), raw: () => consume(raw()), contract: () => consume(contract()) };
}

/**
 * The cases: `name`, whether a call returns a promise, the divisor for per-unit figures, calls
 * per sample, the target ratio in the default configuration and with capture off, and `build`.
 * `build` gives `ours` and `raw`, and the information sides `sides` names:
 * `contract` (by hand, and also what the behaviour contract asks of ours as a wrapper) and
 * `recognise` (ours' recognition and mapping of a model call alone, without a span).
 */
export const CASES = [
  { id: 'llm-openai', name: 'LLM call → OpenAI chat completion', isAsync: false, divisor: 1, n: 5000, target: '≤ 1.5×', offTarget: '≤ 1.1×', build: openaiChat, sides: ['recognise'] },
  { id: 'llm-anthropic', name: 'LLM call → Anthropic message', isAsync: false, divisor: 1, n: 5000, target: '≤ 1.5×', offTarget: '≤ 1.1×', build: anthropicMessage, sides: ['recognise'] },
  { id: 'tool', name: 'sync TOOL, object arguments and result', isAsync: false, divisor: 1, n: 20000, target: '≤ 1.35×', offTarget: '≤ 1.1×', build: toolCall },
  { id: 'chain', name: 'async CHAIN, object input and result', isAsync: true, divisor: 1, n: 20000, target: '≤ 1.35×', offTarget: '≤ 1.1×', build: asyncChain, sides: ['contract'] },
  { id: 'chat-stream', name: 'chat chunk stream, aggregated, per chunk', isAsync: true, divisor: STREAM_CHUNKS, n: 500, target: '≤ 1.2×', offTarget: '≤ 1.1×', build: chatStream, sides: ['contract'] },
];

/** Attribute keys whose values are times, so differ between two runs of the same code. */
export const TIME_KEYS = new Set(['gen_ai.response.time_to_first_token', 'gen_ai.response.time_to_first_chunk', 'gen_ai.user.time_to_first_token']);
