/**
 * The built-in rules on the secrets real apps carry: each secret is gone and the words around it
 * stay; text without secrets comes back unchanged. Property tests: over generated secrets inside
 * random text, the one-scan pre-check always selects the rule that matches, and the secret never
 * survives.
 */
import fc from 'fast-check';
import { createRedactor, KEY_VALUE_RULE_NAME, rulesTriggeredBy } from '../../src/redact/redactor';
import { SECRET_KEY_RULES, SECRET_PATTERN_RULES } from '../../src/redact/rules';
import { safeStringify } from '../../src/serialize';
import { BENIGN_TEXTS, SECRET_CASES } from '../adversarial/secrets';

const redactor = createRedactor({ defaults: true }, 'gen_ai.input.messages');

describe('default secret rules', () => {
  it.each(SECRET_CASES.map((c) => [c.label, c] as const))('%s: the secret goes, the words around it stay', (_label, c) => {
    const out = redactor.string(c.text);
    expect(out).not.toContain(c.secret);
    expect(out).toContain('[REDACTED]');
    for (const word of c.keep) expect(out).toContain(word);
  });

  it.each(BENIGN_TEXTS.map((t) => [t]))('leaves benign text intact: %s', (text) => {
    expect(redactor.string(text)).toBe(text);
  });

  it.each(SECRET_PATTERN_RULES.map((r) => [r.name, r] as const))('%s: its documented example is redacted', (_name, rule) => {
    expect(redactor.string(rule.example.text)).not.toContain(rule.example.secret);
  });

  it.each(SECRET_KEY_RULES.flatMap((r) => r.examples.map((name) => [r.name, name] as const)))('%s: property name %s is a secret one, in objects and in text', (_rule, name) => {
    const json = safeStringify({ [name]: 'Val-0123456789', other: 'kept' }, { maxLength: 1000, maxDepth: 4, maxItems: 10, transform: redactor.transform });
    expect(json).not.toContain('Val-0123456789');
    expect(json).toContain('kept');
    expect(redactor.string(`${name}=Val-0123456789 other=kept`)).toBe(`${name}=[REDACTED] other=kept`);
  });

  it.each(['author', 'authority', 'max_tokens', 'input_tokens', 'keyboard', 'passenger', 'compass', 'bypass', 'monkey', 'role', 'description'])('property name %s is not a secret one', (name) => {
    const json = safeStringify({ [name]: 'plain value' }, { maxLength: 1000, maxDepth: 4, maxItems: 10, transform: redactor.transform });
    expect(json).toBe(`{"${name}":"plain value"}`);
  });

  it('numbers and booleans under secret names are kept (token counts), in objects and in text', () => {
    expect(safeStringify({ token: 12, secret: true }, { maxLength: 100, maxDepth: 2, maxItems: 10, transform: redactor.transform })).toBe('{"token":12,"secret":true}');
    expect(redactor.string('{"secret":true,"token":null}')).toBe('{"secret":true,"token":null}');
  });

  it('a JSON string argument gets the property-name rules too', () => {
    const args = JSON.stringify({ query: 'weather in Paris', credentials: 'c-0123456789', headers: { 'x-api-key': 'xk-0123456789' } });
    const out = redactor.string(args);
    expect(out).not.toContain('c-0123456789');
    expect(out).not.toContain('xk-0123456789');
    expect(JSON.parse(out)).toEqual({ query: 'weather in Paris', credentials: '[REDACTED]', headers: { 'x-api-key': '[REDACTED]' } });
  });
});

const alnum = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`));
const b64url = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`));
/** A generated secret per built-in text rule, shaped like the real thing. */
const SECRET_OF: Record<string, fc.Arbitrary<string>> = {
  'PEM private key': fc.tuple(fc.constantFrom('', 'RSA ', 'EC ', 'OPENSSH '), fc.stringMatching(/^[A-Za-z0-9+/]{20,80}$/)).map(([t, b]) => `-----BEGIN ${t}PRIVATE KEY-----\n${b}\n-----END ${t}PRIVATE KEY-----`),
  'connection-string password': fc.tuple(fc.constantFrom('postgres', 'postgresql', 'mongodb+srv', 'redis', 'amqp', 'mysql'), fc.stringMatching(/^[a-z]{0,8}$/), alnum(6, 30))
    // The user name stays (only the password is secret), so it must not hold the password's text.
    .filter(([, u, p]) => !u.includes(p))
    .map(([s, u, p]) => `${s}://${u}:${p}@host.example:1234/db`),
  'bearer / basic credentials': fc.tuple(fc.constantFrom('Bearer', 'Basic', 'bearer'), alnum(7, 40)).map(([k, t]) => `${k} ${t}9`),
  'Cookie header': fc.tuple(fc.constantFrom('Cookie', 'cookie', 'Set-Cookie'), alnum(8, 30)).map(([k, v]) => `${k}: sid=${v}`),
  'OpenAI / Anthropic key': fc.tuple(fc.constantFrom('', 'proj-', 'ant-'), b64url(16, 60)).map(([p, k]) => `sk-${p}${k}`),
  'Stripe secret / restricted key': fc.tuple(fc.constantFrom('sk', 'rk'), fc.constantFrom('live', 'test'), alnum(10, 40)).map(([a, b, k]) => `${a}_${b}_${k}`),
  'AWS access key id': fc.tuple(fc.constantFrom('AKIA', 'ASIA'), fc.stringMatching(/^[0-9A-Z]{16}$/)).map(([p, k]) => p + k),
  'GitHub token': fc.tuple(fc.constantFrom('ghp_', 'gho_', 'ghs_', 'github_pat_'), alnum(30, 60)).map(([p, k]) => p + k),
  'Slack token': fc.tuple(fc.constantFrom('xoxb-', 'xoxp-', 'xoxa-'), fc.stringMatching(/^[A-Za-z0-9-]{10,40}$/)).map(([p, k]) => p + k),
  'Google API key': b64url(35, 35).map((k) => `AIza${k}`),
  'Hugging Face token': alnum(30, 40).map((k) => `hf_${k}`),
  'JSON Web Token': fc.tuple(b64url(8, 40), b64url(8, 40), b64url(8, 40)).map(([a, b, c]) => `eyJ${a}.${b}.${c}`),
};
const SECRET_NAMES = SECRET_KEY_RULES.flatMap((r) => r.examples);
const around = fc.string({ maxLength: 60 });

describe('the one-scan pre-check never misses a built-in rule', () => {
  it('has a generator for every built-in text rule', () => {
    expect(Object.keys(SECRET_OF).sort()).toEqual(SECRET_PATTERN_RULES.map((r) => r.name).sort());
  });

  it.each(SECRET_PATTERN_RULES.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    fc.assert(
      fc.property(around, SECRET_OF[rule.name]!, around, (before, secret, after) => {
        const text = `${before} ${secret} ${after}`;
        rule.re.lastIndex = 0;
        const matches = [...text.matchAll(rule.re)];
        // Every text holding a match selects the rule, and what it matched is gone after.
        if (matches.length > 0) expect(rulesTriggeredBy(text, { defaults: true })).toContain(rule.name);
        const out = redactor.string(text);
        for (const m of matches) expect(out).not.toContain(m[0].slice((m[1] ?? '').length));
      }),
      { numRuns: 150 },
    );
  });

  it('secret names in name=value text', () => {
    fc.assert(
      fc.property(around, fc.constantFrom(...SECRET_NAMES), fc.constantFrom('=', ': ', '":"', ' = '), alnum(6, 30), around, (before, name, sep, value, after) => {
        const text = `${before} ${name}${sep}${value} ${after}`;
        expect(rulesTriggeredBy(text, { defaults: true })).toContain(KEY_VALUE_RULE_NAME);
        expect(redactor.string(text)).not.toContain(` ${name}${sep}${value} `);
      }),
      { numRuns: 300 },
    );
  });
});
