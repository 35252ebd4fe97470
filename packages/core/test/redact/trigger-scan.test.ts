// The short-text trigger scan finds exactly what the case-insensitive regex over the same words
// finds, at every starting point: clean text stays clean, and no trigger word is ever missed.
import fc from 'fast-check';
import { createRedactor } from '../../src/redact/redactor';
import { KEY_TRIGGERS, SECRET_PATTERN_RULES } from '../../src/redact/rules';
import { triggerScan } from '../../src/redact/trigger-scan';
import { SECRET_CASES } from '../adversarial/secrets';

const DEFAULT_WORDS = [...new Set([...SECRET_PATTERN_RULES.flatMap((r) => r.triggers), ...KEY_TRIGGERS])];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Where the regex finds the first word at or after `from`. */
function regexFirst(words: readonly string[], text: string, from: number): number {
  const re = new RegExp(words.map(escape).join('|'), 'gi');
  re.lastIndex = from;
  const m = re.exec(text);
  return m === null ? -1 : m.index;
}

// Text built from pieces of the words, their other cases, characters that fold to ASCII letters
// in other regex modes or in `toLowerCase` (long s, Kelvin sign, dotless and dotted i), and
// surrogate pairs: the cases where a scan of its own could drift from the regex.
const piece = (words: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(...words),
    fc.constantFrom(...words).map((w) => w.toUpperCase()),
    fc.constantFrom(...words).chain((w) => fc.integer({ min: 1, max: w.length }).map((n) => w.slice(0, n))),
    fc.constantFrom(...words).chain((w) => fc.integer({ min: 1, max: w.length - 1 }).map((n) => w.slice(n))),
    fc.constantFrom('ſ', 'K', 'ı', 'İ', 'é', 'É', '😀', ' ', '\n', '"', ':', '_', '-', '/', 'x', 'E', 'y', 'J'),
    fc.string({ maxLength: 4 }),
  );
const textOf = (words: readonly string[]) => fc.array(piece(words), { maxLength: 24 }).map((xs) => xs.join(''));

describe('the trigger scan', () => {
  it('finds the same first position as the regex for the built-in trigger words', () => {
    const scan = triggerScan(DEFAULT_WORDS)!;
    expect(scan).toBeDefined();
    fc.assert(
      fc.property(textOf(DEFAULT_WORDS), fc.nat(40), (text, from) => {
        const start = Math.min(from, text.length);
        expect(scan.first(text, start)).toBe(regexFirst(DEFAULT_WORDS, text, start));
      }),
      { numRuns: 20000 },
    );
  });

  it("finds the same first position as the regex for users' property names next to them", () => {
    const names = fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_.-]{2,10}$/), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(names, fc.nat(40), fc.string({ maxLength: 40 }), (userNames, from, extra) => {
        const words = [...DEFAULT_WORDS, ...userNames.map((n) => n.toLowerCase())];
        const scan = triggerScan(words)!;
        const text = userNames.join(extra) + extra.toUpperCase();
        const start = Math.min(from, text.length);
        expect(scan.first(text, start)).toBe(regexFirst(words, text, start));
      }),
      { numRuns: 5000 },
    );
  });

  it('is not used for words it cannot match exactly: one character, or outside ASCII', () => {
    expect(triggerScan(['x', 'token'])).toBeUndefined();
    expect(triggerScan(['contraseña'])).toBeUndefined();
    expect(triggerScan([])).toBeUndefined();
  });

  it('finds a word at the very end of the text and not past it', () => {
    const scan = triggerScan(['token', 'key'])!;
    expect(scan.first('my API Key', 0)).toBe(7);
    expect(scan.first('ke', 0)).toBe(-1);
    expect(scan.first('tokeN', 0)).toBe(0);
    expect(scan.first('tokeN', 1)).toBe(-1);
    expect(scan.first('', 0)).toBe(-1);
  });
});

describe('redaction of short text, which the scan answers', () => {
  it('every secret of the adversarial list short enough for the scan is still redacted', () => {
    const r = createRedactor({}, 'gen_ai.response.id', 1000);
    const short = SECRET_CASES.filter((c) => c.text.length <= 64);
    expect(short.length).toBeGreaterThan(5);
    for (const c of short) {
      const out = r.string(c.text);
      expect(out).not.toContain(c.secret);
    }
  });

  it('short clean text comes back as it was, with a one-letter property name (the regex alone) as with none', () => {
    for (const r of [createRedactor({}, 'input.value', 1000), createRedactor({ keys: ['p'] }, 'input.value', 1000)]) {
      for (const s of ['Paris', 'metric', 'chatcmpl-abc123', 'gpt-4o-mini-2024-07-18', 'msg_01abc']) expect(r.string(s)).toBe(s);
    }
    expect(createRedactor({ keys: ['p'] }, 'input.value', 1000).string('a p=hunter2 here')).toBe('a p=[REDACTED] here');
  });
});
