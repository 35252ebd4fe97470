import { defineConfig } from 'tsup';

// tsup 8.5 injects baseUrl into the dts build, which TypeScript 6 rejects without this.
const dts = { compilerOptions: { ignoreDeprecations: '6.0' } };

// `clean` is off: the two builds run in parallel, so the build script empties dist first.
export default defineConfig([
  {
    // `jest` is its own entry so that only importing it registers the matchers.
    entry: { index: 'src/index.ts', jest: 'src/jest.ts' },
    format: ['esm', 'cjs'],
    target: 'node20',
    sourcemap: false,
    clean: false,
    tsconfig: 'tsconfig.build.json',
    dts,
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['cjs'],
    target: 'node20',
    sourcemap: false,
    clean: false,
    tsconfig: 'tsconfig.build.json',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
