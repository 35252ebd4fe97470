/**
 * Every `@example` in this package's JSDoc compiles against its public API: each example becomes
 * a module in a temp folder, its `@llm-trace/web` and `@llm-trace/core` imports pointed at the
 * sources, and the lot is type-checked.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileExamples, jsdocExamples } from '../../../test-utils/jsdoc-examples';

const SRC = join(__dirname, '..', 'src');

test('every @llm-trace/web example compiles against the public API', () => {
  const all = readdirSync(SRC).flatMap((f) => jsdocExamples(join(SRC, f)));
  expect(all.length).toBeGreaterThanOrEqual(12);
  expect(compileExamples(all)).toEqual([]);
});
