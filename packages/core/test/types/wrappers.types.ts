// Compile-time proofs, checked by `npm run typecheck` against the sources and by the toolchain CI
// step against the built declarations with TypeScript 5.0 to 7: every wrapper returns exactly the
// wrapped function's type. Nothing here runs.
import { withAgent, withChain, withLLM, withLlmSpan, withRetriever, withTool, traceLlmSpan } from '@llm-trace/core';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

// Parameters and return, sync and async.
const sync = (a: string, b?: number): boolean => a.length > (b ?? 0);
const wrappedSync = withTool(sync);
assertType<Equals<typeof wrappedSync, typeof sync>>();

const asyncFn = async (q: string): Promise<string[]> => [q];
const wrappedAsync = withRetriever({ dataSource: 'kb' }, asyncFn);
assertType<Equals<typeof wrappedAsync, typeof asyncFn>>();

// `this` is kept.
function method(this: { base: number }, n: number): number {
  return this.base + n;
}
const wrappedMethod = withChain(method);
assertType<Equals<typeof wrappedMethod, typeof method>>();

// Generic functions keep their type parameters.
const identity = <T,>(x: T): T => x;
const wrappedIdentity = withLlmSpan({ kind: 'TASK' }, identity);
assertType<Equals<typeof wrappedIdentity, typeof identity>>();
const n: number = wrappedIdentity(3);
void n;

// Overloads survive.
function over(x: string): string;
function over(x: number): number;
function over(x: string | number): string | number {
  return x;
}
const wrappedOver = withAgent({ name: 'o' }, over);
assertType<Equals<typeof wrappedOver, typeof over>>();
const s: string = wrappedOver('a');
void s;

// Generators and streams.
async function* gen(): AsyncGenerator<string, void, unknown> {
  yield 'x';
}
const wrappedGen = withLLM(gen);
assertType<Equals<typeof wrappedGen, typeof gen>>();

// mapInput / mapOutput are typed by the function they describe.
withTool(
  {
    mapInput: ([city, days]) => ({ arguments: { city: city.toUpperCase(), days: days.toFixed() } }),
    mapOutput: (r) => ({ result: r.temperature }),
  },
  async (city: string, days: number) => ({ temperature: 20 + days + city.length }),
);
withTool(
  {
    // @ts-expect-error the argument is a string, which has no toFixed
    mapInput: ([city]) => ({ arguments: city.toFixed() }),
  },
  (city: string) => city,
);
// @ts-expect-error mapOutput must return TOOL content, not LLM content
withTool({ mapOutput: () => ({ inputMessages: [] }) }, () => 1);
// @ts-expect-error kind is a known span kind
withLlmSpan({ kind: 'WIZARD' }, () => 1);
// @ts-expect-error fn must be a function
withChain({}, 3);

// The immediate form returns the callback's type.
const total = traceLlmSpan({ kind: 'TASK' }, () => 42);
assertType<Equals<typeof total, number>>();
