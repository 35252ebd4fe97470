/** @jest-config-loader ts-node */
// Loaded through ts-node on every Node line: Node 22.18+ would otherwise strip the types itself
// and load this file as an ES module, where `__dirname` and `require` do not exist.
/**
 * One jest project per package (and per decorator mode where a package needs two).
 * Each workspace lists its projects in `jest.projects.ts`; this file only collects them,
 * so a package owns its own test setup.
 */
import type { Config } from 'jest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

type ProjectConfig = Exclude<NonNullable<Config['projects']>[number], string>;

const root = __dirname;

/** Cross-package imports resolve to sources, so tests never run against a stale build. */
export const moduleNameMapper: Record<string, string> = {
  '^@llm-trace/(semconv|core|node|testing)$': join(root, 'packages/$1/src/index.ts'),
  '^@llm-trace/core/extend$': join(root, 'packages/core/src/extend.ts'),
};

const workspaces = ['packages', 'examples', '.']
  .flatMap((group) =>
    group === '.'
      ? ['benchmarks']
      : existsSync(join(root, group))
        ? readdirSync(join(root, group)).map((d) => join(group, d))
        : [],
  )
  .map((dir) => join(root, dir))
  .filter((dir) => existsSync(join(dir, 'jest.projects.ts')));

const projects: ProjectConfig[] = workspaces.flatMap((dir) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(join(dir, 'jest.projects.ts')) as { default: ProjectConfig[] };
  return mod.default.map((p) => ({
    testEnvironment: 'node',
    rootDir: dir,
    ...p,
    moduleNameMapper: { ...moduleNameMapper, ...(p.moduleNameMapper ?? {}) },
  }));
});

const config: Config = { projects };
export default config;
