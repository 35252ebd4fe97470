// The jest matchers' types as a user's test file sees them after `import '@llm-trace/testing/jest'`:
// checked by `npm run typecheck` and, in CI, against the built declarations with TypeScript 5.0
// to 7 under module commonjs, node16 and nodenext. Nothing here runs.
import '@llm-trace/testing/jest';
import { createTestTracing, type LlmSpanExpectation } from '@llm-trace/testing';

const tracing = createTestTracing();
const expected: LlmSpanExpectation = { kind: 'TOOL', attributes: { 'gen_ai.tool.name': 'search' } };
expect(tracing).toHaveLlmSpan(expected);
expect(tracing).not.toHaveLlmSpan({ kind: 'LLM', name: 'chat gpt-4o' });
expect(tracing.getSpansByName('execute_tool search')[0]).toBeConformantLlmSpan();
// @ts-expect-error the kind must be one of the span kinds
expect(tracing).toHaveLlmSpan({ kind: 'WIZARD' });
