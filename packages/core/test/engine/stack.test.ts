/**
 * What a wrapped call puts on the stack: one frame of ours between the caller and the context
 * manager, whatever the call's shape, so recursion through a wrapped function stays deep.
 */
import { llmSpan, traceLlmSpan, withChain, withTool } from '../../src';
import { useTracing } from './harness';

const SRC = `${require('node:path').resolve(__dirname, '../../src')}`;

/** The frames between the user's function and the caller that are in core's own sources. */
function ourFrames(stack: string): string[] {
  const lines = stack.split('\n').slice(2);
  const end = lines.findIndex((l) => l.includes(__filename));
  return lines.slice(0, end).filter((l) => l.includes(SRC));
}

describe('stack depth of a wrapped call', () => {
  useTracing();

  it('a sync function call adds one frame of ours', () => {
    const f = withTool({ name: 'deep' }, () => new Error().stack!);
    expect(ourFrames(f())).toHaveLength(1);
  });

  it('a method call adds one frame of ours', () => {
    const m = withChain(function (this: { n: number }) {
      expect(this.n).toBe(2);
      return new Error().stack!;
    });
    const obj = { n: 2, m };
    expect(ourFrames(obj.m())).toHaveLength(1);
  });

  it('a decorated method adds one frame of ours', () => {
    class Svc {
      ask(): string {
        return new Error().stack!;
      }
    }
    const d = Object.getOwnPropertyDescriptor(Svc.prototype, 'ask')!;
    Object.defineProperty(Svc.prototype, 'ask', (llmSpan('TOOL') as (t: object, k: string, d: PropertyDescriptor) => PropertyDescriptor | void)(Svc.prototype, 'ask', d) ?? d);
    expect(ourFrames(new Svc().ask())).toHaveLength(1);
  });

  it('an async function adds one frame of ours until its first await', async () => {
    const f = withChain(async () => new Error().stack!);
    expect(ourFrames(await f())).toHaveLength(1);
  });

  it('recursion through a wrapped function reaches at least a tenth of the unwrapped depth', () => {
    let depth = 0;
    const plain = (n: number): number => {
      depth = n;
      return plain(n + 1) + 1;
    };
    const measure = (f: (n: number) => number) => {
      depth = 0;
      try {
        f(0);
      } catch {
        // RangeError: the stack is full.
      }
      return depth;
    };
    const unwrapped = measure(plain);
    const wrapped: (n: number) => number = withTool({ name: 'rec' }, (n: number): number => {
      depth = n;
      return wrapped(n + 1) + 1;
    });
    const deep = measure(wrapped);
    // The context manager's own frames (`context.with`, the manager's `with`, its storage's
    // `run`) are most of what is left; before, three frames of ours made it about 1/12.
    expect(deep / unwrapped).toBeGreaterThan(0.1);
  });

  it('traceLlmSpan runs its callback under at most four frames of ours', () => {
    // `traceLlmSpan`, the one-off call, the traced function and the closure that hands the
    // callback its span (it was five).
    const stack = traceLlmSpan('TASK', () => new Error().stack!);
    expect(ourFrames(stack).length).toBeLessThanOrEqual(4);
  });
});
