/**
 * Revives a shape recorded from a real framework by integration/frameworks (class instances as
 * `{ "$class": name }`, functions as `{ "$fn": name }`, undefined as `{ "$undefined": true }`),
 * so the unit tests see objects built like the framework's, without the framework installed.
 */
import { fixture } from './tracing';

const classes = new Map<string, { prototype: object }>();

function classNamed(name: string): { prototype: object } {
  let c = classes.get(name);
  if (!c) {
    // A class whose constructor carries the recorded name, as the framework's own would.
    c = { [name]: class {} }[name]!;
    classes.set(name, c);
  }
  return c;
}

/** The recorded value rebuilt with real prototypes, functions and undefined fields. */
export function revive(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(revive);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (o.$undefined === true) return undefined;
  if (typeof o.$fn === 'string') return { [o.$fn]: () => undefined }[o.$fn];
  const out: Record<string, unknown> = typeof o.$class === 'string' ? Object.create(classNamed(o.$class).prototype) : {};
  for (const [k, val] of Object.entries(o)) if (k !== '$class') out[k] = revive(val);
  return out;
}

/** A recorded fixture under fixtures/frameworks, revived. */
export function frameworkFixture<T = unknown>(name: string): T {
  return revive(fixture(`frameworks/${name}`)) as T;
}
