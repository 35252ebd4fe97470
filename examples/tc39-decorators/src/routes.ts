/**
 * A standard (TC39) method decorator that records HTTP routes in `context.metadata`, the way
 * framework routers do, and a reader for them. Composed with `@llmSpan` on the same method, it
 * shows our decorator leaves the class metadata intact.
 */
import './metadata-polyfill';

const ROUTES = Symbol('routes');

/** One registered route. */
export interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly handler: string;
}

export function route(method: Route['method'], path: string) {
  return function <T>(_value: T, context: ClassMethodDecoratorContext): void {
    const metadata = context.metadata as Record<symbol, Route[] | undefined>;
    // Copy, so a subclass's routes never leak into its parent's list.
    metadata[ROUTES] = [...(metadata[ROUTES] ?? []), { method, path, handler: String(context.name) }];
  };
}

/** The routes a class declared. */
export function routesOf(target: abstract new (...args: never[]) => unknown): Route[] {
  const metadata = (target as { [Symbol.metadata]?: Record<symbol, Route[] | undefined> | null })[Symbol.metadata];
  return metadata?.[ROUTES] ?? [];
}
