import { SpanKind } from '@opentelemetry/api';
import { createTestTracing, validateSpan, validateSpans, ConformanceRule, formatFindings } from '../src/index';
import type { ConformanceFinding, TestTracing } from '../src/index';
import { ALL_KINDS, openSpan, recordSpan } from './helpers';

let tracing: TestTracing;
beforeEach(() => {
  tracing = createTestTracing();
});
afterEach(async () => {
  await tracing.shutdown();
});

const only = (findings: ConformanceFinding[], rule: string) => findings.filter((f) => f.rule === rule);
const errors = (findings: ConformanceFinding[]) => findings.filter((f) => f.level === 'error');

/** An OTLP JSON span with typed values, as the Collector's file exporter writes it. */
function otlpSpan(attributes: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    traceId: '5b8efff798038103d269b633813fc60c',
    spanId: 'eee19b7ec3c1b174',
    name: 'chat gpt-4o',
    kind: 3,
    attributes: Object.entries(attributes).map(([key, value]) => ({ key, value })),
    ...extra,
  };
}
const LLM_OTLP_BASE = {
  'gen_ai.span.kind': { stringValue: 'LLM' },
  'gen_ai.operation.name': { stringValue: 'chat' },
  'gen_ai.provider.name': { stringValue: 'openai' },
  'gen_ai.request.model': { stringValue: 'gpt-4o' },
};

describe('a conformant span of every kind passes', () => {
  it.each(ALL_KINDS)('%s with its required keys, pattern name and OTel kind has no findings', (kind) => {
    const span = recordSpan(tracing, { kind });
    expect(validateSpan(span)).toEqual([]);
  });

  it('an OTLP JSON LLM span with int and double on the wire passes', () => {
    const span = otlpSpan({
      ...LLM_OTLP_BASE,
      'gen_ai.usage.input_tokens': { intValue: '12' },
      'gen_ai.request.temperature': { doubleValue: 0.2 },
      'gen_ai.response.finish_reasons': { arrayValue: { values: [{ stringValue: 'stop' }] } },
    });
    expect(validateSpan(span)).toEqual([]);
  });
});

describe('span-kind', () => {
  it('reports a span with gen_ai keys but no gen_ai.span.kind', () => {
    const span = recordSpan(tracing, { name: 'chat x', attributes: { 'gen_ai.request.model': 'x' } });
    const [f] = only(validateSpan(span), ConformanceRule.SPAN_KIND);
    expect(f).toMatchObject({ key: 'gen_ai.span.kind', level: 'error', spanName: 'chat x', spanId: span.spanContext().spanId });
  });
  it('reports an unknown kind, naming the ten kinds', () => {
    const span = recordSpan(tracing, { name: 'x', attributes: { 'gen_ai.span.kind': 'llm' } });
    const [f] = only(validateSpan(span), ConformanceRule.SPAN_KIND);
    expect(f?.message).toContain('"llm" is not one of CHAIN');
  });
});

describe('required-attribute', () => {
  it('reports a missing required key by name', () => {
    const span = recordSpan(tracing, { kind: 'LLM', attributes: { 'gen_ai.provider.name': undefined } });
    expect(only(validateSpan(span), ConformanceRule.REQUIRED_ATTRIBUTE)).toEqual([
      expect.objectContaining({ key: 'gen_ai.provider.name', level: 'error', message: 'is required on LLM spans' }),
    ]);
  });
  it('reports the Alibaba reranker documents as required', () => {
    const span = recordSpan(tracing, { kind: 'RERANKER', attributes: { 'reranker.output_document': undefined } });
    expect(only(validateSpan(span), ConformanceRule.REQUIRED_ATTRIBUTE).map((f) => f.key)).toEqual(['reranker.output_document']);
  });
});

describe('attribute-type', () => {
  it('rejects a double where the model says int', () => {
    const span = recordSpan(tracing, { kind: 'LLM', attributes: { 'gen_ai.usage.input_tokens': 1.5 } });
    const [f] = only(validateSpan(span), ConformanceRule.ATTRIBUTE_TYPE);
    expect(f).toMatchObject({ key: 'gen_ai.usage.input_tokens', level: 'error' });
    expect(f?.message).toBe('must be int, got double 1.5');
  });
  it('rejects a string where the model says int', () => {
    const span = recordSpan(tracing, { kind: 'LLM', attributes: { 'gen_ai.usage.output_tokens': '7' } });
    expect(only(validateSpan(span), ConformanceRule.ATTRIBUTE_TYPE)[0]?.message).toBe('must be int, got string "7"');
  });
  it('rejects an OTLP doubleValue for an int key even when it is whole', () => {
    const span = otlpSpan({ ...LLM_OTLP_BASE, 'gen_ai.usage.input_tokens': { doubleValue: 12 } });
    expect(errors(validateSpan(span))).toEqual([expect.objectContaining({ rule: 'attribute-type', key: 'gen_ai.usage.input_tokens' })]);
  });
  it('warns on an OTLP intValue for a double key', () => {
    const span = otlpSpan({ ...LLM_OTLP_BASE, 'gen_ai.request.temperature': { intValue: 1 } });
    expect(validateSpan(span)).toEqual([expect.objectContaining({ rule: 'attribute-type', level: 'warning', key: 'gen_ai.request.temperature' })]);
  });
  it('rejects a string where the model says string[]', () => {
    const span = recordSpan(tracing, { kind: 'LLM', attributes: { 'gen_ai.response.finish_reasons': 'stop' } });
    expect(only(validateSpan(span), ConformanceRule.ATTRIBUTE_TYPE)[0]).toMatchObject({ key: 'gen_ai.response.finish_reasons', message: 'must be string[], got string "stop"' });
  });
  it('rejects a value on an OpenInference flattening prefix key', () => {
    const span = recordSpan(tracing, { kind: 'LLM', attributes: { 'llm.input_messages': '[]' } });
    expect(only(validateSpan(span), ConformanceRule.ATTRIBUTE_TYPE)[0]?.key).toBe('llm.input_messages');
  });
  it('accepts a whole JS number for a double key (the SDK cannot tell them apart)', () => {
    const span = recordSpan(tracing, { kind: 'LLM', attributes: { 'gen_ai.request.temperature': 1 } });
    expect(validateSpan(span)).toEqual([]);
  });
});

describe('enum-value and operation-name', () => {
  it('rejects a value outside a closed enum', () => {
    const span = recordSpan(tracing, { kind: 'LLM', attributes: { 'openinference.span.kind': 'MODEL' } });
    expect(only(validateSpan(span), ConformanceRule.ENUM_VALUE)).toEqual([expect.objectContaining({ key: 'openinference.span.kind', level: 'error' })]);
  });
  it('accepts a member of a closed enum', () => {
    const span = recordSpan(tracing, { kind: 'LLM', attributes: { 'openinference.span.kind': 'LLM' } });
    expect(validateSpan(span)).toEqual([]);
  });
  it('allows custom values in open enums (provider, finish reasons)', () => {
    const span = recordSpan(tracing, { kind: 'LLM', attributes: { 'gen_ai.provider.name': 'my-gateway', 'gen_ai.response.finish_reasons': ['stop', 'my_reason'] } });
    expect(validateSpan(span)).toEqual([]);
  });
  it('rejects an operation name that belongs to another kind', () => {
    const span = recordSpan(tracing, { kind: 'LLM', name: 'embeddings gpt-4o', attributes: { 'gen_ai.operation.name': 'embeddings' } });
    const [f] = only(validateSpan(span), ConformanceRule.OPERATION_NAME);
    expect(f?.message).toBe('"embeddings" is the EMBEDDING operation; LLM spans use chat or generate_content or text_completion');
  });
  it('accepts the non-default operation names of a kind and custom ones', () => {
    const a = recordSpan(tracing, { kind: 'LLM', attributes: { 'gen_ai.operation.name': 'text_completion' } });
    const b = recordSpan(tracing, { kind: 'AGENT', attributes: { 'gen_ai.operation.name': 'plan_agent' } });
    expect(validateSpans([a, b])).toEqual([]);
  });
});

describe('json-parse and json-schema', () => {
  const cases: [string, string, string][] = [
    ['gen_ai.input.messages', '[{"role":"user"}]', '$[0].parts a message needs "parts"'],
    ['gen_ai.input.messages', '[{"role":"user","parts":[{"type":"text"}]}]', '$[0].parts[0].content must be a string, got nothing'],
    ['gen_ai.input.messages', '[{"role":"assistant","parts":[{"type":"tool_call","id":"c1"}]}]', '$[0].parts[0].name must be a string'],
    ['gen_ai.input.messages', '[{"role":"tool","parts":[{"type":"tool_call_response","id":"c1"}]}]', 'needs "response"'],
    ['gen_ai.input.messages', '{"role":"user"}', '$ must be an array, got an object'],
    ['gen_ai.output.messages', '[{"role":"assistant","parts":[{"type":"text","content":"hi"}]}]', '$[0].finish_reason must be a string'],
    ['gen_ai.system_instructions', '[{"role":"system","parts":[]}]', '$[0].type a part needs a string "type"'],
    ['gen_ai.tool.definitions', '[{"type":"function"}]', '$[0].name must be a string'],
    ['gen_ai.tool.definitions', '[{"type":"function","name":"f","parameters":"{}"}]', '$[0].parameters must be a JSON Schema object'],
    ['gen_ai.input.messages', '[{"role":"user","parts":[{"type":"blob","modality":"image"}]}]', '$[0].parts[0].content must be a string'],
    ['gen_ai.input.multimodal_metadata', '[{"type":"text","content":"x"}]', 'holds only uri parts'],
  ];
  it.each(cases)('%s = %s breaks its schema', (key, value, problem) => {
    const span = recordSpan(tracing, { kind: 'LLM', attributes: { [key]: value } });
    const [f] = only(validateSpan(span), ConformanceRule.JSON_SCHEMA);
    expect(f).toMatchObject({ key, level: 'error' });
    expect(f?.message).toContain(problem);
  });

  it.each([
    ['RETRIEVER', 'gen_ai.retrieval.documents', '[{"id":1,"score":0.5}]', '$[0].id must be a string, got a number'],
    ['RETRIEVER', 'gen_ai.retrieval.documents', '[{"id":"d","score":"high"}]', '$[0].score must be a number'],
    ['RERANKER', 'reranker.output_document', '[{"id":"d","metadata":"kb"}]', '$[0].metadata must be an object'],
  ] as const)('%s %s = %s breaks its schema', (kind, key, value, problem) => {
    const span = recordSpan(tracing, { kind, attributes: { [key]: value } });
    expect(only(validateSpan(span), ConformanceRule.JSON_SCHEMA)[0]?.message).toContain(problem);
  });

  it('accepts every part type of the OTel schema, and generic parts', () => {
    const input = [
      { role: 'system', parts: [{ type: 'text', content: 'be brief' }] },
      { role: 'user', parts: [{ type: 'text', content: 'hi' }, { type: 'uri', modality: 'image', uri: 'https://x/y.png' }, { type: 'blob', modality: 'audio', mime_type: 'audio/wav', content: 'AAAA' }, { type: 'file', modality: 'image', file_id: 'f1' }] },
      { role: 'assistant', parts: [{ type: 'reasoning', content: 'hmm' }, { type: 'tool_call', id: 'c1', name: 'search', arguments: { q: 'x' } }] },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'c1', response: 'ok' }, { type: 'my_custom_part', anything: 1 }] },
    ];
    const output = [{ role: 'assistant', parts: [{ type: 'text', content: 'done' }], finish_reason: 'stop' }];
    const span = recordSpan(tracing, {
      kind: 'LLM',
      attributes: {
        'gen_ai.input.messages': JSON.stringify(input),
        'gen_ai.output.messages': JSON.stringify(output),
        'gen_ai.system_instructions': '[{"type":"text","content":"be brief"}]',
        'gen_ai.tool.definitions': '[{"type":"function","name":"search","description":"web","parameters":{"type":"object"}}]',
      },
    });
    expect(validateSpan(span)).toEqual([]);
  });

  it('reports a JSON attribute that does not parse', () => {
    const span = recordSpan(tracing, { kind: 'TOOL', attributes: { 'gen_ai.tool.call.arguments': '{"q": ' } });
    const [f] = only(validateSpan(span), ConformanceRule.JSON_PARSE);
    expect(f).toMatchObject({ key: 'gen_ai.tool.call.arguments', level: 'error' });
    expect(f?.message).toMatch(/^must be a JSON string \(any\): /);
  });

  it('accepts any JSON value for schema-less JSON keys', () => {
    const span = recordSpan(tracing, { kind: 'TOOL', attributes: { 'gen_ai.tool.call.arguments': '"plain"', 'gen_ai.tool.call.result': '42' } });
    expect(validateSpan(span)).toEqual([]);
  });
});

describe('conditional-attribute and redundant-value', () => {
  it('requires server.port when server.address is set (condition read from the model)', () => {
    const bad = recordSpan(tracing, { kind: 'LLM', attributes: { 'server.address': 'api.openai.com' } });
    const good = recordSpan(tracing, { kind: 'LLM', attributes: { 'server.address': 'api.openai.com', 'server.port': 443 } });
    expect(only(validateSpan(bad), ConformanceRule.CONDITIONAL_ATTRIBUTE)).toEqual([
      expect.objectContaining({ key: 'server.port', level: 'error', message: 'is required on LLM spans when server.address is set' }),
    ]);
    expect(validateSpan(good)).toEqual([]);
  });
  it('requires error.type on a span whose status is ERROR', () => {
    const bad = recordSpan(tracing, { kind: 'TOOL', error: true });
    const good = recordSpan(tracing, { kind: 'TOOL', error: true, attributes: { 'error.type': 'TypeError' } });
    expect(only(validateSpan(bad), ConformanceRule.CONDITIONAL_ATTRIBUTE)[0]).toMatchObject({ key: 'error.type', level: 'error' });
    expect(validateSpan(good)).toEqual([]);
  });
  it('reads an OTLP ERROR status, numeric or named', () => {
    for (const code of [2, 'STATUS_CODE_ERROR']) {
      expect(only(validateSpan(otlpSpan(LLM_OTLP_BASE, { status: { code } })), ConformanceRule.CONDITIONAL_ATTRIBUTE).map((f) => f.key)).toEqual(['error.type']);
    }
    expect(validateSpan(otlpSpan({ ...LLM_OTLP_BASE, 'error.type': { stringValue: 'RateLimitError' } }, { status: { code: 'STATUS_CODE_ERROR' } }))).toEqual([]);
  });
  it('warns when gen_ai.request.choice.count is 1, and accepts 2', () => {
    const one = recordSpan(tracing, { kind: 'LLM', attributes: { 'gen_ai.request.choice.count': 1 } });
    const two = recordSpan(tracing, { kind: 'LLM', attributes: { 'gen_ai.request.choice.count': 2 } });
    expect(validateSpan(one)).toEqual([expect.objectContaining({ rule: 'redundant-value', level: 'warning', key: 'gen_ai.request.choice.count' })]);
    expect(validateSpan(two)).toEqual([]);
  });
  it('warns when a streaming span carries no time to first token', () => {
    const bad = recordSpan(tracing, { kind: 'LLM', attributes: { 'gen_ai.request.stream': true } });
    const good = recordSpan(tracing, { kind: 'LLM', attributes: { 'gen_ai.request.stream': true, 'gen_ai.response.time_to_first_token': 1_000_000 } });
    const [f] = validateSpan(bad);
    expect(f).toMatchObject({ rule: 'conditional-attribute', level: 'warning' });
    expect(f?.message).toContain('gen_ai.response.time_to_first_token');
    expect(validateSpan(good)).toEqual([]);
  });
  it('takes the first-token key per kind from the model: CHAIN uses gen_ai.user.time_to_first_token', () => {
    const good = recordSpan(tracing, { kind: 'CHAIN', attributes: { 'gen_ai.request.stream': true, 'gen_ai.user.time_to_first_token': 5 } });
    expect(only(validateSpan(good), ConformanceRule.CONDITIONAL_ATTRIBUTE)).toEqual([]);
  });
});

describe('span-name', () => {
  it('accepts the pattern with the detail filled in', () => {
    const span = recordSpan(tracing, { kind: 'TOOL', attributes: { 'gen_ai.tool.name': 'search' } });
    expect(span.name).toBe('execute_tool search');
    expect(validateSpan(span)).toEqual([]);
  });
  it('warns on the bare operation name when the detail is known', () => {
    const span = recordSpan(tracing, { kind: 'LLM', name: 'chat' });
    expect(validateSpan(span)).toEqual([expect.objectContaining({ rule: 'span-name', level: 'warning', message: 'is the fallback name "chat" although the detail is known: expected "chat gpt-4o-mini"' })]);
  });
  it('warns on a name off the pattern', () => {
    const span = recordSpan(tracing, { kind: 'LLM', name: 'callOpenAI' });
    expect(only(validateSpan(span), ConformanceRule.SPAN_NAME)[0]?.message).toContain('"callOpenAI" does not follow the LLM pattern');
  });
  it('accepts any detail where the model names no attribute for it (chain {name})', () => {
    const span = recordSpan(tracing, { kind: 'CHAIN', name: 'chain answer-question' });
    expect(validateSpan(span)).toEqual([]);
  });
  it('uses the operation name on the span ({operation} placeholder)', () => {
    const span = recordSpan(tracing, { kind: 'LLM', name: 'generate_content gpt-4o-mini', attributes: { 'gen_ai.operation.name': 'generate_content' } });
    expect(validateSpan(span)).toEqual([]);
  });
  it('has fixed names for ENTRY and STEP', () => {
    const span = recordSpan(tracing, { kind: 'ENTRY', name: 'entry' });
    expect(only(validateSpan(span), ConformanceRule.SPAN_NAME)[0]?.message).toContain('expected "enter_ai_application_system"');
  });
});

describe('otel-span-kind', () => {
  it('warns when an LLM span is INTERNAL', () => {
    const span = recordSpan(tracing, { kind: 'LLM', otelKind: SpanKind.INTERNAL });
    expect(validateSpan(span)).toEqual([expect.objectContaining({ rule: 'otel-span-kind', level: 'warning', message: 'OTel SpanKind is INTERNAL; LLM spans default to CLIENT' })]);
  });
  it('reads OTLP span kinds by their OTLP numbers and names', () => {
    expect(validateSpan(otlpSpan(LLM_OTLP_BASE, { kind: 'SPAN_KIND_CLIENT' }))).toEqual([]);
    expect(only(validateSpan(otlpSpan(LLM_OTLP_BASE, { kind: 1 })), ConformanceRule.OTEL_SPAN_KIND)).toHaveLength(1);
  });
});

describe('unknown-attribute and deprecated-attribute', () => {
  it('warns on a gen_ai key the model does not define', () => {
    const span = recordSpan(tracing, { kind: 'LLM', attributes: { 'gen_ai.usage.input_token': 3 } });
    expect(validateSpan(span)).toEqual([expect.objectContaining({ rule: 'unknown-attribute', level: 'warning', key: 'gen_ai.usage.input_token' })]);
  });
  it('leaves keys outside gen_ai.* alone', () => {
    const span = recordSpan(tracing, { kind: 'LLM', attributes: { 'http.method': 'POST', 'app.tenant': 'a' } });
    expect(validateSpan(span)).toEqual([]);
  });
  it('warns on a deprecated key', () => {
    const span = recordSpan(tracing, { kind: 'LLM', attributes: { 'gen_ai.system': 'openai' } });
    expect(validateSpan(span)).toEqual([expect.objectContaining({ rule: 'deprecated-attribute', level: 'warning', key: 'gen_ai.system' })]);
  });
});

describe('parent/child: step-parent and entry-root', () => {
  it('accepts a STEP under an AGENT, also through a non-LLM span', () => {
    const agent = openSpan(tracing, { kind: 'AGENT' });
    const http = openSpan(tracing, {}, agent);
    recordSpan(tracing, { kind: 'STEP' }, http);
    recordSpan(tracing, { kind: 'STEP' }, agent);
    http.end();
    agent.end();
    expect(validateSpans(tracing.getSpans())).toEqual([]);
  });
  it('rejects a STEP whose nearest LLM ancestor is a CHAIN', () => {
    const agent = openSpan(tracing, { kind: 'AGENT' });
    const chain = openSpan(tracing, { kind: 'CHAIN' }, agent);
    const step = recordSpan(tracing, { kind: 'STEP' }, chain);
    chain.end();
    agent.end();
    expect(validateSpans(tracing.getSpans())).toEqual([
      expect.objectContaining({ rule: 'step-parent', level: 'error', spanId: step.spanContext().spanId, message: 'a STEP span must sit under an AGENT span; its nearest LLM ancestor is CHAIN "chain"' }),
    ]);
  });
  it('rejects a STEP at the root', () => {
    recordSpan(tracing, { kind: 'STEP' });
    expect(only(validateSpans(tracing.getSpans()), ConformanceRule.STEP_PARENT)).toHaveLength(1);
  });
  it('cannot decide when the parent is not in the batch, and says nothing', () => {
    const agent = openSpan(tracing, { kind: 'CHAIN' });
    const step = recordSpan(tracing, { kind: 'STEP' }, agent);
    expect(validateSpans([step])).toEqual([]);
    agent.end();
  });
  it('rejects an ENTRY below a span of the same service', () => {
    const chain = openSpan(tracing, { kind: 'CHAIN' });
    const entry = recordSpan(tracing, { kind: 'ENTRY' }, chain);
    chain.end();
    expect(validateSpans(tracing.getSpans())).toEqual([expect.objectContaining({ rule: 'entry-root', level: 'error', spanId: entry.spanContext().spanId })]);
  });
  it('accepts an ENTRY at the root', () => {
    recordSpan(tracing, { kind: 'ENTRY' });
    expect(validateSpans(tracing.getSpans())).toEqual([]);
  });
  it('treats OTLP spans given without their resource as one service', () => {
    const trace = '5b8efff798038103d269b633813fc60c';
    const gateway = { traceId: trace, spanId: 'aaaaaaaaaaaaaaaa', name: 'GET /ask', kind: 2, attributes: [] };
    const entry = { traceId: trace, spanId: 'bbbbbbbbbbbbbbbb', parentSpanId: 'aaaaaaaaaaaaaaaa', name: 'enter_ai_application_system', kind: 1, attributes: [{ key: 'gen_ai.span.kind', value: { stringValue: 'ENTRY' } }] };
    expect(validateSpans([gateway, entry])).toEqual([expect.objectContaining({ rule: 'entry-root', spanId: 'bbbbbbbbbbbbbbbb' })]);
  });
});

describe('which spans validateSpans checks', () => {
  it('skips non-LLM spans, even inside a session (whose keys every span carries)', () => {
    recordSpan(tracing, { name: 'POST /v1/chat/completions', attributes: { 'http.request.method': 'POST', 'gen_ai.session.id': 's1', 'gen_ai.user.id': 'u1' } });
    expect(validateSpans(tracing.getSpans())).toEqual([]);
    expect(only(validateSpans(tracing.getSpans(), { includeNonLlmSpans: true }), ConformanceRule.SPAN_KIND)).toHaveLength(1);
  });
  it('checks a span that carries other gen_ai keys but no kind', () => {
    recordSpan(tracing, { name: 'chat gpt-4o', attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.session.id': 's1' } });
    expect(only(validateSpans(tracing.getSpans()), ConformanceRule.SPAN_KIND)).toHaveLength(1);
  });
});

describe('malformed input never throws', () => {
  it.each([null, undefined, 42, 'span', [], {}, { attributes: 'x' }, { attributes: [{ key: 1 }, null, { key: 'gen_ai.span.kind' }] }])('validateSpan(%p)', (input) => {
    expect(() => validateSpan(input)).not.toThrow();
    expect(errors(validateSpan(input)).length).toBeGreaterThan(0);
  });
  it('survives an object whose getters throw', () => {
    const hostile = new Proxy({}, { get() { throw new Error('no'); }, ownKeys() { throw new Error('no'); } });
    expect(() => validateSpan(hostile)).not.toThrow();
    expect(() => validateSpans([hostile, null, 1])).not.toThrow();
    expect(validateSpans([null, 1])).toEqual([expect.objectContaining({ rule: 'malformed-span' }), expect.objectContaining({ rule: 'malformed-span' })]);
  });
});

describe('formatFindings', () => {
  it('prints one line per finding with level, span, key, rule and message', () => {
    const span = recordSpan(tracing, { kind: 'LLM', attributes: { 'gen_ai.provider.name': undefined } });
    expect(formatFindings(validateSpan(span))).toBe(`error   chat gpt-4o-mini (${span.spanContext().spanId}) gen_ai.provider.name [required-attribute] is required on LLM spans`);
  });
});

describe('spans of other libraries and scopes', () => {
  it('an OTel GenAI span without our kind is valid OTel: a warning, never an error', () => {
    const span = recordSpan(tracing, { name: 'chat gpt-4o', attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o' } });
    const foreign = { ...span, instrumentationScope: { name: 'ai' }, spanContext: () => span.spanContext() };
    const findings = validateSpans([foreign]);
    expect(errors(findings)).toEqual([]);
    expect(only(findings, ConformanceRule.SPAN_KIND)).toEqual([expect.objectContaining({ level: 'warning', key: 'gen_ai.span.kind' })]);
    expect(only(findings, ConformanceRule.SPAN_KIND)[0]!.message).toContain('follows the OTel GenAI conventions (gen_ai.operation.name "chat")');
  });

  it("AI SDK 5's spans with only the former gen_ai.system are OTel GenAI too", () => {
    const span = recordSpan(tracing, { name: 'ai.generateText.doGenerate', attributes: { 'gen_ai.system': 'openai.chat', 'gen_ai.request.model': 'gpt-4o' } });
    const foreign = { ...span, instrumentationScope: { name: 'ai' }, spanContext: () => span.spanContext() };
    expect(errors(validateSpans([foreign]))).toEqual([]);
  });

  it('our own span without a kind stays an error', () => {
    const span = recordSpan(tracing, { name: 'chat x', attributes: { 'gen_ai.operation.name': 'chat' } });
    expect(span.instrumentationScope.name).toBe('@llm-trace/testing');
    expect(only(validateSpan(span), ConformanceRule.SPAN_KIND)).toEqual([expect.objectContaining({ level: 'error' })]);
  });

  it('scopes and ownSpansOnly check only the spans of the given tracers', () => {
    const ours = recordSpan(tracing, { kind: 'LLM', attributes: { 'gen_ai.provider.name': undefined } });
    const other = tracing.tracer('vendor-lib').startSpan('thing', { attributes: { 'gen_ai.request.model': 'x' } });
    other.end();
    const spans = tracing.getSpans();
    expect(new Set(errors(validateSpans(spans)).map((f) => f.spanName)).size).toBe(2);
    expect(errors(validateSpans(spans, { ownSpansOnly: true })).map((f) => f.spanId)).toEqual([ours.spanContext().spanId]);
    expect(errors(validateSpans(spans, { scopes: ['vendor-*'] })).map((f) => f.spanName)).toEqual(['thing']);
    expect(validateSpans(spans, { scopes: ['nobody'] })).toEqual([]);
  });

  it('bad scope options throw a TypeError naming the option', () => {
    expect(() => validateSpans([], { scopes: 'x' as unknown as string[] })).toThrow('option "scopes" must be an array');
    expect(() => validateSpans([], { ownSpansOnly: 'yes' as unknown as boolean })).toThrow('option "ownSpansOnly" must be a boolean');
  });
});
