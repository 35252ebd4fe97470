import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/extend.ts'],
  // One copy of the shared modules for both entry points, in CommonJS too: the engine keeps
  // state per module (observed results, the idle watch), which two copies would split.
  splitting: true,
  format: ['esm', 'cjs'],
  target: 'node20',
  // Rollup joins the chunks. Without it, tsup turns the split ESM into CommonJS with sucrase,
  // which also rewrites every `?.`, `??` and class field into a helper call: the CommonJS build
  // (what `require('@llm-trace/core')` loads) then ran a traced async call about 11 % slower.
  treeshake: true,
  sourcemap: false,
  clean: true,
  tsconfig: 'tsconfig.build.json',
  // tsup 8.5 injects baseUrl into the dts build, which TypeScript 6 rejects without this.
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
});
