/**
 * Private keys go whole, whatever their armour (encrypted PEM with `Proc-Type`/`DEK-Info`
 * headers, PKCS #8, OpenSSH, PGP, CRLF line ends, `\n` escapes of a JSON string), and the
 * `name=value` scan takes names and values of any length: every value goes whole and the words
 * around it stay.
 */
import { createRedactor, redactValue } from '../../src/redact/redactor';
import { safeStringify } from '../../src/serialize';

const redactor = createRedactor({ defaults: true }, 'gen_ai.input.messages');

const BODY = ['MIIEowIBAAKCAQEA7vQ3b1lQ0X9m4cGh7s1kZpV0u2yq8JZb8Xw0D1a2LsQ', 'kR2d9Zq7Yb4Wc1Xv0Nn3Mm5Ll8Kk6Jj2Hh1Gg9Ff7Ee4Dd0Cc3Bb5Aa8Zz'];

/** A PEM block: begin line, header lines, a blank line when there are headers, body, end line. */
function pem(label: string, headers: readonly string[], eol = '\n'): string {
  const head = headers.length > 0 ? [...headers, ''] : [];
  return [`-----BEGIN ${label}-----`, ...head, ...BODY, `-----END ${label}-----`].join(eol);
}

/** Every part of a key that must not survive: header values, body lines, the end line. */
const KEY_PARTS = ['ENCRYPTED', 'AES-128-CBC', '5D3F1A2B3C4D5E6F7A8B9C0D1E2F3A4B', 'GnuPG', ...BODY, '-----END'];

function expectKeyGone(out: string, keep: readonly string[]): void {
  for (const part of KEY_PARTS) expect(out).not.toContain(part);
  expect(out).toContain('[REDACTED]');
  for (const word of keep) expect(out).toContain(word);
}

const ENCRYPTED = ['Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-128-CBC,5D3F1A2B3C4D5E6F7A8B9C0D1E2F3A4B'];

describe('private keys, whole block', () => {
  it.each([
    ['RSA, encrypted (Proc-Type / DEK-Info)', pem('RSA PRIVATE KEY', ENCRYPTED)],
    ['EC, encrypted', pem('EC PRIVATE KEY', ENCRYPTED)],
    ['DSA, encrypted', pem('DSA PRIVATE KEY', ENCRYPTED)],
    ['RSA, encrypted, CRLF line ends', pem('RSA PRIVATE KEY', ENCRYPTED, '\r\n')],
    ['PKCS #8 encrypted', pem('ENCRYPTED PRIVATE KEY', [])],
    ['OpenSSH', pem('OPENSSH PRIVATE KEY', [])],
    ['PGP, armour headers', pem('PGP PRIVATE KEY BLOCK', ['Version: GnuPG v2', 'Comment: deploy key'])],
  ])('%s: the block goes, the text around it stays', (_label, key) => {
    const out = redactor.string(`Here is the key:\n${key}\nPlease keep it safe.`);
    expect(out).toBe('Here is the key:\n[REDACTED]\nPlease keep it safe.');
  });

  it('inside a JSON string (`\\n` escapes), and inside JSON held in a JSON string', () => {
    const json = JSON.stringify({ note: 'deploy', key: pem('RSA PRIVATE KEY', ENCRYPTED), after: 'kept' });
    const out = redactor.string(json);
    expectKeyGone(out, ['deploy', 'kept']);
    expect(JSON.parse(out)).toEqual({ note: 'deploy', key: '[REDACTED]', after: 'kept' });
    const twice = JSON.stringify(json);
    expectKeyGone(redactor.string(twice), ['deploy', 'kept']);
  });

  it('a key cut before its end line (the length cap) still goes from its begin line on', () => {
    const cut = pem('RSA PRIVATE KEY', ENCRYPTED).slice(0, -40);
    const out = redactor.string(`start ${cut}`);
    expect(out).toBe('start [REDACTED]');
  });

  it('public keys and certificates are not secrets and stay', () => {
    const cert = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----';
    expect(redactor.string(cert)).toBe(cert);
  });
});

describe('name=value pairs with long names', () => {
  it.each([
    ['129 characters', `${'A'.repeat(121)}_API_KEY`],
    ['256 characters', `${'my_service_'.repeat(22)}${'x'.repeat(6)}_password`.slice(-256)],
    ['1000 characters', `${'config.'.repeat(140)}db.password`],
  ])('a secret name of %s is recognised', (_label, name) => {
    expect(redactor.string(`set ${name}=Sekret-0123456789 and go`)).toBe(`set ${name}=[REDACTED] and go`);
    expect(redactor.string(`{"${name}":"Sekret-0123456789","next":"kept"}`)).toBe(`{"${name}":"[REDACTED]","next":"kept"}`);
  });

  it('a long name that is not a secret one leaves its value', () => {
    const name = `${'very_long_setting_'.repeat(20)}colour`;
    expect(redactor.string(`${name}=blue`)).toBe(`${name}=blue`);
  });
});

describe('name=value pairs with long values: the whole value goes', () => {
  const long = (n: number) => 'v'.repeat(n - 4) + 'TAIL';

  it.each([4097, 20_000, 100_000])('a value of %i characters, bare, quoted, single-quoted and escaped', (n) => {
    const v = long(n);
    expect(redactor.string(`password=${v} next`)).toBe('password=[REDACTED] next');
    expect(redactor.string(`{"password":"${v}","next":"kept"}`)).toBe('{"password":"[REDACTED]","next":"kept"}');
    expect(redactor.string(`token: '${v}' next`)).toBe("token: '[REDACTED]' next");
    expect(redactor.string(`{\\"api_key\\":\\"${v}\\",\\"next\\":\\"kept\\"}`)).toBe('{\\"api_key\\":\\"[REDACTED]\\",\\"next\\":\\"kept\\"}');
  });

  it('a quote escaped inside the value does not end it, in JSON and in JSON held in a JSON string', () => {
    const args = JSON.stringify({ user: 'ann', password: 'ab"cd\\efTAIL', next: 'kept' });
    expect(JSON.parse(redactor.string(args))).toEqual({ user: 'ann', password: '[REDACTED]', next: 'kept' });
    const nested = JSON.stringify(args);
    const out = redactor.string(nested);
    expect(out).not.toContain('TAIL');
    expect(JSON.parse(JSON.parse(out))).toEqual({ user: 'ann', password: '[REDACTED]', next: 'kept' });
  });

  it('a value cut at the length cap goes whole up to the cut', () => {
    const capped = createRedactor({ defaults: true }, 'x', 8192);
    const out = capped.string(`password=${long(50_000)}`);
    expect(out).toBe('password=[REDACTED]');
  });
});

describe('sizes far past any cap', () => {
  it('a 16 MB value or key block is scanned without exhausting the regex engine', () => {
    const big = 'v'.repeat(16 * 1024 * 1024);
    expect(redactor.string(`{"password":"${big}","next":"kept"}`)).toBe('{"password":"[REDACTED]","next":"kept"}');
    expect(redactor.string(`{\\"password\\":\\"${big}\\",\\"next\\":\\"kept\\"}`)).toBe('{\\"password\\":\\"[REDACTED]\\",\\"next\\":\\"kept\\"}');
    const headers = '\nProc-Type: 4,ENCRYPTED'.repeat(700_000);
    expect(() => redactor.string(`-----BEGIN RSA PRIVATE KEY-----${headers}`)).not.toThrow();
  });
});

describe("a user's property names in other scripts, inside text", () => {
  const named = createRedactor({ defaults: true, keys: ['contraseña', 'пароль', 'パスワード', '𝒌𝒆𝒚'] }, 'gen_ai.input.messages');

  it.each([
    ['contraseña=hunter2 y más', 'contraseña=[REDACTED] y más'],
    ['{"contraseña":"hunter2","usuario":"ana"}', '{"contraseña":"[REDACTED]","usuario":"ana"}'],
    ['CONTRASEÑA: hunter2', 'CONTRASEÑA: [REDACTED]'],
    ['пароль = hunter2, логин = ivan', 'пароль = [REDACTED], логин = ivan'],
    ['ПАРОЛЬ=hunter2', 'ПАРОЛЬ=[REDACTED]'],
    ['パスワード: hunter2 です', 'パスワード: [REDACTED] です'],
    ['𝒌𝒆𝒚=hunter2', '𝒌𝒆𝒚=[REDACTED]'],
    [String.raw`{\"contraseña\":\"hunter2\"}`, String.raw`{\"contraseña\":\"[REDACTED]\"}`],
  ])('%s', (text, redacted) => {
    expect(named.string(text)).toBe(redacted);
  });

  it('names that only contain or end with one stay, and so do the words around them', () => {
    for (const text of ['micontraseña=azul', 'паролька: синий', 'la contraseña es larga', 'contraseñas: dos']) {
      expect(named.string(text)).toBe(text);
    }
  });

  it('an ASCII name right after letters of another script is found as before', () => {
    expect(named.string('ñpassword=hunter2')).toBe('ñpassword=[REDACTED]');
    expect(createRedactor({ defaults: true }, 'x').string('ñpassword=hunter2')).toBe('ñpassword=[REDACTED]');
  });

  it('a JSON object with the name as a property is redacted through the serializer too', () => {
    const r = createRedactor({ defaults: true, keys: ['contraseña'] }, 'x');
    expect(redactValue({ contraseña: 'hunter2', otra: 'azul' }, r, 8, 100)).toEqual({ contraseña: '[REDACTED]', otra: 'azul' });
    const json = safeStringify({ Contraseña: 'hunter2', otra: 'azul' }, { maxLength: 1000, maxDepth: 8, maxItems: 100, transform: r.transform, unchanged: r.unchanged, parts: r.parts });
    expect(JSON.parse(json)).toEqual({ Contraseña: '[REDACTED]', otra: 'azul' });
  });
});
