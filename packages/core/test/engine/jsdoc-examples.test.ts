/**
 * Every `@example` in the engine's JSDoc (engine/, capture/, state.ts, serialize.ts) compiles
 * against the package's public API. Each example becomes one module in a temp folder, its
 * `@llm-trace/core` import pointed at the sources, and the lot is type-checked.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileExamples, jsdocExamples } from '../../../../test-utils/jsdoc-examples';

const SRC = join(__dirname, '..', '..', 'src');
const FILES = [
  ...readdirSync(join(SRC, 'engine')).map((f) => join(SRC, 'engine', f)),
  join(SRC, 'capture', 'registry.ts'),
  join(SRC, 'state.ts'),
  join(SRC, 'serialize.ts'),
  join(SRC, 'otlp-target.ts'),
];

test('every engine example compiles against the public API', () => {
  const all = FILES.flatMap(jsdocExamples);
  expect(all.length).toBeGreaterThanOrEqual(28);
  expect(compileExamples(all)).toEqual([]);
});
