/**
 * The built-in secret rules: property names that hold secrets, and secret shapes found inside
 * free text. Every text pattern runs in time linear in its input: a pattern may only start where
 * the run of characters it then consumes begins (a look-behind refuses starts inside such a run),
 * and every run that could overlap another start is bounded. So a hostile string made of a
 * pattern's own prefix repeated (`'-eyJ' × 100000`) costs one pass, not one pass per prefix.
 *
 * Each rule also names its triggers: literal text every match must contain. Text holding none of
 * them is known clean after one scan, so ordinary prose never runs the patterns at all.
 */

/** A property-name rule: values under a matching name are replaced (numbers and booleans kept). */
export interface SecretKeyRule {
  /** Short name shown in the docs table. */
  readonly name: string;
  /** Tested against the whole property name. */
  readonly re: RegExp;
  /** Example property names it matches. */
  readonly examples: readonly string[];
}

/** A text rule: every match of `re` is replaced, keeping group 1 (a recognisable prefix) when `keepPrefix`. */
export interface SecretPatternRule {
  readonly name: string;
  /** Global pattern; linear time on every input. */
  readonly re: RegExp;
  /** Literal text (lower case; matched case-insensitively) that every match of `re` contains. */
  readonly triggers: readonly string[];
  /** Group 1 is kept and only the rest replaced. */
  readonly keepPrefix?: boolean;
  /** A text the rule redacts, and the part of it that must disappear. */
  readonly example: { readonly text: string; readonly secret: string };
}

/**
 * Property names that hold secrets. Matched against the whole name, case-insensitively unless
 * the rule needs case to tell a word boundary (`basicAuth` but not `author`).
 */
export const SECRET_KEY_RULES: readonly SecretKeyRule[] = [
  { name: 'API keys', re: /api[-_.]?key/i, examples: ['apiKey', 'x-api-key', 'OPENAI_API_KEY', 'x-goog-api-key'] },
  { name: 'other keys', re: /(?:subscription|access|account|secret|private|master|signing|encryption|client|service)[-_.]?key/i, examples: ['Ocp-Apim-Subscription-Key', 'AccountKey', 'private_key', 'AWS_SECRET_ACCESS_KEY'] },
  { name: 'authorization', re: /authori[sz]ation$/i, examples: ['Authorization', 'proxy-authorization'] },
  { name: 'auth', re: /(?:^|[-_.])(?:auth|Auth|AUTH)(?:$|[-_.])|[a-z0-9]Auth(?:$|[-_.A-Z])|^Auth(?=[A-Z])/, examples: ['auth', 'basic_auth', 'basicAuth', 'X-AUTH', 'AuthHeader'] },
  { name: 'passwords', re: /passw(?:or)?d|passphrase|(?:^|[-_.])(?:pwd|pass)(?:$|[-_.])/i, examples: ['password', 'db_passwd', 'passphrase', 'pwd', 'PGPASSWORD'] },
  { name: 'secrets', re: /secret/i, examples: ['secret', 'client_secret', 'AWS_SECRET_ACCESS_KEY'] },
  { name: 'tokens', re: /(?:^|[-_.a-z])token$|^(?:access|refresh|id|auth|bearer|session|csrf|xsrf)[-_]?token/i, examples: ['token', 'access_token', 'x-auth-token', 'GITHUB_TOKEN'] },
  { name: 'cookies', re: /^(?:set[-_])?cookies?$/i, examples: ['cookie', 'Set-Cookie'] },
  { name: 'credentials', re: /^credentials?$|(?:^|[-_.])credentials?$/i, examples: ['credentials', 'aws_credentials'] },
  { name: 'DSNs and connection strings', re: /(?:^|[-_.])dsn$|^dsn|connection[-_.]?string|(?:^|[-_.])(?:database|db|redis|mongo(?:db)?|postgres(?:ql)?|mysql|amqp)[-_.]?ur[il]$/i, examples: ['dsn', 'SENTRY_DSN', 'connectionString', 'DATABASE_URL'] },
];

/** Characters of a base64url run (JWT segments, most API keys). */
const B64URL = 'A-Za-z0-9_\\-';

/** The scheme words an `Authorization`-style value may start with; kept, the credentials replaced. */
const AUTH_SCHEMES = 'Bearer|Basic|Token|Digest|ApiKey|Key|Negotiate|Bot';

/**
 * Secret shapes found inside text. Order matters only for readability: rules replace disjoint
 * parts, and each runs over the output of the previous one.
 */
export const SECRET_PATTERN_RULES: readonly SecretPatternRule[] = [
  {
    name: 'PEM private key',
    // The whole block: the begin line, the `Name: value` header lines an encrypted key carries
    // (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: AES-128-CBC,...`, an armoured PGP key's `Version:`),
    // the base64 body and the end line. Line ends may be CRLF, or `\n` escapes when the key sits
    // in a JSON string. Up to 16 header lines, only right after the begin line (a bounded
    // loop, so no input can exhaust the regex engine's backtracking stack); the body is base64
    // and whitespace only ("-" is not in it), so a match never fails once its begin line is found:
    // each block costs one pass, and a start can never lie inside another block's body. The end
    // line is optional so a key cut at the length cap still goes.
    re: /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:(?:\s|\\{1,4}[rn]){1,8}[A-Za-z][A-Za-z0-9-]{0,63}:[^\r\n\\]{0,1024}){0,16}[A-Za-z0-9+/=\s\\]*(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----)?/g,
    triggers: ['-----begin '],
    example: {
      text: 'key: -----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,5D3F1A2B3C4D5E6F\n\nMIIEowIBAAKCAQEA7v\n-----END RSA PRIVATE KEY----- end',
      secret: 'DEK-Info: AES-128-CBC,5D3F1A2B3C4D5E6F\n\nMIIEowIBAAKCAQEA7v',
    },
  },
  {
    name: 'connection-string password',
    re: /(:\/\/[^\s:/?#@"'<>]{0,256}:)[^\s@/"'<>]{1,256}(?=@)/g,
    triggers: ['://'],
    keepPrefix: true,
    example: { text: 'db at postgres://app:hunter2pw@db.internal:5432/prod now', secret: 'hunter2pw' },
  },
  {
    name: 'bearer / basic credentials',
    // A credential, not a word: it has a digit, an upper-case letter after the first character,
    // or base64 punctuation ("Bearer bonds" and "Basic Authentication" stay).
    // Case-sensitive, so that "upper-case letter" means one.
    re: /((?<![A-Za-z0-9_-])(?:[Bb]earer|BEARER|[Bb]asic|BASIC)[ \t]{1,8})(?=[A-Za-z][a-z]{0,64}[0-9A-Z\-._~+/=]|[0-9\-._~+/])[A-Za-z0-9\-._~+/]{8,4096}=*/g,
    triggers: ['bearer', 'basic'],
    keepPrefix: true,
    example: { text: 'curl -H "Authorization: Bearer abcDEF123456789xyz" now', secret: 'abcDEF123456789xyz' },
  },
  {
    name: 'Cookie header',
    re: /((?<![A-Za-z0-9_-])(?:set-)?cookie[ \t]{0,8}:[ \t]{0,8})[^\r\n]{1,8192}/gi,
    triggers: ['cookie'],
    keepPrefix: true,
    example: { text: 'GET /\nCookie: session=abc123; theme=dark\nHost: x', secret: 'session=abc123' },
  },
  {
    name: 'OpenAI / Anthropic key',
    re: new RegExp(`(?<![${B64URL}])sk-(?:ant-|proj-|svcacct-|admin-)?[${B64URL}]{16,}`, 'g'),
    triggers: ['sk-'],
    example: { text: 'use sk-proj-abcdefghijklmnop1234 here', secret: 'sk-proj-abcdefghijklmnop1234' },
  },
  {
    name: 'Stripe secret / restricted key',
    re: /(?<![A-Za-z0-9_-])[sr]k_(?:live|test)_[A-Za-z0-9]{10,}/g,
    triggers: ['k_live_', 'k_test_'],
    example: { text: 'stripe sk_live_51HabcdefGHIJKLmnop ok', secret: 'sk_live_51HabcdefGHIJKLmnop' },
  },
  {
    name: 'AWS access key id',
    re: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])/g,
    triggers: ['akia', 'asia'],
    example: { text: 'id AKIAIOSFODNN7EXAMPLE set', secret: 'AKIAIOSFODNN7EXAMPLE' },
  },
  {
    name: 'GitHub token',
    re: /(?<![A-Za-z0-9_-])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g,
    triggers: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    example: { text: 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789 ok', secret: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' },
  },
  {
    name: 'Slack token',
    re: /(?<![A-Za-z0-9_-])xox[abprs]-[A-Za-z0-9-]{10,}/g,
    triggers: ['xox'],
    example: { text: 'slack xoxb-1234567890-abcdefghij ok', secret: 'xoxb-1234567890-abcdefghij' },
  },
  {
    name: 'Google API key',
    re: new RegExp(`(?<![${B64URL}])AIza[${B64URL}]{35}(?![${B64URL}])`, 'g'),
    triggers: ['aiza'],
    example: { text: 'key=AIzaSyA1234567890abcdefghijklmnopqrstuv ok', secret: 'AIzaSyA1234567890abcdefghijklmnopqrstuv' },
  },
  {
    name: 'Hugging Face token',
    re: /(?<![A-Za-z0-9_-])hf_[A-Za-z0-9]{30,}/g,
    triggers: ['hf_'],
    example: { text: 'HF hf_abcdefghijklmnopqrstuvwxyzABCDEFGH ok', secret: 'hf_abcdefghijklmnopqrstuvwxyzABCDEFGH' },
  },
  {
    name: 'JSON Web Token',
    // Starts only where a base64url run begins, so '-eyJ' repeated is one run and no start.
    re: new RegExp(`(?<![${B64URL}])eyJ[${B64URL}]{8,}\\.[${B64URL}]{8,}\\.[${B64URL}]{8,}`, 'g'),
    triggers: ['eyj'],
    example: { text: 'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U ok', secret: 'eyJzdWIiOiIxMjM0NTY3ODkwIn0' },
  },
];

/**
 * `name: value`, `name=value`, `"name": "value"` inside text (env files, headers, query strings,
 * JSON held in a string): each separator is found here, the name before it checked against the
 * property-name rules, and the value after it replaced when the name is a secret one.
 */
export const KEY_VALUE_SEPARATOR = /[:=]/g;

/**
 * The start of the value after a secret name (sticky, at the scan's end), whatever its length:
 * an optional auth scheme word (group 1, kept), then either an opening quote (group 2: `"`, `'`,
 * or `\"` for JSON held in a JSON string; `quotedValueEnd` finds the close) or a bare run up to
 * a delimiter (group 3). Character-class runs only, so a value of any size costs one pass and no
 * regex backtracking stack.
 */
export const KEY_VALUE_VALUE = new RegExp(String.raw`((?:(?:${AUTH_SCHEMES})[ \t]{1,8})?)(?:(\\"|"|')|([^\s"',;&<>{}[\]()]+))`, 'y');

/**
 * Where a quoted value that starts at `from` ends: at its closing quote, or at the line's (or the
 * text's) end when it has none. In a `"` or `'` string a backslash escapes the next character
 * (`"ab\"cd"` is one value). Opened by `\"` (JSON held in a JSON string), the value ends at the
 * next `\"`, and the inner text's own escapes (`\\\"`, `\\\\`, `\\n`) do not end it. One
 * pass, no allocation.
 *
 * @example
 * ```ts
 * const text = '{"password":"ab\\"cd","x":1}';
 * quotedValueEnd(text, 13, '"'); // 19, the index of the closing quote
 * ```
 */
export function quotedValueEnd(text: string, from: number, opening: string): number {
  const n = text.length;
  const escaped = opening.length === 2;
  const quote = escaped ? 34 : opening.charCodeAt(0);
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    if (c === 92) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
      if (next === -1 || next === 10 || next === 13) return i;
      if (escaped) {
        if (next === 34) return i;
        // `\\` is the inner text's backslash, which escapes the inner character after it: one
        // more outer escape (`\\\"`, `\\\\`) or a plain character (`\\n`).
        if (next === 92) {
          i += i + 2 < n && text.charCodeAt(i + 2) === 92 ? 4 : 3;
          continue;
        }
      }
      i += 2;
      continue;
    }
    if (c === quote) return i;
    i++;
  }
  return n;
}

/** An auth scheme word and its spaces, at a value's start (sticky). */
export const AUTH_SCHEME = new RegExp(`(?:${AUTH_SCHEMES})[ \\t]{1,8}`, 'y');

/** Literal text (lower case) one of which every secret property name contains. */
export const KEY_TRIGGERS: readonly string[] = ['key', 'auth', 'pass', 'pwd', 'secret', 'token', 'cookie', 'credential', 'dsn', 'connection', 'url', 'uri'];
