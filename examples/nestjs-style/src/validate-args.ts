/**
 * A method decorator that reads `design:paramtypes` and checks the runtime type of each
 * primitive argument, like a NestJS validation pipe. Composed with `@llmSpan` on the same method,
 * it shows the two cooperate: the metadata is still there, and a rejected call is a traced error.
 */
import 'reflect-metadata';

const PRIMITIVES = new Map<unknown, string>([
  [String, 'string'],
  [Number, 'number'],
  [Boolean, 'boolean'],
]);

export function ValidateArgs(): MethodDecorator {
  return (target, key, descriptor) => {
    const types: unknown[] = Reflect.getMetadata('design:paramtypes', target, key) ?? [];
    const original = descriptor.value as unknown as (...args: unknown[]) => unknown;
    const checked = function (this: unknown, ...args: unknown[]) {
      types.forEach((type, i) => {
        const expected = PRIMITIVES.get(type);
        if (expected && typeof args[i] !== expected) {
          throw new TypeError(`${String(key)}(): argument ${i + 1} must be a ${expected}, got ${typeof args[i]}`);
        }
      });
      return original.apply(this, args);
    };
    Object.defineProperty(checked, 'name', { value: original.name });
    descriptor.value = checked as never;
    return descriptor;
  };
}

/** The parameter types `@ValidateArgs` sees, for showing that the metadata survived. */
export function parameterTypeNames(target: object, key: string): string[] {
  const types: { name: string }[] = Reflect.getMetadata('design:paramtypes', target, key) ?? [];
  return types.map((t) => t.name);
}
