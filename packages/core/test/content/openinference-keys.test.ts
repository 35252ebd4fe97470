/** Every OpenInference key we emit is one of the constants of @arizeai/openinference-semantic-conventions. */
import * as OI from '@arizeai/openinference-semantic-conventions';
import { configure, getConfig, resetConfig } from '../../src/config';
import { contentAttributes } from '../../src/content';
import type { ContentFor, KindName } from '../../src/content';
import { sessionAttributes, sessionContext } from '../../src/session';
import { context } from '@opentelemetry/api';

/** Every string constant the package exports (top level and inside exported objects). */
function constants(): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown, depth: number): void => {
    if (typeof v === 'string') out.add(v);
    else if (v && typeof v === 'object' && depth < 3) for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(OI, 0);
  return out;
}
const KNOWN = constants();

/** Flattened keys: `prefix.{i}.rest` — every piece between indexes must be a constant, or two joined. */
function isOpenInferenceKey(key: string): boolean {
  const pieces = key.split(/\.\d+\./);
  return pieces.every((p) => {
    if (KNOWN.has(p)) return true;
    const parts = p.split('.');
    for (let i = 1; i < parts.length; i++) {
      if (KNOWN.has(parts.slice(0, i).join('.')) && KNOWN.has(parts.slice(i).join('.'))) return true;
    }
    return false;
  });
}

/** Keys of the default dialect: OTel GenAI / Alibaba keys we also write with openinference on. */
function isLlmTraceKey(key: string): boolean {
  return key.startsWith('gen_ai.') || key.startsWith('reranker.') || key === 'input.value' || key === 'output.value' || key === 'input.mime_type' || key === 'output.mime_type';
}

const RICH: { [K in KindName]: ContentFor<K> } = {
  LLM: {
    model: 'gpt-4o', provider: 'openai', responseModel: 'gpt-4o-2024', request: { temperature: 1, choiceCount: 2 },
    systemInstructions: 'sys',
    inputMessages: [
      { role: 'user', parts: [{ type: 'text', content: 'see' }, { type: 'uri', modality: 'image', uri: 'https://x/y.png' }, { type: 'blob', modality: 'image', mime_type: 'image/png', content: 'AAAA' }] },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'c', name: 'f', arguments: {} }] },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'c', response: 'r' }] },
    ],
    outputMessages: [{ role: 'assistant', parts: [{ type: 'reasoning', content: 'r' }, { type: 'text', content: 't' }], finish_reason: 'stop' }],
    toolDefinitions: [{ type: 'function', name: 'f' }],
    usage: { inputTokens: 1, outputTokens: 1, cacheReadInputTokens: 1, cacheCreationInputTokens: 1, reasoningOutputTokens: 1 },
    finishReasons: ['stop'],
  },
  EMBEDDING: { model: 'm', inputs: ['a', 'b'], usage: { inputTokens: 2 } },
  RETRIEVER: { query: 'q', documents: [{ id: 'd', score: 1, content: 'c', metadata: { a: 1 } }] },
  RERANKER: { query: 'q', model: 'm', topK: 1, inputDocuments: [{ id: 'd', content: 'c', metadata: {} }], outputDocuments: [{ id: 'd', score: 1 }] },
  TOOL: { name: 't', description: 'd', callId: 'c', parameters: {}, arguments: {}, result: 'r' },
  AGENT: { name: 'a', inputMessages: [{ role: 'user', content: 'x' }], outputMessages: [{ role: 'assistant', content: 'y' }], usage: { inputTokens: 1 } },
  STEP: { round: 1, finishReason: 'stop' },
  ENTRY: { sessionId: 's', userId: 'u', inputMessages: [{ role: 'user', content: 'x' }] },
  CHAIN: { input: 'x', output: { y: 1 } },
  TASK: { input: { x: 1 }, output: 'y' },
};

afterEach(() => resetConfig());

it('every OpenInference key emitted for every kind is a constant of the OpenInference package', () => {
  configure({ dialects: ['llm-trace', 'openinference'] });
  const emitted = new Set<string>();
  for (const kind of Object.keys(RICH) as KindName[]) {
    for (const key of Object.keys(contentAttributes(kind, RICH[kind] as ContentFor<typeof kind>, getConfig()))) emitted.add(key);
  }
  for (const key of Object.keys(sessionAttributes(sessionContext({ sessionId: 's', userId: 'u', metadata: { a: 1 }, tags: ['t'] }, context.active()), getConfig()))) emitted.add(key);
  const oiKeys = [...emitted].filter((k) => !isLlmTraceKey(k) || KNOWN.has(k));
  expect(oiKeys.length).toBeGreaterThan(40);
  const unknown = oiKeys.filter((k) => !k.startsWith('gen_ai.') && !isOpenInferenceKey(k));
  expect(unknown).toEqual([]);
  for (const k of ['openinference.span.kind', 'session.id', 'user.id', 'metadata', 'tag.tags', 'llm.input_messages.0.message.role', 'retrieval.documents.0.document.metadata', 'reranker.input_documents.0.document.id', 'embedding.embeddings.1.embedding.text']) {
    expect(emitted.has(k)).toBe(true);
  }
});

it('the validator itself rejects keys OpenInference does not define', () => {
  expect(isOpenInferenceKey('llm.input_messages.0.message.role')).toBe(true);
  expect(isOpenInferenceKey('llm.input_messages.0.message.colour')).toBe(false);
  expect(isOpenInferenceKey('retrieval.docs.0.document.id')).toBe(false);
});
