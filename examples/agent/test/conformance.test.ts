import { createTestTracing, formatFindings, validateSpans, type TestTracing } from '@llm-trace/testing';
import { startFakeLlmServer, type FakeLlmServer } from '@llm-trace/example-fake-llm-server';
import { run } from '../src/app';

/** The conformance gate: every span the example emits passes the LLM Trace validator. */
describe('agent example conforms to the LLM Trace conventions', () => {
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
    expect(spans.length).toBeGreaterThanOrEqual(4);
    // Compared as text so a failure lists each finding with its rule and message.
    expect(formatFindings(validateSpans(spans).filter((f) => f.level === 'error'))).toBe('');
  });
});
