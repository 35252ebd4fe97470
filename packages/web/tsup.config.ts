import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  target: 'es2022',
  sourcemap: true,
  clean: true,
  // Neutral output: no Node built-ins are assumed, so the bundle loads in workerd, Vercel Edge and browsers.
  platform: 'neutral',
  tsconfig: 'tsconfig.build.json',
  // tsup 8.5 injects baseUrl into the dts build, which TypeScript 6 rejects without this.
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
});
