/**
 * The conformance gate shared by every example's test suite: the example's `run()` goes against
 * the fake model server under `createTestTracing()`, and every span it emits must pass the
 * LLM Trace validator with no error ("the spans of every example are validated with zero
 * errors, as part of npm test").
 */
import { createTestTracing, formatFindings, validateSpans, type TestTracing } from '@llm-trace/testing';
import { startFakeLlmServer, type FakeLlmServer } from '@llm-trace/example-fake-llm-server';

type ExampleRun = (options: { baseURL: string; apiKey: string }) => Promise<unknown>;

export function describeConformance(example: string, run: ExampleRun, minSpans = 4): void {
  describe(`${example} example conforms to the LLM Trace conventions`, () => {
    let fake: FakeLlmServer;
    let tracing: TestTracing;
    beforeAll(async () => {
      fake = await startFakeLlmServer();
    });
    afterAll(() => fake.close());
    beforeEach(() => {
      tracing = createTestTracing();
    });
    afterEach(() => tracing.shutdown());

    it('validateSpans reports no errors', async () => {
      await run({ baseURL: fake.url, apiKey: 'fake' });
      const spans = tracing.getSpans();
      expect(spans.length).toBeGreaterThanOrEqual(minSpans);
      // Compared as text so a failure lists each finding with its rule and message.
      expect(formatFindings(validateSpans(spans).filter((f) => f.level === 'error'))).toBe('');
    });
  });
}
