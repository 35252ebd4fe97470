/**
 * A tiny NestJS-style injector: `@Injectable()` classes get their constructor dependencies from
 * `design:paramtypes`, the metadata TypeScript emits under `emitDecoratorMetadata`. It is here to
 * prove that `@llmSpan` leaves that metadata intact.
 */
import 'reflect-metadata';

type Constructor<T = unknown> = new (...args: never[]) => T;

const INJECTABLE = Symbol('injectable');

/** Marks a class the container may construct. */
export function Injectable(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(INJECTABLE, true, target);
  };
}

export class Container {
  private readonly instances = new Map<unknown, unknown>();

  /** Supplies a ready-made value for a token (a class used as a type, e.g. `OpenAI`). */
  provide<T>(token: Constructor<T>, value: T): this {
    this.instances.set(token, value);
    return this;
  }

  resolve<T>(token: Constructor<T>): T {
    if (this.instances.has(token)) return this.instances.get(token) as T;
    if (!Reflect.getMetadata(INJECTABLE, token)) {
      throw new Error(`${token.name} is not @Injectable() and no value was provided for it`);
    }
    const deps: Constructor[] = Reflect.getMetadata('design:paramtypes', token) ?? [];
    const instance = new token(...(deps.map((d) => this.resolve(d)) as never[]));
    this.instances.set(token, instance);
    return instance;
  }
}
