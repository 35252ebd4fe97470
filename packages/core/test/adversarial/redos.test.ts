/**
 * Every built-in redaction pattern runs in linear time: each is fed its worst cases (long runs of
 * its own prefix, near-misses of its secret) at 64 kB and at 1 MB, and the CPU time may grow
 * about 16x (linear), far from the 256x a quadratic pattern shows. Ratios of CPU time only.
 */
import { configure, getConfig, resetConfig } from '../../src/config';
import { createRedactor, redactText } from '../../src/redact/redactor';
import { SECRET_PATTERN_RULES, type SecretPatternRule } from '../../src/redact/rules';
import { withChain, withEntry, withLLM } from '../../src/engine/wrap';
import { useTracing } from '../engine/harness';
import { cpuMs, repeatTo } from './support';

const SMALL = 64 * 1024;
const LARGE = 1024 * 1024;
/**
 * Linear work grows 16x from SMALL to LARGE and quadratic work 256x; this sits 4x from both, so a
 * collection or a loaded machine cannot push a linear pattern over it.
 */
const MAX_GROWTH = 64;

/** The trigger as it is spelled in the rule's example (`eyJ`, `AKIA`, `Bearer`). */
function spelled(rule: SecretPatternRule, trigger: string): string {
  const at = rule.example.text.toLowerCase().indexOf(trigger);
  return at >= 0 ? rule.example.text.slice(at, at + trigger.length) : trigger;
}

/**
 * Worst cases that only a rule's own structure suggests: for private keys, begin lines with
 * header lines but no body, header-like lines with no begin line, a begin line inside a header
 * value, JSON escapes, whole armoured blocks, and a begin line that almost completes.
 */
const RULE_UNITS: Record<string, readonly string[]> = {
  'PEM private key': [
    '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n',
    '-----BEGIN PRIVATE KEY-----\nA:',
    '-----BEGIN PRIVATE KEY-----\nProc-Type: -----BEGIN PRIVATE KEY-----',
    '\nDEK-Info: AES-128-CBC,00FF',
    'Proc-Type:',
    '-----BEGIN ENCRYPTED PRIVATE KEY-----\\nProc-Type: 4,ENCRYPTED\\n\\nMIIE\\n',
    '-----BEGIN PGP PRIVATE KEY BLOCK-----\r\nVersion: x\r\n\r\nlQOY\r\n=AbCd\r\n-----END PGP PRIVATE KEY BLOCK-----\r\n',
    `-----BEGIN ${' '.repeat(40)}PRIVATE KE`,
    '-----BEGIN PRIVATE KEY----- ',
  ],
};

/** Long runs of the rule's prefixes and near-misses of its example secret. */
function worstCases(rule: SecretPatternRule): string[] {
  const units = new Set<string>();
  for (const t of rule.triggers) {
    const p = spelled(rule, t);
    units.add(p);
    units.add(`-${p}`);
    units.add(`${p} `);
    units.add(`${p}aaaaaaa.`);
    units.add(`${p}:`);
  }
  const s = rule.example.secret;
  units.add(`${s.slice(0, -1)} `);
  units.add(`${s}-`);
  units.add(`${s}.`);
  units.add(rule.example.text);
  for (const unit of RULE_UNITS[rule.name] ?? []) units.add(unit);
  return [...units];
}

/**
 * How much longer `run` takes on LARGE text than on SMALL text of the same unit. A linear run
 * measured 13-33x here alone, and a collection or the other test files running beside it can
 * slow one timing of a pair, so a growth over the bound is measured again (up to three times, the
 * least kept): a quadratic pattern grows ~256x on every try.
 */
function growth(run: (text: string) => unknown, unit: string): number {
  const small = repeatTo(unit, SMALL);
  const large = repeatTo(unit, LARGE);
  let least = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3 && least >= MAX_GROWTH; attempt++) least = Math.min(least, cpuMs(() => run(large)) / cpuMs(() => run(small)));
  return least;
}

describe('every default pattern is linear on its worst cases', () => {
  it.each(SECRET_PATTERN_RULES.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    const run = (text: string) => {
      rule.re.lastIndex = 0;
      return text.replace(rule.re, 'X');
    };
    for (const unit of worstCases(rule)) {
      const g = growth(run, unit);
      if (g >= MAX_GROWTH) throw new Error(`${rule.name}: ${JSON.stringify(unit)} repeated: 16x the text cost ${g.toFixed(1)}x the time`);
    }
  });

  it.each([
    [
      'name=value pairs',
      [
        'key:',
        'password=',
        'a:',
        '"password":"x',
        `${'a'.repeat(200)}:`,
        'auth: Bearer ',
        '\\"pwd\\":\\"',
        'token = ',
        // Names and values of any length: long runs of name characters, long values, escapes.
        `${'a'.repeat(5000)}:`,
        `${'x'.repeat(300)}_password=v `,
        `password=${'v'.repeat(5000)} `,
        `"password":"${'a\\"'.repeat(100)}`,
        `\\"pwd\\":\\"${'\\\\\\"'.repeat(100)}`,
        `token: '${"\\'".repeat(100)}`,
        'password=true ',
      ],
    ],
    ['the trigger scan', ['keykeykey', 'pass', 'sk-sk_', 'eyJeyJ', 'xx', 'authorization']],
  ])('%s, through the whole redactor', (_label, units) => {
    const redactor = createRedactor({ defaults: true }, 'x');
    for (const unit of units) {
      const g = growth((text) => redactor.string(text), unit);
      if (g >= MAX_GROWTH) throw new Error(`${JSON.stringify(unit)} repeated: 16x the text cost ${g.toFixed(1)}x the time`);
    }
  });

  it("a user's property names in another script: name=value pairs stay linear", () => {
    const redactor = createRedactor({ defaults: true, keys: ['contraseña', 'пароль'] }, 'x');
    for (const unit of ['contraseña:', 'пароль=', `${'ж'.repeat(5000)}:`, `${'é'.repeat(300)}password=v `, '𝒌:', '\ud835:', 'ñ'.repeat(64)]) {
      const g = growth((text) => redactor.string(text), unit);
      if (g >= MAX_GROWTH) throw new Error(`${JSON.stringify(unit)} repeated: 16x the text cost ${g.toFixed(1)}x the time`);
    }
  });

  it('redactText (error messages, stack traces) is linear too', () => {
    const g = growth((text) => redactText(text, { defaults: true }, LARGE), '-eyJ');
    expect(g).toBeLessThan(MAX_GROWTH);
  });
});

describe('a hostile prompt through ENTRY > CHAIN > LLM', () => {
  const h = useTracing();
  afterEach(() => resetConfig());

  it("'-eyJ' x 32768 costs about what a benign prompt of the same size costs", () => {
    configure({ maxAttributeLength: 131072 });
    const llm = withLLM({ model: 'm' }, (prompt: string) => `echo ${prompt.length}`);
    const chain = withChain(function pipeline(prompt: string) {
      return llm(prompt);
    });
    const entry = withEntry((prompt: string) => chain(prompt));
    const hostile = repeatTo('-eyJ', 131072);
    const benign = repeatTo('-abc', 131072);
    const tHostile = cpuMs(() => entry(hostile), 3);
    const tBenign = cpuMs(() => entry(benign), 3);
    expect(h.spans().length).toBeGreaterThan(0);
    expect(getConfig().maxAttributeLength).toBe(131072);
    // Both are linear scans of the same text; the hostile one may run more rules, not more passes.
    expect(tHostile / tBenign).toBeLessThan(10);
  }, 120_000);
});
