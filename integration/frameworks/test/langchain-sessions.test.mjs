/**
 * OpenInference's LangChain spans under concurrent requests, each in its own session: with
 * LANGCHAIN_CALLBACKS_BACKGROUND=false (the documented fix) every span carries its own request's
 * session, their kinds come from openinference.span.kind, and llm-trace-check passes.
 */
process.env.LANGCHAIN_CALLBACKS_BACKGROUND = 'false';

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatOpenAI } from '@langchain/openai';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import * as CallbackManagerModule from '@langchain/core/callbacks/manager';
import { LangChainInstrumentation } from '@arizeai/openinference-instrumentation-langchain';
import { setupTracing, core } from '../lib/tracing.mjs';
import { startFakeLlmServer } from '../lib/fake-server.mjs';
import { llmTraceCheck } from '../lib/check.mjs';

test('20 concurrent requests: every OpenInference LangChain span has its own request session', async () => {
  const server = await startFakeLlmServer();
  const t = setupTracing();
  const instrumentation = new LangChainInstrumentation();
  instrumentation.setTracerProvider(t.provider);
  instrumentation.manuallyInstrument(CallbackManagerModule);
  try {
    const chain = ChatPromptTemplate.fromMessages([['human', 'Say {word}']]).pipe(new ChatOpenAI({ model: 'gpt-4o', apiKey: 'fake', configuration: { baseURL: server.url } }));
    const handle = core.withEntry(async (word) => (await chain.invoke({ word })).content);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => core.withSession({ sessionId: `user-${i}` }, () => handle(`word${i}`))));
    answers.forEach((a, i) => assert.equal(a, `You asked: Say word${i}`));
    const spans = t.spans();
    const entries = new Map(spans.filter((s) => s.name === 'enter_ai_application_system').map((s) => [s.spanContext().traceId, s.attributes['gen_ai.session.id']]));
    const lc = spans.filter((s) => s.instrumentationScope.name !== '@llm-trace/core');
    assert.ok(lc.length >= 40, `${lc.length} LangChain spans`);
    const wrong = lc.filter((s) => s.attributes['gen_ai.session.id'] !== entries.get(s.spanContext().traceId));
    assert.equal(wrong.length, 0, `${wrong.length} of ${lc.length} spans carry another request's session`);
    assert.ok(lc.every((s) => typeof s.attributes['gen_ai.span.kind'] === 'string'));
    const check = llmTraceCheck(spans);
    assert.equal(check.code, 0, check.stdout);
  } finally {
    instrumentation.disable();
    await t.shutdown();
    await server.close();
  }
});
