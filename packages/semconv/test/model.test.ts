import * as semconv from '../src';
import {
  ATTR_GEN_AI_SPAN_KIND,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_OPERATION_NAME_VALUE_CHAT,
  GEN_AI_SPAN_KIND_VALUE_LLM,
  LlmSpanKind,
  SEMCONV_MODEL,
  SPAN_KIND_DEFINITIONS,
  SPAN_KIND_NAMING,
  getAttributeDefinition,
  isLlmSpanKind,
} from '../src';
import type { AttributeDefinition, RequirementLevel } from '../src';

const exported = semconv as unknown as Record<string, unknown>;
const KINDS = ['CHAIN', 'EMBEDDING', 'RETRIEVER', 'RERANKER', 'TASK', 'LLM', 'TOOL', 'AGENT', 'ENTRY', 'STEP'];

function levelOf(kind: string, key: string): RequirementLevel | undefined {
  return SEMCONV_MODEL.kinds.find((k) => k.kind === kind)?.attributes.find((a) => a.key === key)?.level;
}

describe('span kinds', () => {
  test('LlmSpanKind holds exactly the ten kinds, each mapping to itself', () => {
    expect(Object.keys(LlmSpanKind)).toEqual(KINDS);
    for (const [name, value] of Object.entries(LlmSpanKind)) expect(value).toBe(name);
    expect(LlmSpanKind.LLM).toBe(GEN_AI_SPAN_KIND_VALUE_LLM);
  });

  test('the model defines every kind once, in the enum order, and SPAN_KIND_DEFINITIONS is keyed by it', () => {
    expect(SEMCONV_MODEL.kinds.map((k) => k.kind)).toEqual(KINDS);
    expect(Object.keys(SPAN_KIND_DEFINITIONS)).toEqual(KINDS);
    for (const kind of SEMCONV_MODEL.kinds) {
      expect(SPAN_KIND_DEFINITIONS[kind.kind as LlmSpanKind]).toBe(kind);
    }
  });

  test.each(KINDS)('%s requires gen_ai.span.kind', (kind) => {
    expect(levelOf(kind, ATTR_GEN_AI_SPAN_KIND)).toBe('required');
  });

  test('operation names, OTel SpanKinds, span names and OpenInference kinds follow the conventions', () => {
    const rows = SEMCONV_MODEL.kinds.map((k) => [
      k.kind,
      k.operationNames.join('|'),
      k.otelSpanKind,
      k.spanNamePattern,
      k.spanNameFallback,
      k.openinferenceKind,
    ]);
    expect(rows).toEqual([
      ['CHAIN', 'workflow|task', 'INTERNAL', 'chain {name}', 'chain', 'CHAIN'],
      ['EMBEDDING', 'embeddings', 'CLIENT', '{operation} {gen_ai.request.model}', '{operation}', 'EMBEDDING'],
      ['RETRIEVER', 'retrieval', 'CLIENT', '{operation} {gen_ai.data_source.id}', '{operation}', 'RETRIEVER'],
      ['RERANKER', 'rerank', 'CLIENT', '{operation} {reranker.model_name}', '{operation}', 'RERANKER'],
      ['TASK', 'run_task', 'INTERNAL', 'run_task {name}', 'run_task', 'CHAIN'],
      ['LLM', 'chat|generate_content|text_completion', 'CLIENT', '{operation} {gen_ai.request.model}', '{operation}', 'LLM'],
      ['TOOL', 'execute_tool', 'INTERNAL', '{operation} {gen_ai.tool.name}', '{operation}', 'TOOL'],
      ['AGENT', 'invoke_agent|create_agent', 'INTERNAL', '{operation} {gen_ai.agent.name}', '{operation}', 'AGENT'],
      ['ENTRY', 'enter', 'INTERNAL', 'enter_ai_application_system', 'enter_ai_application_system', 'CHAIN'],
      ['STEP', 'react', 'INTERNAL', 'react step', 'react step', 'CHAIN'],
    ]);
    for (const kind of SEMCONV_MODEL.kinds) expect(kind.operationName).toBe(kind.operationNames[0]);
    expect(SPAN_KIND_DEFINITIONS.TOOL.entityNameKey).toBe('gen_ai.tool.name');
    expect(SPAN_KIND_DEFINITIONS.AGENT.entityNameKey).toBe('gen_ai.agent.name');
  });

  test('SPAN_KIND_NAMING carries the naming fields of each kind, equal to its definition, and nothing else', () => {
    expect(Object.keys(SPAN_KIND_NAMING)).toEqual(KINDS);
    for (const kind of KINDS as LlmSpanKind[]) {
      const def = SPAN_KIND_DEFINITIONS[kind];
      expect(SPAN_KIND_NAMING[kind]).toEqual({
        kind: def.kind,
        operationName: def.operationName,
        operationNames: def.operationNames,
        otelSpanKind: def.otelSpanKind,
        spanNamePattern: def.spanNamePattern,
        spanNameFallback: def.spanNameFallback,
      });
    }
  });

  test('every operation name a kind uses is a generated gen_ai.operation.name value', () => {
    const operations = SEMCONV_MODEL.enums.find((e) => e.name === 'gen_ai.operation.name');
    const values = operations?.members.map((m) => m.value) ?? [];
    for (const kind of SEMCONV_MODEL.kinds) {
      for (const op of kind.operationNames) expect(values).toContain(op);
    }
    expect(GEN_AI_OPERATION_NAME_VALUE_CHAT).toBe('chat');
    expect(semconv.GEN_AI_OPERATION_NAME_VALUE_WORKFLOW).toBe('workflow');
    expect(semconv.GEN_AI_OPERATION_NAME_VALUE_RUN_TASK).toBe('run_task');
    expect(semconv.GEN_AI_OPERATION_NAME_VALUE_ENTER).toBe('enter');
    expect(semconv.GEN_AI_OPERATION_NAME_VALUE_REACT).toBe('react');
    expect(semconv.GEN_AI_OPERATION_NAME_VALUE_RERANK).toBe('rerank');
  });

  test('isLlmSpanKind accepts the ten kinds and nothing else', () => {
    for (const kind of KINDS) expect(isLlmSpanKind(kind)).toBe(true);
    for (const other of ['llm', 'Tool', 'MEMORY', 'WORKFLOW', '', 'toString', '__proto__', 'constructor', 42, null, undefined, {}]) {
      expect(isLlmSpanKind(other)).toBe(false);
    }
  });
});

describe('attributes', () => {
  test('keys are unique', () => {
    const keys = SEMCONV_MODEL.attributes.map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('every exported constant name is unique across attributes and enum values', () => {
    const names = [
      ...SEMCONV_MODEL.attributes.map((a) => a.constName),
      ...SEMCONV_MODEL.enums.flatMap((e) => e.members.map((m) => m.constName)),
    ];
    expect(new Set(names).size).toBe(names.length);
  });

  test('each ATTR_ name derives from its key and is exported with the exact key', () => {
    for (const attribute of SEMCONV_MODEL.attributes) {
      const derived = `ATTR_${attribute.key.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
      expect(attribute.constName).toBe(derived);
      expect(exported[attribute.constName]).toBe(attribute.key);
    }
    expect(ATTR_GEN_AI_USAGE_INPUT_TOKENS).toBe('gen_ai.usage.input_tokens');
  });

  test('no ATTR_ constant is exported that the model does not define', () => {
    const modelNames = new Set(SEMCONV_MODEL.attributes.map((a) => a.constName));
    const exportedNames = Object.keys(exported).filter((n) => n.startsWith('ATTR_'));
    expect(exportedNames.filter((n) => !modelNames.has(n))).toEqual([]);
    expect(exportedNames).toHaveLength(modelNames.size);
  });

  test('every example value has the declared type', () => {
    const matches = (a: AttributeDefinition): boolean => {
      const v = a.example;
      switch (a.type) {
        case 'string':
          return typeof v === 'string';
        case 'int':
          return Number.isInteger(v);
        case 'double':
          return typeof v === 'number';
        case 'boolean':
          return typeof v === 'boolean';
        case 'string[]':
          return Array.isArray(v) && v.every((x) => typeof x === 'string');
        default:
          return Array.isArray(v) && v.every((x) => typeof x === 'number');
      }
    };
    expect(SEMCONV_MODEL.attributes.filter((a) => !matches(a)).map((a) => a.key)).toEqual([]);
  });

  test('JSON-valued examples parse as JSON', () => {
    for (const attribute of SEMCONV_MODEL.attributes.filter((a) => a.json !== undefined)) {
      expect(() => JSON.parse(attribute.example as string)).not.toThrow();
    }
  });

  test('a kind lists only llm-trace dialect keys, each once, each defined', () => {
    for (const kind of SEMCONV_MODEL.kinds) {
      const keys = kind.attributes.map((a) => a.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of keys) expect(getAttributeDefinition(key)?.dialect).toBe('llm-trace');
    }
  });

  test('enum references point at defined enums', () => {
    const enumNames = new Set(SEMCONV_MODEL.enums.map((e) => e.name));
    for (const a of SEMCONV_MODEL.attributes.filter((x) => x.enum !== undefined)) {
      expect(enumNames).toContain(a.enum);
    }
  });

  test('getAttributeDefinition finds model keys and returns undefined for others', () => {
    expect(getAttributeDefinition('gen_ai.usage.input_tokens')).toMatchObject({
      type: 'int',
      constName: 'ATTR_GEN_AI_USAGE_INPUT_TOKENS',
      dialect: 'llm-trace',
    });
    expect(getAttributeDefinition('llm.token_count.prompt')?.dialect).toBe('openinference');
    expect(getAttributeDefinition('gen_ai.no_such_key')).toBeUndefined();
    expect(getAttributeDefinition('toString')).toBeUndefined();
  });
});

describe('enumerations', () => {
  test('every enum value is generated as a *_VALUE_* constant with the exact value', () => {
    for (const e of SEMCONV_MODEL.enums) {
      for (const member of e.members) {
        const derived = `${e.name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_VALUE_${member.value
          .toUpperCase()
          .replace(/[^A-Z0-9]+/g, '_')}`;
        expect(member.constName).toBe(derived);
        expect(exported[member.constName]).toBe(member.value);
      }
    }
  });

  test('the required enumerations are present with the spec values', () => {
    const values = (name: string) => SEMCONV_MODEL.enums.find((e) => e.name === name)?.members.map((m) => m.value);
    expect(values('gen_ai.span.kind')).toEqual(KINDS);
    expect(values('gen_ai.operation.name')).toEqual(
      expect.arrayContaining([
        'chat', 'create_agent', 'embeddings', 'execute_tool', 'generate_content', 'invoke_agent',
        'invoke_workflow', 'retrieval', 'text_completion', 'workflow', 'task', 'run_task', 'enter', 'react', 'rerank',
      ]),
    );
    expect(values('gen_ai.provider.name')).toEqual(
      expect.arrayContaining([
        'anthropic', 'aws.bedrock', 'azure.ai.inference', 'azure.ai.openai', 'cohere', 'deepseek', 'gcp.gemini',
        'gcp.gen_ai', 'gcp.vertex_ai', 'groq', 'ibm.watsonx.ai', 'mistral_ai', 'openai', 'perplexity', 'x_ai',
      ]),
    );
    expect(values('gen_ai.output.type')).toEqual(['text', 'json', 'image', 'speech']);
    expect(values('gen_ai.tool.type')).toEqual(['function', 'extension', 'datastore']);
    expect(values('gen_ai.response.finish_reasons')).toEqual(['stop', 'length', 'content_filter', 'tool_call', 'error']);
    expect(semconv.GEN_AI_PROVIDER_NAME_VALUE_OPENAI).toBe('openai');
    expect(semconv.GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK).toBe('aws.bedrock');
  });
});
