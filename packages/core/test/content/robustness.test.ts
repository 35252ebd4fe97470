/** Faults in content never reach the app; a span that is not recording costs no serialization. */
import { diag, DiagLogLevel, trace, type DiagLogger } from '@opentelemetry/api';
import { getConfig, resetConfig } from '../../src/config';
import { contentWriter } from '../../src/content';
import type { ContentFor } from '../../src/content';
import { setupTracing, type TestTracing } from './tracing';

let t: TestTracing;
const errors: unknown[][] = [];
beforeEach(() => {
  resetConfig();
  t = setupTracing();
  errors.length = 0;
  const logger: DiagLogger = { error: (...a) => void errors.push(a), warn: () => {}, info: () => {}, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, DiagLogLevel.ERROR);
});
afterEach(async () => {
  diag.disable();
  await t.teardown();
});

it('a span that is not recording reads nothing of the content', () => {
  let reads = 0;
  const content = {
    get inputMessages() {
      reads++;
      return [{ role: 'user', content: 'x' }];
    },
  } as ContentFor<'LLM'>;
  const span = trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 0 });
  contentWriter.write(span, 'LLM', content, getConfig());
  contentWriter.writeAttributes(span, { a: 'b' }, getConfig());
  expect(reads).toBe(0);
});

it('a throwing getter, a circular object and a BigInt never reach the caller', () => {
  const circular: Record<string, unknown> = { name: 'loop' };
  circular.self = circular;
  const hostile = {
    model: 'm',
    get inputMessages(): never {
      throw new Error('getter exploded');
    },
  } as unknown as ContentFor<'LLM'>;
  const s = t.record('hostile', (span) => {
    expect(() => contentWriter.write(span, 'LLM', hostile, getConfig())).not.toThrow();
    expect(() => contentWriter.write(span, 'TOOL', { arguments: circular, result: { big: BigInt(10) } } as ContentFor<'TOOL'>, getConfig())).not.toThrow();
    expect(() => contentWriter.write(span, 'CHAIN', null as unknown as ContentFor<'CHAIN'>, getConfig())).not.toThrow();
  });
  expect(s.attributes['gen_ai.request.model']).toBe('m');
  expect(errors.length).toBeGreaterThan(0);
});
