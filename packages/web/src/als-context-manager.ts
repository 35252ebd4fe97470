/**
 * An OpenTelemetry context manager over `AsyncLocalStorage`, for runtimes that have it but where
 * OTel's `@opentelemetry/context-async-hooks` cannot be bundled (it `require`s `async_hooks`
 * from CommonJS): workerd with `nodejs_compat`, Deno, Bun, Vercel Edge when the host provides it.
 */
import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';

/**
 * The part of `AsyncLocalStorage` a context manager needs.
 *
 * @example
 * ```ts
 * import { AsyncLocalStorage } from 'node:async_hooks';
 * import type { AsyncLocalStorageLike } from '@llm-trace/web';
 * const storage: AsyncLocalStorageLike<string> = new AsyncLocalStorage<string>();
 * ```
 */
export interface AsyncLocalStorageLike<T> {
  getStore(): T | undefined;
  run<R, A extends unknown[]>(store: T, callback: (...args: A) => R, ...args: A): R;
}

/**
 * A constructor of `AsyncLocalStorage` (Node's, or any runtime's compatible one).
 *
 * @example
 * ```ts
 * import { AsyncLocalStorage } from 'node:async_hooks';
 * import type { AsyncLocalStorageConstructor } from '@llm-trace/web';
 * const ALS: AsyncLocalStorageConstructor = AsyncLocalStorage;
 * ```
 */
export type AsyncLocalStorageConstructor = new <T>() => AsyncLocalStorageLike<T>;

/**
 * The runtime's `AsyncLocalStorage`, or `undefined` when it has none: a global one (Vercel's
 * edge-runtime and Next.js provide `globalThis.AsyncLocalStorage`), else `node:async_hooks`
 * through `process.getBuiltinModule` (Node 20.16+, Bun, Deno, workerd with `nodejs_compat`).
 * Never throws; a runtime that refuses the lookup counts as not having it.
 *
 * @example
 * ```ts
 * import { findAsyncLocalStorage } from '@llm-trace/web';
 * const ALS = findAsyncLocalStorage(); // undefined in a browser
 * ```
 */
export function findAsyncLocalStorage(): AsyncLocalStorageConstructor | undefined {
  try {
    const global = (globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage;
    if (typeof global === 'function') return global as AsyncLocalStorageConstructor;
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const hooks = typeof proc?.getBuiltinModule === 'function' ? (proc.getBuiltinModule('node:async_hooks') as { AsyncLocalStorage?: unknown } | undefined) : undefined;
    if (typeof hooks?.AsyncLocalStorage === 'function') return hooks.AsyncLocalStorage as AsyncLocalStorageConstructor;
  } catch {
    // A sandbox may forbid the lookup; the caller falls back and says so.
  }
  return undefined;
}

/**
 * Context carried by `AsyncLocalStorage`: across `await`, timers, and promise callbacks, as far
 * as the runtime's `AsyncLocalStorage` carries it.
 *
 * @example
 * ```ts
 * import { AsyncLocalStorage } from 'node:async_hooks';
 * import { context } from '@opentelemetry/api';
 * import { AsyncLocalStorageContextManager } from '@llm-trace/web';
 * context.setGlobalContextManager(new AsyncLocalStorageContextManager(AsyncLocalStorage).enable());
 * ```
 */
export class AsyncLocalStorageContextManager implements ContextManager {
  private readonly storage: AsyncLocalStorageLike<Context>;
  private enabled = false;

  constructor(AsyncLocalStorage: AsyncLocalStorageConstructor) {
    if (typeof AsyncLocalStorage !== 'function') {
      throw new TypeError('llm-trace AsyncLocalStorageContextManager: expected the AsyncLocalStorage class');
    }
    this.storage = new AsyncLocalStorage<Context>();
  }

  active(): Context {
    return (this.enabled && this.storage.getStore()) || ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    const call = thisArg === undefined ? fn : fn.bind(thisArg);
    return this.storage.run(ctx, call as (...a: A) => ReturnType<F>, ...args);
  }

  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const fn = target as unknown as (...args: unknown[]) => unknown;
    const manager = this;
    const bound = function (this: unknown, ...args: unknown[]) {
      return manager.with(ctx, () => fn.apply(this, args));
    };
    Object.defineProperty(bound, 'length', { value: fn.length, configurable: true });
    return bound as unknown as T;
  }

  enable(): this {
    this.enabled = true;
    return this;
  }

  disable(): this {
    this.enabled = false;
    return this;
  }
}
