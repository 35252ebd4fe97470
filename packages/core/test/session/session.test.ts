/** Sessions across async boundaries, nesting, concurrency, baggage, and the SessionSpanProcessor. */
import { context, propagation, trace, type Attributes } from '@opentelemetry/api';
import { configure, resetConfig } from '../../src/config';
import { getSession, sessionAttributes, SessionSpanProcessor, withSession } from '../../src/session';
import { setupTracing, type TestTracing } from '../content/tracing';
import { withChain, withTask, withTool } from '../../src/engine/wrap';

let t: TestTracing;
beforeEach(() => {
  resetConfig();
  t = setupTracing([new SessionSpanProcessor()]);
});
afterEach(async () => {
  await t.teardown();
  resetConfig();
});

/** A span as a third-party library would make it: no llm-trace code involved. */
function thirdPartySpan(name: string): void {
  trace.getTracer('third-party').startSpan(name).end();
}
const attrs = (name: string): Attributes => t.span(name).attributes;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('stamps session and user ids on spans across await, setTimeout and async iterators', async () => {
  await withSession({ sessionId: 's-1', userId: 'u-1' }, async () => {
    thirdPartySpan('sync');
    await sleep(1);
    thirdPartySpan('after-await');
    await new Promise<void>((resolve) => setTimeout(() => {
      thirdPartySpan('in-timer');
      resolve();
    }, 1));
    async function* chunks() {
      yield 1;
      await sleep(1);
      thirdPartySpan('in-generator');
      yield 2;
    }
    for await (const _ of chunks()) thirdPartySpan(`chunk-${_}`);
  });
  for (const name of ['sync', 'after-await', 'in-timer', 'in-generator', 'chunk-1', 'chunk-2']) {
    expect(attrs(name)).toEqual({ 'gen_ai.session.id': 's-1', 'gen_ai.user.id': 'u-1' });
  }
  thirdPartySpan('outside');
  expect(attrs('outside')).toEqual({});
});

it('nested sessions override field by field and restore on exit', () => {
  withSession({ sessionId: 'outer', userId: 'alice', metadata: { plan: 'pro' }, tags: ['a'] }, () => {
    withSession({ sessionId: 'inner', metadata: { region: 'eu' } }, () => {
      thirdPartySpan('inner');
      expect(getSession()).toEqual({ sessionId: 'inner', userId: 'alice', metadata: { plan: 'pro', region: 'eu' }, tags: ['a'] });
    });
    thirdPartySpan('outer-again');
  });
  expect(attrs('inner')).toEqual({ 'gen_ai.session.id': 'inner', 'gen_ai.user.id': 'alice' });
  expect(attrs('outer-again')).toEqual({ 'gen_ai.session.id': 'outer', 'gen_ai.user.id': 'alice' });
});

it('two concurrent sessions, interleaved, never leak into each other', async () => {
  const run = (id: string, delays: number[]) =>
    withSession({ sessionId: id, userId: `user-${id}` }, async () => {
      for (let i = 0; i < delays.length; i++) {
        await sleep(delays[i]!);
        thirdPartySpan(`${id}-${i}`);
      }
    });
  await Promise.all([run('A', [3, 1, 4, 1]), run('B', [1, 5, 1, 2])]);
  for (const id of ['A', 'B']) {
    for (let i = 0; i < 4; i++) expect(attrs(`${id}-${i}`)).toEqual({ 'gen_ai.session.id': id, 'gen_ai.user.id': `user-${id}` });
  }
});

it('keeps the return shape: sync stays sync, the same promise comes back', () => {
  expect(withSession({ sessionId: 's' }, () => 42)).toBe(42);
  const p = Promise.resolve('x');
  expect(withSession({ sessionId: 's' }, () => p)).toBe(p);
  const err = new Error('boom');
  expect(() => withSession({ sessionId: 's' }, () => { throw err; })).toThrow(err);
});

it('names the invalid option', () => {
  expect(() => withSession({ sessionId: 5 as unknown as string }, () => 1)).toThrow(/"sessionId"/);
  expect(() => withSession({ tags: 'x' as unknown as string[] }, () => 1)).toThrow(/"tags"/);
  expect(() => withSession({ metadata: [] as unknown as Record<string, unknown> }, () => 1)).toThrow(/"metadata"/);
});

it('with the openinference dialect also writes session.id, user.id, metadata and tag.tags', () => {
  configure({ dialects: ['llm-trace', 'openinference'] });
  withSession({ sessionId: 's', userId: 'u', metadata: { plan: 'pro' }, tags: ['beta', 'eu'] }, () => thirdPartySpan('oi'));
  expect(attrs('oi')).toEqual({
    'gen_ai.session.id': 's',
    'gen_ai.user.id': 'u',
    'session.id': 's',
    'user.id': 'u',
    metadata: JSON.stringify({ plan: 'pro' }),
    'tag.tags': ['beta', 'eu'],
  });
});

it('propagate: writes W3C baggage, which a downstream service reads back as the session', () => {
  const carrier: Record<string, string> = {};
  withSession({ sessionId: 'conv-1', userId: 'u-9', propagate: true }, () => {
    propagation.inject(context.active(), carrier);
  });
  expect(carrier.baggage).toContain('gen_ai.session.id=conv-1');
  // The downstream service: no withSession, only the extracted context.
  const remote = propagation.extract(context.active(), carrier);
  expect(getSession(remote)).toEqual({ sessionId: 'conv-1', userId: 'u-9' });
  expect(sessionAttributes(remote)).toEqual({ 'gen_ai.session.id': 'conv-1', 'gen_ai.user.id': 'u-9' });
  context.with(remote, () => thirdPartySpan('downstream'));
  expect(attrs('downstream')).toEqual({ 'gen_ai.session.id': 'conv-1', 'gen_ai.user.id': 'u-9' });
});

it('without propagate nothing goes to baggage', () => {
  const carrier: Record<string, string> = {};
  withSession({ sessionId: 'private' }, () => propagation.inject(context.active(), carrier));
  expect(carrier.baggage).toBeUndefined();
});

it('the processor is a complete SpanProcessor', async () => {
  const p = new SessionSpanProcessor();
  await expect(p.forceFlush()).resolves.toBeUndefined();
  await expect(p.shutdown()).resolves.toBeUndefined();
  expect(() => p.onEnd()).not.toThrow();
  expect(() => p.onStart({ setAttributes: () => { throw new Error('broken span'); } }, context.active())).not.toThrow();
});

describe('engine spans carry the session without SessionSpanProcessor', () => {
  let plain: TestTracing;
  beforeEach(async () => {
    await t.teardown();
    plain = setupTracing();
  });
  afterEach(() => plain.teardown());

  it('stamps wrapper spans started inside withSession; spans outside have no session keys', async () => {
    const tool = withTool(function lookup(q: string) {
      return q;
    });
    const chain = withChain(async function answer(q: string) {
      return tool(q);
    });
    await withSession({ sessionId: 's-9', userId: 'u-9' }, () => chain('in'));
    await chain('out');
    const spans = plain.spans();
    expect(spans).toHaveLength(4);
    const [innerTool, innerChain, outerTool, outerChain] = spans;
    expect(innerTool!.name).toBe('execute_tool lookup');
    expect(innerChain!.name).toBe('chain answer');
    expect(innerTool!.parentSpanContext?.spanId).toBe(innerChain!.spanContext().spanId);
    for (const s of [innerTool!, innerChain!]) {
      expect(s.attributes['gen_ai.session.id']).toBe('s-9');
      expect(s.attributes['gen_ai.user.id']).toBe('u-9');
    }
    for (const s of [outerTool!, outerChain!]) {
      expect(s.attributes).not.toHaveProperty('gen_ai.session.id');
      expect(s.attributes).not.toHaveProperty('gen_ai.user.id');
    }
  });

  it('stamps a session that arrived as W3C baggage', () => {
    const carrier: Record<string, string> = {};
    withSession({ sessionId: 'up-1', userId: 'up-u', propagate: true }, () => propagation.inject(context.active(), carrier));
    const remote = propagation.extract(context.active(), carrier);
    context.with(remote, withTask(function work() {
      return 1;
    }));
    expect(plain.span('run_task work').attributes).toMatchObject({ 'gen_ai.session.id': 'up-1', 'gen_ai.user.id': 'up-u' });
  });
});
