/**
 * A thrown error's text (status message, `exception.message`, `exception.stacktrace`) is
 * redacted like content, with content capture on or off; `error.type` stays; the app still gets
 * the identical error object, untouched.
 */
import { configure } from '../../src/config';
import { withTool } from '../../src/engine/wrap';
import { ERROR_MESSAGE_LENGTH_WITHOUT_CONTENT } from '../../src/redact/error-record';
import { useTracing } from '../engine/harness';
import { SECRET_CASES } from './secrets';
import { exportedJson } from './support';

describe('errors are redacted on every channel', () => {
  const h = useTracing();

  it.each([
    ['content on', true],
    ['content off', false],
  ])('%s: none of the test secrets leaves through a thrown error', (_label, captureContent) => {
    configure({ captureContent });
    for (const c of SECRET_CASES) {
      const error = new Error(`request failed: ${c.text}`);
      const failing = withTool({ name: 'call' }, () => {
        throw error;
      });
      let caught: unknown;
      try {
        failing();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBe(error);
      expect(error.message).toContain(c.secret);
    }
    const spans = h.spans();
    expect(spans).toHaveLength(SECRET_CASES.length);
    const json = exportedJson(spans);
    const leaked = SECRET_CASES.filter((c) => json.includes(c.secret)).map((c) => c.label);
    expect(leaked).toEqual([]);
    for (const s of spans) {
      expect(s.attributes['error.type']).toBe('Error');
      expect(s.status.message).toMatch(/^request failed: /);
      const event = s.events.find((e) => e.name === 'exception')!;
      expect(event.attributes!['exception.type']).toBe('Error');
      expect(String(event.attributes!['exception.stacktrace'])).toMatch(/\bat /);
    }
  });

  it('a thrown non-Error (a string, an object) is redacted too', async () => {
    const secret = 'sk-proj-Abcdefghijklmnop999999';
    const a = withTool({ name: 'a' }, () => {
      throw `bad key ${secret}`;
    });
    const b = withTool({ name: 'b' }, async () => {
      throw { toString: () => `token=${secret}` };
    });
    expect(() => a()).toThrow();
    await expect(b()).rejects.toBeDefined();
    const json = exportedJson(h.spans());
    expect(json).not.toContain(secret);
    expect(h.spans().map((s) => s.attributes['error.type'])).toEqual(['_OTHER', '_OTHER']);
  });

  it('content off keeps the message short and the stack trace to its frames', () => {
    configure({ captureContent: false });
    const prompt = 'user prompt text '.repeat(200);
    const fail = withTool({ name: 'call' }, () => {
      throw new Error(`model refused: ${prompt}`);
    });
    expect(() => fail()).toThrow();
    const s = h.spans()[0]!;
    expect(String(s.status.message).length).toBeLessThanOrEqual(ERROR_MESSAGE_LENGTH_WITHOUT_CONTENT);
    const stack = String(s.events[0]!.attributes!['exception.stacktrace']);
    expect(stack).not.toContain('model refused');
    expect(stack.split('\n').every((l) => /^\s+at /.test(l))).toBe(true);
  });
});
