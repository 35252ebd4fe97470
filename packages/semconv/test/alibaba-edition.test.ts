/**
 * The Alibaba LLM Trace 2026-07-13 edition (spec/reference.md §1.5–§1.7), transcribed as
 * kind → key → level. Every key must be exported with its exact string, sit on the kind at the
 * spec's level, and appear with that level in docs/semantic-conventions.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as semconv from '../src';
import { SEMCONV_MODEL } from '../src';
import type { RequirementLevel } from '../src';

const R: RequirementLevel = 'required';
const C: RequirementLevel = 'conditionally_required';
const REC: RequirementLevel = 'recommended';
const O: RequirementLevel = 'opt_in';

// §1.5: on every span.
const COMMON: Record<string, RequirementLevel> = {
  'gen_ai.session.id': C,
  'gen_ai.user.id': C,
  'gen_ai.span.kind': R,
  'gen_ai.operation.name': R,
  'gen_ai.framework': C,
};

// §1.7: per kind; these override the common levels (CHAIN, ENTRY and STEP downgrade the operation name).
const PER_KIND: Record<string, Record<string, RequirementLevel>> = {
  CHAIN: {
    'gen_ai.operation.name': C,
    'input.value': REC,
    'output.value': REC,
    'gen_ai.user.time_to_first_token': REC,
  },
  RETRIEVER: {
    'gen_ai.data_source.id': C,
    'gen_ai.provider.name': C,
    'gen_ai.request.model': C,
    'gen_ai.request.top_k': REC,
    'gen_ai.retrieval.documents': O,
    'gen_ai.retrieval.query.text': O,
  },
  RERANKER: {
    'reranker.query': O,
    'reranker.model_name': O,
    'reranker.top_k': O,
    'reranker.input_document': R,
    'reranker.output_document': R,
  },
  LLM: {
    'gen_ai.provider.name': R,
    'gen_ai.conversation.id': C,
    'gen_ai.output.type': C,
    'gen_ai.request.choice.count': C,
    'gen_ai.request.model': R,
    'gen_ai.request.seed': C,
    'gen_ai.request.frequency_penalty': REC,
    'gen_ai.request.max_tokens': REC,
    'gen_ai.request.presence_penalty': REC,
    'gen_ai.request.temperature': REC,
    'gen_ai.request.top_p': REC,
    'gen_ai.request.top_k': REC,
    'gen_ai.request.stop_sequences': REC,
    'gen_ai.response.id': REC,
    'gen_ai.response.model': REC,
    'gen_ai.response.finish_reasons': REC,
    'gen_ai.response.time_to_first_token': REC,
    'gen_ai.response.reasoning_time': REC,
    'gen_ai.usage.input_tokens': REC,
    'gen_ai.usage.output_tokens': REC,
    'gen_ai.usage.total_tokens': REC,
    'gen_ai.usage.cache_creation.input_tokens': REC,
    'gen_ai.usage.cache_read.input_tokens': REC,
    'gen_ai.input.messages': O,
    'gen_ai.output.messages': O,
    'gen_ai.system_instructions': O,
    'gen_ai.tool.definitions': O,
    'gen_ai.latency.time_in_model_prefill': REC,
    'gen_ai.latency.time_in_model_decode': REC,
    'gen_ai.latency.time_in_model_inference': REC,
    'gen_ai.input.multimodal_metadata': REC,
    'gen_ai.output.multimodal_metadata': REC,
  },
  EMBEDDING: {
    'gen_ai.provider.name': R,
    'gen_ai.request.model': C,
    'gen_ai.embeddings.dimension.count': REC,
    'gen_ai.request.encoding_formats': REC,
    'gen_ai.usage.input_tokens': O,
    'gen_ai.usage.total_tokens': O,
  },
  TOOL: {
    'gen_ai.tool.call.id': REC,
    'gen_ai.tool.description': REC,
    'gen_ai.tool.name': REC,
    'gen_ai.tool.type': REC,
    'gen_ai.skill.id': C,
    'gen_ai.skill.name': C,
    'gen_ai.skill.description': REC,
    'gen_ai.skill.version': REC,
    'gen_ai.tool.call.arguments': O,
    'gen_ai.tool.call.result': O,
  },
  AGENT: {
    'gen_ai.conversation.id': C,
    'gen_ai.agent.description': C,
    'gen_ai.agent.id': C,
    'gen_ai.agent.name': C,
    'gen_ai.data_source.id': C,
    'gen_ai.usage.input_tokens': REC,
    'gen_ai.usage.output_tokens': REC,
    'gen_ai.usage.total_tokens': REC,
    'gen_ai.usage.cache_creation.input_tokens': REC,
    'gen_ai.usage.cache_read.input_tokens': REC,
    'gen_ai.input.messages': O,
    'gen_ai.output.messages': O,
    'gen_ai.system_instructions': O,
    'gen_ai.tool.definitions': O,
    'gen_ai.response.time_to_first_token': REC,
  },
  TASK: {
    'input.value': O,
    'input.mime_type': O,
    'output.mime_type': O,
  },
  ENTRY: {
    'gen_ai.operation.name': REC,
    'gen_ai.session.id': C,
    'gen_ai.user.id': C,
    'gen_ai.input.messages': O,
    'gen_ai.output.messages': O,
    'gen_ai.response.time_to_first_token': REC,
  },
  STEP: {
    'gen_ai.operation.name': REC,
    'gen_ai.react.finish_reason': REC,
    'gen_ai.react.round': REC,
  },
};

// §1.6
const RESOURCE: Record<string, RequirementLevel> = {
  'service.name': R,
  'acs.cms.workspace': C,
  'acs.arms.service.id': C,
  'ali.trace.source': C,
  'acs.arms.service.feature': R,
};

const LABEL: Record<RequirementLevel, string> = {
  required: 'Required',
  conditionally_required: 'Conditionally required',
  recommended: 'Recommended',
  opt_in: 'Opt-in',
};

const expectations = Object.entries(PER_KIND).flatMap(([kind, own]) =>
  Object.entries({ ...COMMON, ...own }).map(([key, level]) => [kind, key, level] as const),
);
const allKeys = [...new Set([...expectations.map(([, key]) => key), ...Object.keys(RESOURCE)])];
const exported = semconv as unknown as Record<string, unknown>;

test('the transcription covers all ten kinds', () => {
  expect(Object.keys(PER_KIND).sort()).toEqual(SEMCONV_MODEL.kinds.map((k) => k.kind).sort());
});

test.each(allKeys)('%s is exported as an ATTR_ constant with the exact key', (key) => {
  const name = `ATTR_${key.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
  expect(exported[name]).toBe(key);
});

test.each(expectations)('%s carries %s at level %s', (kind, key, level) => {
  const use = SEMCONV_MODEL.kinds.find((k) => k.kind === kind)?.attributes.find((a) => a.key === key);
  expect(use?.level).toBe(level);
});

test.each(Object.entries(RESOURCE))('resource %s is %s', (key, level) => {
  expect(SEMCONV_MODEL.resource.find((a) => a.key === key)?.level).toBe(level);
});

describe('docs/semantic-conventions.md', () => {
  const docs = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'semantic-conventions.md'), 'utf8');
  const section = (title: string): string => {
    const start = docs.indexOf(`\n## ${title}\n`);
    expect(start).toBeGreaterThanOrEqual(0);
    const end = docs.indexOf('\n## ', start + 1);
    return docs.slice(start, end < 0 ? undefined : end);
  };

  test.each(expectations)('the %s table shows %s as %s', (kind, key, level) => {
    const row = section(kind)
      .split('\n')
      .find((line) => line.startsWith(`| \`${key}\` |`));
    expect(row).toBeDefined();
    expect(row?.split(' | ')[2]?.startsWith(LABEL[level])).toBe(true);
  });

  test.each(Object.entries(RESOURCE))('the resource table shows %s as %s', (key, level) => {
    const row = section('Resource')
      .split('\n')
      .find((line) => line.startsWith(`| \`${key}\` |`));
    expect(row?.split(' | ')[2]?.startsWith(LABEL[level])).toBe(true);
  });
});
