// The sides and rows of the peer comparison (`npm run bench -- --peers`), shared by the timed
// table (peers/run.mjs), the instruction counts (peers/callgrind-case.mjs), the first-calls child
// (peers/cold-start.mjs) and the CI smoke pass (peers/smoke.mjs).
//
// Every side runs on the same provider setup as the rest of the benchmark: the global tracer
// provider with one counting span processor (setup.mjs). Each peer is used the way its docs show
// a user doing it, with its defaults (nothing masked or switched off unless the row says
// "capture off" and the peer has a switch for it). A side a row cannot be written with is a
// string saying why; it shows in the table instead of a figure.
import { SpanKind } from '@opentelemetry/api';
import { CASES, CHUNKS, OPENAI_REQUEST, OPENAI_RESPONSE, STREAM_CHUNKS } from '../cases.mjs';

/** The columns, in table order. `raw` and `ours` are the existing cases of ../cases.mjs. */
export const SIDES = ['raw', 'ours', 'openinference', 'langfuse', 'openllmetry'];
export const SIDE_NAMES = { raw: 'hand-written raw OTel', ours: 'llm-trace', openinference: 'OpenInference', langfuse: 'Langfuse', openllmetry: 'OpenLLMetry' };

/**
 * The rows: `caseId` names the raw/ours case of ../cases.mjs, `capture` whether content is
 * captured, `isAsync` whether a call returns a promise, `divisor` the units per call (a stream's
 * chunks), `n` calls per timed sample.
 */
export const ROWS = [
  { id: 'llm', name: 'LLM call → OpenAI chat.completion', caseId: 'llm-openai', capture: true, n: 5000 },
  { id: 'llm-off', name: '  same, capture off', caseId: 'llm-openai', capture: false, n: 5000 },
  { id: 'tool', name: 'sync TOOL, object arguments and result captured', caseId: 'tool', capture: true, n: 20000 },
  { id: 'chain', name: 'async CHAIN, content captured', caseId: 'chain', capture: true, n: 20000 },
  { id: 'stream', name: `${STREAM_CHUNKS}-chunk chat stream, aggregated, per chunk`, caseId: 'chat-stream', capture: true, n: 500 },
  { id: 'tool-off', name: 'sync TOOL, capture off', caseId: 'tool', capture: false, n: 20000 },
].map((r) => {
  const c = CASES.find((x) => x.id === r.caseId);
  return { ...r, isAsync: c.isAsync, divisor: c.divisor };
});

// The same work the raw and ours sides of ../cases.mjs wrap.
const chatCall = () => OPENAI_RESPONSE;
const TOOL_ARGS = { city: 'Paris', units: 'metric', days: 3 };
const lookupWork = (a) => ({ city: a.city, tempC: 18, forecast: ['sun', 'cloud', 'rain'].slice(0, a.days) });
const CHAIN_INPUT = { n: 3, question: 'What is OpenTelemetry?' };
/** Set by setup.mjs's `probe` to see whether a side's span ended before the first chunk was read. */
export const firstChunk = { hook: undefined };
async function* chatChunks() {
  firstChunk.hook?.();
  for (const c of CHUNKS) yield c;
}
const consume = async (s) => {
  let n = 0;
  for await (const _ of await s) n++;
  return n;
};

/**
 * A side for one row: `{ fn, isAsync }` (a call, and whether it must be awaited: OpenLLMetry's
 * wrappers return a promise even for a sync function), or a string saying why the row has no
 * figure for this side.
 */
function side(fn, isAsync) {
  return { fn, isAsync };
}

/** OpenInference: `traceLLM` with its `getLLMAttributes`, `traceTool`, `traceChain`. */
async function openinference(row, tracer) {
  const { traceLLM, traceTool, traceChain, getLLMAttributes, OITracer } = await import('@arizeai/openinference-core');
  // Its capture switch: a tracer whose trace config hides inputs and outputs (the same switch
  // as OPENINFERENCE_HIDE_INPUTS / OPENINFERENCE_HIDE_OUTPUTS).
  const options = row.capture ? {} : { tracer: new OITracer({ tracer: tracer('openinference-core'), traceConfig: { hideInputs: true, hideOutputs: true } }) };
  switch (row.caseId) {
    case 'llm-openai': {
      const chat = traceLLM(
        function chat(req) {
          return chatCall(req);
        },
        {
          ...options,
          openTelemetrySpanKind: SpanKind.CLIENT,
          processInput: (req) =>
            getLLMAttributes({ provider: 'openai', modelName: req.model, invocationParameters: { temperature: req.temperature, max_tokens: req.max_tokens }, inputMessages: req.messages }),
          processOutput: (res) =>
            getLLMAttributes({
              outputMessages: res.choices.map((c) => ({ role: c.message.role, content: c.message.content })),
              tokenCount: { prompt: res.usage.prompt_tokens, completion: res.usage.completion_tokens, total: res.usage.total_tokens },
            }),
        },
      );
      return side(() => chat(OPENAI_REQUEST), false);
    }
    case 'tool': {
      const lookup = traceTool(function lookup(a) {
        return lookupWork(a);
      }, options);
      return side(() => lookup(TOOL_ARGS), false);
    }
    case 'chain': {
      const pipeline = traceChain(async function pipeline(x) {
        return { answer: x.n * 2 + 1 };
      }, options);
      return side(() => pipeline(CHAIN_INPUT), true);
    }
    case 'chat-stream': {
      const chat = traceLLM(chatChunks, options);
      return side(() => consume(chat()), true);
    }
  }
}

/** Langfuse: `startActiveObservation` as a generation, `observe` as a tool and as a chain. */
async function langfuse(row) {
  const { observe, startActiveObservation } = await import('@langfuse/tracing');
  switch (row.caseId) {
    case 'llm-openai': {
      // A generation's input and output are whatever the code passes; masking is an option of
      // Langfuse's exporting span processor, not of the tracing calls.
      if (!row.capture) return 'no capture switch';
      const chat = (req) =>
        startActiveObservation(
          'chat',
          (generation) => {
            generation.update({ model: req.model, modelParameters: { temperature: req.temperature, max_tokens: req.max_tokens }, input: req.messages });
            const res = chatCall(req);
            generation.update({
              output: res.choices[0].message,
              usageDetails: { input: res.usage.prompt_tokens, output: res.usage.completion_tokens, total: res.usage.total_tokens },
            });
            return res;
          },
          { asType: 'generation' },
        );
      return side(() => chat(OPENAI_REQUEST), false);
    }
    case 'tool': {
      const lookup = observe(
        function lookup(a) {
          return lookupWork(a);
        },
        { asType: 'tool', captureInput: row.capture, captureOutput: row.capture },
      );
      return side(() => lookup(TOOL_ARGS), false);
    }
    case 'chain': {
      const pipeline = observe(
        async function pipeline(x) {
          return { answer: x.n * 2 + 1 };
        },
        { asType: 'chain' },
      );
      return side(() => pipeline(CHAIN_INPUT), true);
    }
    case 'chat-stream': {
      const chat = observe(chatChunks, { asType: 'generation' });
      return side(() => consume(chat()), true);
    }
  }
}

let traceloopReady = false;
/**
 * OpenLLMetry: `withLLMCall` with its `reportRequest`/`reportResponse`, `withTool`, `withWorkflow`,
 * `withTask`. `initialize({ tracingEnabled: false })` is its documented way to run on an OTel setup
 * the app already has: it keeps the app's provider and starts none of the auto-instrumentations
 * (they are still imported with the package). Its capture switch is TRACELOOP_TRACE_CONTENT,
 * read on every call; the caller sets it for a capture-off row (see `traceloopContent`).
 */
async function openllmetry(row) {
  const traceloop = await import('@traceloop/node-server-sdk');
  if (!traceloopReady) {
    traceloop.initialize({ tracingEnabled: false, traceloopSyncEnabled: false, silenceInitializationMessage: true });
    traceloopReady = true;
  }
  switch (row.caseId) {
    case 'llm-openai': {
      if (!row.capture) return 'no capture switch';
      const chat = (req) =>
        traceloop.withLLMCall({ vendor: 'openai', type: 'chat' }, ({ span }) => {
          span.reportRequest({ model: req.model, messages: req.messages });
          const res = chatCall(req);
          span.reportResponse({ model: res.model, usage: res.usage, completions: res.choices });
          return res;
        });
      return side(() => chat(OPENAI_REQUEST), false);
    }
    case 'tool': {
      const lookup = (a) => lookupWork(a);
      return side(() => traceloop.withTool({ name: 'lookup' }, lookup, TOOL_ARGS), true);
    }
    case 'chain': {
      const pipeline = async (x) => ({ answer: x.n * 2 + 1 });
      return side(() => traceloop.withWorkflow({ name: 'pipeline' }, pipeline, CHAIN_INPUT), true);
    }
    case 'chat-stream':
      return side(() => consume(traceloop.withTask({ name: 'chat' }, chatChunks)), true);
  }
}

/** Sets OpenLLMetry's content switch for a row (it reads the variable on every call). */
export function traceloopContent(row) {
  if (row.capture) delete process.env.TRACELOOP_TRACE_CONTENT;
  else process.env.TRACELOOP_TRACE_CONTENT = 'false';
}

/**
 * Builds side `name` for `row`: `{ fn, isAsync }` or a string saying why there is no figure.
 * `ours` and `raw` come from ../cases.mjs with the row's capture setting; llm-trace runs in its
 * default configuration (capture on, default redaction), or with `captureContent: false`.
 */
export async function buildSide(name, row, tracerOf) {
  if (name === 'raw' || name === 'ours') {
    if (name === 'ours' || !process.env.BENCH_WITHOUT_CORE) {
      const { configure, resetConfig } = await import(process.env.LLM_TRACE_CORE_DIST || '@llm-trace/core');
      resetConfig();
      if (!row.capture) configure({ captureContent: false });
    }
    const c = CASES.find((x) => x.id === row.caseId);
    return side(c.build(tracerOf('bench'), row.capture)[name], row.isAsync);
  }
  if (name === 'openllmetry') traceloopContent(row);
  const build = { openinference, langfuse, openllmetry }[name];
  return build(row, tracerOf);
}
