/**
 * Node 20 has no `Symbol.metadata`; without it, TC39 decorators get `context.metadata` but the
 * class never exposes it. Imported before any decorated class is defined.
 */
(Symbol as { metadata?: symbol }).metadata ??= Symbol.for('Symbol.metadata');
export {};
