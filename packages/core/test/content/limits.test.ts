/** The caps extraction and stream aggregation work within (what is kept, and how a cut says so). */
import { configure, resetConfig, TRUNCATION_MARKER } from '../../src';
import { CONTENT_ADAPTERS } from '../../src/content/adapters';
import { TextBudget, capText, validIndex } from '../../src/content/extract/limits';
import { detachedPrefix } from '../../src/serialize';

afterEach(() => resetConfig());

describe('TextBudget', () => {
  it('keeps pieces whole until the budget runs out, then the part that fits and the marker, then nothing', () => {
    const b = new TextBudget(5);
    expect(b.take('abc')).toBe('abc');
    expect(b.take('de')).toBe('de');
    expect(b.truncated).toBe(false);
    expect(b.take('f')).toBe(TRUNCATION_MARKER);
    expect(b.truncated).toBe(true);
    expect(b.take('more')).toBe('');
  });
  it('cuts inside a piece', () => {
    const b = new TextBudget(4);
    expect(b.take('abcdef')).toBe(`abcd${TRUNCATION_MARKER}`);
  });
});

it('detachedPrefix and capText give the same characters a slice would', () => {
  const s = 'abcdefghijklmnopqrstuvwxyz'.repeat(10);
  expect(detachedPrefix(s, 30)).toBe(s.slice(0, 30));
  expect(detachedPrefix(s, 30, '!')).toBe(`${s.slice(0, 30)}!`);
  expect(detachedPrefix(s, 0)).toBe('');
  expect(detachedPrefix('ab', 10)).toBe('ab');
  expect(capText(s, 40)).toBe(s.slice(0, 40 - TRUNCATION_MARKER.length) + TRUNCATION_MARKER);
  expect(capText('short', 40)).toBe('short');
});

it('validIndex accepts integers in [0, cap) only', () => {
  expect([0, 99].map((i) => validIndex(i, 100))).toEqual([true, true]);
  expect([100, -1, 1.5, 1e8, NaN].map((i) => validIndex(i, 100))).toEqual([false, false, false, false, false]);
});

it('a streamed chat answer longer than the cap ends with the marker, and stops growing', () => {
  configure({ maxAttributeLength: 100 });
  const agg = CONTENT_ADAPTERS.LLM.stream!();
  for (let i = 0; i < 50; i++) agg.add({ object: 'chat.completion.chunk', id: 'c', model: 'm', choices: [{ index: 0, delta: { content: '0123456789' } }] });
  const out = agg.finish()!;
  const part = (out.outputMessages![0] as unknown as { parts: { content: string }[] }).parts[0]!;
  expect(part.content).toBe('0123456789'.repeat(10) + TRUNCATION_MARKER);
});

it('a generic stream longer than maxItems ends with a "[+N more]" entry', () => {
  configure({ maxItems: 3 });
  const agg = CONTENT_ADAPTERS.CHAIN.stream!();
  for (let i = 0; i < 10; i++) agg.add({ i });
  expect(agg.finish()).toEqual({ output: [{ i: 0 }, { i: 1 }, '[+8 more]'] });
});

it('a payload list is read to maxItems entries', () => {
  configure({ maxItems: 2 });
  const content = CONTENT_ADAPTERS.LLM.input!([{ model: 'gpt-4o', messages: [1, 2, 3].map((n) => ({ role: 'user', content: `m${n}` })) }]);
  expect(content?.inputMessages).toHaveLength(2);
});
