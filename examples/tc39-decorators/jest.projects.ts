import { tsProject } from '../../jest.preset';

export default [
  tsProject('example-tc39-decorators', '<rootDir>/tsconfig.json', {
    moduleNameMapper: { '^@llm-trace/example-fake-llm-server$': '<rootDir>/../fake-llm-server/src/index.ts' },
  }),
];
