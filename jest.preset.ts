/**
 * Shared ts-jest settings for the workspaces' `jest.projects.ts` files.
 * `tsconfig` picks the compiler options (and so the decorator mode) the test files compile under.
 */
import type { Config } from 'jest';

type ProjectConfig = Exclude<NonNullable<Config['projects']>[number], string>;

export function tsProject(
  displayName: string,
  tsconfig: string,
  extra: Partial<ProjectConfig> = {},
): ProjectConfig {
  return {
    displayName,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig }] },
    ...extra,
  };
}
