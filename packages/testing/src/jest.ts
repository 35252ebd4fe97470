/**
 * `import '@llm-trace/testing/jest'` registers the matchers with jest's global `expect`
 * (in a test file, or once from `setupFilesAfterEnv`). This is the package's only module with a
 * side effect.
 */
import { toBeConformantLlmSpan, toHaveLlmSpan } from './matchers';
import type { LlmSpanExpectation } from './matchers';

declare global {
  // jest's own typings augment this namespace; the matchers join it.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /**
       * Passes when the span (SDK `ReadableSpan` or OTLP JSON span) has no conformance error.
       *
       * @example
       * import '@llm-trace/testing/jest';
       * import { createTestTracing } from '@llm-trace/testing';
       * const tracing = createTestTracing();
       * expect(tracing.getSpan('chat gpt-4o')).toBeConformantLlmSpan();
       */
      toBeConformantLlmSpan(): R;
      /**
       * Passes when a recorded span has this kind, and the name and attributes given.
       *
       * @example
       * import '@llm-trace/testing/jest';
       * import { createTestTracing } from '@llm-trace/testing';
       * const tracing = createTestTracing();
       * expect(tracing).toHaveLlmSpan({ kind: 'TOOL', attributes: { 'gen_ai.tool.name': 'search' } });
       */
      toHaveLlmSpan(expected: LlmSpanExpectation): R;
    }
  }
}

interface ExpectLike {
  extend(matchers: Record<string, unknown>): void;
}

const globalExpect = (globalThis as { expect?: ExpectLike }).expect;
if (globalExpect === undefined || typeof globalExpect.extend !== 'function') {
  throw new Error('@llm-trace/testing/jest: no global `expect` to register the matchers with; import it from a jest test file or setupFilesAfterEnv');
}
globalExpect.extend({ toBeConformantLlmSpan, toHaveLlmSpan });

export type { LlmSpanExpectation };
