/**
 * Secrets real apps carry, each inside the kind of text it arrives in, with the words around it
 * that must survive redaction.
 */
export interface SecretCase {
  readonly label: string;
  readonly text: string;
  /** Must not appear anywhere after redaction. */
  readonly secret: string;
  /** Must still appear after redaction. */
  readonly keep: readonly string[];
}

export const SECRET_CASES: readonly SecretCase[] = [
  { label: 'postgres URL password', text: 'could not connect to postgres://app:S3cr3tPw0rd@db.internal:5432/prod today', secret: 'S3cr3tPw0rd', keep: ['could not connect to', 'db.internal:5432/prod today', 'postgres://app:'] },
  { label: 'mongodb+srv password', text: 'uri mongodb+srv://admin:M0ngoPassw99@cluster0.abcd.mongodb.net/test ok', secret: 'M0ngoPassw99', keep: ['cluster0.abcd.mongodb.net/test ok', 'mongodb+srv://admin:'] },
  { label: 'redis password without user', text: 'cache redis://:R3disSecretPass@cache:6379 down', secret: 'R3disSecretPass', keep: ['cache', '@cache:6379 down'] },
  { label: 'Azure AccountKey', text: 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==;EndpointSuffix=core.windows.net', secret: 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA', keep: ['AccountName=acct', 'EndpointSuffix=core.windows.net'] },
  { label: 'Authorization: Token', text: 'headers Authorization: Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b sent', secret: '9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b', keep: ['headers', 'Authorization: Token', 'sent'] },
  { label: 'Cookie header', text: 'GET /inbox\nCookie: sessionid=Abc123SessionCookieVal; csrftoken=Xyz789Csrf\nHost: mail', secret: 'Abc123SessionCookieVal', keep: ['GET /inbox', 'Host: mail'] },
  { label: 'Stripe secret key', text: 'charge with sk_live_51HxYzAbCdEfGhIjKlMnOp now', secret: 'sk_live_51HxYzAbCdEfGhIjKlMnOp', keep: ['charge with', 'now'] },
  { label: 'Stripe restricted key', text: 'refund with rk_live_51HxYzAbCdEfGhIjKlMnOq now', secret: 'rk_live_51HxYzAbCdEfGhIjKlMnOq', keep: ['refund with', 'now'] },
  { label: 'Hugging Face token', text: 'login hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567 done', secret: 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567', keep: ['login', 'done'] },
  { label: 'PEM private key', text: 'key file:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n-----END PRIVATE KEY-----\nloaded', secret: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', keep: ['key file:', 'loaded'] },
  { label: 'AWS secret access key', text: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nregion = eu-west-1', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', keep: ['region = eu-west-1'] },
  { label: 'AWS access key id', text: 'id AKIAIOSFODNN7EXAMPLE in use', secret: 'AKIAIOSFODNN7EXAMPLE', keep: ['id', 'in use'] },
  { label: 'OPENAI_API_KEY in an env file', text: 'OPENAI_API_KEY=k-Abcdefghijklmnop123456\nDEBUG=1', secret: 'k-Abcdefghijklmnop123456', keep: ['DEBUG=1', 'OPENAI_API_KEY='] },
  { label: 'OpenAI key', text: 'use sk-proj-Abcdefghijklmnop123456 for this', secret: 'sk-proj-Abcdefghijklmnop123456', keep: ['use', 'for this'] },
  { label: 'passphrase', text: 'config passphrase: correct-horse-battery-staple end', secret: 'correct-horse-battery-staple', keep: ['config', 'end'] },
  { label: 'pwd', text: 'login user=ann pwd=Hunter2Pwd99 next', secret: 'Hunter2Pwd99', keep: ['user=ann', 'next'] },
  { label: 'auth', text: 'request auth: Zx9Yw8Vu7Ts6Rq5 retry', secret: 'Zx9Yw8Vu7Ts6Rq5', keep: ['request', 'retry'] },
  { label: 'Sentry dsn', text: 'dsn=https://abc123def456abc@o123.ingest.sentry.io/42 set', secret: 'abc123def456abc', keep: ['set'] },
  { label: 'x-goog-api-key', text: 'x-goog-api-key: GoogKey0123456789abcdef rest', secret: 'GoogKey0123456789abcdef', keep: ['rest'] },
  { label: 'Ocp-Apim-Subscription-Key', text: 'Ocp-Apim-Subscription-Key: 0123456789abcdef0123456789abcdef rest', secret: '0123456789abcdef0123456789abcdef', keep: ['Ocp-Apim-Subscription-Key:', 'rest'] },
  { label: 'bearer JWT', text: 'sent Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlMTIzNDU2 upstream', secret: 'eyJzdWIiOiIxMjM0In0', keep: ['sent Bearer', 'upstream'] },
  { label: 'GitHub token', text: 'push with ghp_abcdefghijklmnopqrstuvwxyz0123456789 ok', secret: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', keep: ['push with', 'ok'] },
  { label: 'Slack token', text: 'post xoxb-1234567890-abcdefghijkl ok', secret: 'xoxb-1234567890-abcdefghijkl', keep: ['post', 'ok'] },
  { label: 'password in a JSON string', text: '{"user":"ann","password":"Pa55 w0rd phrase here","remember":true}', secret: 'Pa55 w0rd phrase', keep: ['"user":"ann"', '"remember":true'] },
  { label: 'api key in JSON inside a JSON string', text: '{"args":"{\\"apiKey\\":\\"QwErTy123456Key\\",\\"q\\":\\"weather\\"}"}', secret: 'QwErTy123456Key', keep: ['weather'] },
];

/** Text that holds no secret and must come back exactly as it was. */
export const BENIGN_TEXTS: readonly string[] = [
  'The author wrote password reset instructions for the basic plan.',
  'Bearer bonds and Basic Authentication are explained in chapter 3.',
  'We used 1200 tokens; max_tokens: 4096 and input_tokens=900.',
  'author: Jane Doe, authority: city council, authored in 2024',
  'See https://example.com/docs?page=2 and http://localhost:4318/v1/traces for details.',
  'The cookie jar holds a token of appreciation and a skeleton key.',
  'Call the sk-learn style API; ask-me-anything; desk-top',
  '{"role":"user","content":"What is OpenTelemetry?","type":"text"}',
];
